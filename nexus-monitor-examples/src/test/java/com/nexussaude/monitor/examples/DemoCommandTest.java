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
    void demoJsonlPrintsTheReplayFormat() {
        Cli.Result r = Cli.run("demo", "--jsonl");
        assertThat(r.exit()).isZero();
        assertThat(ReplayCommandTest.events(r.out()))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("alert"))
                .anySatisfy(e -> assertThat(e.get("event").asText()).isEqualTo("raised"));
    }
}
