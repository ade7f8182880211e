package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void demoTellsTheNightAndIsDeterministic() {
        Cli.Result first = Cli.run("demo");
        Cli.Result second = Cli.run("demo");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains(" RAISED ");
        assertThat(first.out()).isEqualTo(second.out());
        // The septic and the hypoxic patients alert; the artefact dip and the stable beds do not.
        assertThat(first.out()).containsPattern("bed-3\\s+RAISED\\s+\\w+\\s+threshold/SPO2");
        assertThat(first.out()).containsPattern("bed-4\\s+RAISED\\s+\\w+\\s+threshold/HEART_RATE");
        for (String quiet : new String[] {"bed-1", "bed-2", "bed-5", "bed-6"}) {
            assertThat(first.out()).doesNotContainPattern(quiet + "\\s+RAISED");
        }
        assertThat(first.out()).contains("Per patient:");
        // The deteriorating beds page once per incident and climb the escalation; the stable ones never page.
        assertThat(first.out()).containsPattern("bed-3 .* incidents: 1, pages: L1 \\d+, L2 \\d+")
                .containsPattern("bed-4 .* incidents: 1, pages: L1 \\d+, L2 \\d+")
                .containsPattern("bed-1 .* incidents: 0, pages: none");
    }

    @Test
    void theTimelineShowsPagesFoldsRepeatedUpdatesAndLeadsNews2WithItsResponse() {
        Cli.Result r = Cli.run("demo");
        assertThat(r.exit()).as(r.err()).isZero();
        // Pages are in the timeline, with level, recipient and channel, after the event that caused them.
        assertThat(r.out()).containsPattern("bed-3\\s+PAGE L1 \\w+\\s+\\w+\\s+\\S+\\s+to Bedside nurse \\(push\\): ")
                .containsPattern("bed-4\\s+PAGE L2 \\w+\\s+\\w+\\s+\\S+\\s+to Charge nurse \\(push\\): ");
        // Repeated updates are folded into the alert's next line; --all shows them.
        assertThat(r.out()).doesNotContain(" UPDATED ").containsPattern("\\[\\+\\d+ updates?\\]");
        Cli.Result all = Cli.run("demo", "--all");
        assertThat(all.out()).contains(" UPDATED ").doesNotContainPattern("\\[\\+\\d+ updates?\\]");
        // Severity and wording agree: a high NEWS2 alert says "urgent response" first, the RCP risk band after.
        assertThat(r.out()).containsPattern("high\\s+news2\\s+NEWS2 [56]: urgent response \\(RCP clinical risk: medium\\)")
                .doesNotContainPattern("NEWS2 \\d+ \\(\\w+ risk\\)");
    }

    @Test
    void news2MessagesAreLedByTheResponseTheirSeverityFollows() {
        assertThat(DemoCommand.readable("news2", "NEWS2 6 (medium risk): urgent response; respiratory_rate 2, heart_rate 1"))
                .isEqualTo("NEWS2 6: urgent response (RCP clinical risk: medium); respiratory_rate 2, heart_rate 1");
        assertThat(DemoCommand.readable("news2", "NEWS2 7 (high risk): emergency response"))
                .isEqualTo("NEWS2 7: emergency response (RCP clinical risk: high)");
        assertThat(DemoCommand.readable("threshold", "SpO2 88 % below 90")).isEqualTo("SpO2 88 % below 90");
    }

    @Test
    void demoJsonlPrintsTheReplayFormat() {
        Cli.Result r = Cli.run("demo", "--jsonl");
        assertThat(r.exit()).isZero();
        assertThat(ReplayCommandTest.events(r.out()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("alert"))
                .anySatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("raised"));
    }
}
