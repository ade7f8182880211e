package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationField;
import com.nexussaude.monitor.notify.PrivacyPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextAndTemplatesTest {

    /** Quotes, backslashes, newlines, a tab, a control character, Slack's control characters and HTML. */
    static final String NASTY = "SpO2 \"82\" \\ low\nsecond line\tand <b>&amp</b> \u0001 <!channel> end";

    @Test
    @DisplayName("truncation never splits an emoji and ends in an ASCII ellipsis")
    void truncation() {
        assertThat(Text.truncate("short", 160)).isEqualTo("short");
        String withEmoji = "a".repeat(6) + "\uD83D\uDE91" + "bbbb"; // 6 + ambulance (2 units) + 4
        assertThat(Text.truncate(withEmoji, 10)).isEqualTo("aaaaaa...");
        assertThat(Text.truncate("abcdefghijk", 10)).isEqualTo("abcdefg...").hasSize(10);
        assertThatThrownBy(() -> Text.truncate("abc", 2)).hasMessageContaining("at least 3");
    }

    @Test
    @DisplayName("JSON templates stay valid JSON whatever the message holds (Slack and Teams)")
    void jsonTemplatesEscape() {
        Notification n = Fixtures.notification("slack", "C1").message(NASTY).evidence("note", "a \"quoted\"\nvalue")
                .build();
        Map<String, Object> model = TemplateModel.of(n, "https://dash.example/alerts?id=1&x=<2>");
        for (var part : List.of(Templates.Part.bundled("body", "slack.json.mustache", Escaping.SLACK_JSON),
                Templates.Part.bundled("body", "teams.json.mustache", Escaping.JSON))) {
            String rendered = Templates.compile("test", List.of(part), Map.of()).render("body", model);
            JsonNode json = Fixtures.json(rendered);
            assertThat(json.isObject()).as(rendered).isTrue();
            assertThat(rendered).doesNotContain("\u0001");
        }
        String slack = Templates.compile("slack", List.of(Templates.Part.bundled("body", "slack.json.mustache",
                Escaping.SLACK_JSON)), Map.of()).render("body", model);
        // The message survives the round trip, with Slack's &, < and > as entities.
        assertThat(Fixtures.json(slack).path("text").asText()).contains("SpO2 \"82\" \\ low second line and &lt;b&gt;&amp;amp&lt;/b&gt;");
        assertThat(slack).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
    }

    @Test
    @DisplayName("HTML templates escape the message")
    void htmlEscapes() {
        Notification n = Fixtures.notification("email", "a@b.c").message("<script>alert('x')</script>").build();
        String html = Templates.compile("email", List.of(Templates.Part.bundled("html", "email.html.mustache", Escaping.HTML)),
                Map.of()).render("html", TemplateModel.of(n, null));
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    @DisplayName("the model carries the original product's variables and more; absent values are absent")
    void model() {
        Notification n = PrivacyPolicy.minimumNecessary().apply(Fixtures.notification("sms", "+1").build());
        Map<String, Object> m = TemplateModel.of(n, "https://dash.example");
        assertThat(m).containsEntry("patient_id", "patient-0042").containsEntry("severity", "critical")
                .containsEntry("message", "SpO2 82 % below 85 for 10 s").containsEntry("timestamp", "2026-11-25T08:00:00Z")
                .containsEntry("dashboard_url", "https://dash.example").containsEntry("rule", "threshold")
                .containsEntry("ward", "ward-3").containsEntry("bed", "12").containsEntry("level", "1")
                .containsEntry("alert_id", "alert-000001").containsEntry("incident_id", "incident-7")
                .containsEntry("category", "physiological").containsEntry("location", "bed 12, ward-3")
                .containsEntry("title", "CRITICAL: SpO2 82 % below 85 for 10 s");
        assertThat(m.get("patient_name")).isNull();
        assertThat(TemplateModel.title(Fixtures.notification("sms", "+1").event(EventKind.RESOLVED).build()))
                .isEqualTo("Resolved: SpO2 82 % below 85 for 10 s");
        assertThat(TemplateModel.title(Fixtures.notification("sms", "+1").message("x".repeat(400)).build())).hasSize(150);
        Notification bedOnly = PrivacyPolicy.of(NotificationField.BED).apply(Fixtures.notification("sms", "+1").build());
        assertThat(TemplateModel.of(bedOnly, null)).containsEntry("location", "bed 12").containsEntry("message", null);
    }

    @Test
    @DisplayName("page_text says where and who before what; a policy may drop the name, the default keeps bed, ward and id")
    void pageText() {
        Notification n = Fixtures.notification("sms", "+1").build();
        assertThat(TemplateModel.pageText(PrivacyPolicy.minimumNecessary().apply(n)))
                .isEqualTo("CRITICAL bed 12 (ward-3) patient patient-0042: SpO2 82 % below 85 for 10 s");
        assertThat(TemplateModel.pageText(PrivacyPolicy.all().apply(n))).isEqualTo(
                "CRITICAL bed 12 (ward-3) patient patient-0042 (" + Fixtures.PATIENT_NAME + "): SpO2 82 % below 85 for 10 s");
        assertThat(TemplateModel.pageText(n.toBuilder().bed(null).patientName(null).event(EventKind.ESCALATED).escalationLevel(2).build()))
                .startsWith("CRITICAL escalated to level 2 ward-3 patient patient-0042: ");
        // Cut to an SMS, the location and the patient survive: they come first.
        String sms = Text.truncate(TemplateModel.pageText(PrivacyPolicy.minimumNecessary()
                .apply(n.toBuilder().message("SpO2 low ".repeat(40)).build())), 160);
        assertThat(sms).startsWith("CRITICAL bed 12 (ward-3) patient patient-0042: SpO2 low").hasSizeLessThanOrEqualTo(160);
    }

    @Test
    @DisplayName("a template override that does not compile, or names an unknown part, is a configuration error")
    void badOverrides() {
        assertThatThrownBy(() -> TwilioSmsChannel.builder().accountSid("AC1").authToken("t").from("+1")
                .template("text", "{{#open}} never closed").build())
                .isInstanceOf(ChannelConfigurationException.class).hasMessageContaining("text template of the sms channel");
        assertThatThrownBy(() -> TwilioSmsChannel.builder().accountSid("AC1").authToken("t").from("+1")
                .template("subject", "x").build())
                .hasMessageContaining("no template part 'subject'").hasMessageContaining("[text]");
    }

    @Test
    @DisplayName("Retry-After: seconds, an HTTP date, a past date, garbage")
    void retryAfter() {
        Clock clock = Fixtures.CLOCK; // 08:00:15Z
        assertThat(Http.parseRetryAfter("120", clock)).contains(Duration.ofMinutes(2));
        assertThat(Http.parseRetryAfter("Wed, 25 Nov 2026 08:00:45 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(Http.parseRetryAfter("Wed, 25 Nov 2026 07:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(Http.parseRetryAfter("soon", clock)).isEmpty();
    }
}
