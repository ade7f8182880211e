package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.channels.TestHttpServer.Response;
import com.nexussaude.monitor.notify.Content;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TwilioSmsChannelTest extends HttpChannelContract<TwilioSmsChannel, TwilioSmsChannel.Builder> {

    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "twilio-auth-token-0f1e2d3c";
    static final String FROM = "+15017122661";
    static final String TO = "+15558675310";

    TwilioSmsChannelTest() {
        super(TwilioSmsChannel.Builder::build, "Twilio", TO);
    }

    @Override
    TwilioSmsChannel.Builder configure(TestHttpServer server) {
        return TwilioSmsChannel.builder().accountSid(SID).authToken(TOKEN).from(FROM).baseUrl(server.url());
    }

    @Override
    Answers answers() {
        return new Answers(
                Response.of(201, "{\"sid\":\"SM87105da94bff44b999e4e6eb90d8eb6a\",\"status\":\"queued\"}"),
                Response.of(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"),
                Response.of(429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"),
                Response.of(400, "{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid phone number.\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}"));
    }

    /** Twilio's error code, message and link are quoted in a permanent failure. */
    @Override
    String rejectionReason() {
        return "HTTP 400 from Twilio: Twilio error 21211: The 'To' number +1555 is not a valid"
                + " phone number. (https://www.twilio.com/docs/errors/21211)";
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    @Test
    @DisplayName("POSTs the form to Messages.json with Basic auth, as Twilio documents")
    void exactRequest() {
        Accepted a = deliverAccepted(sample().build(), Wire.post("/2010-04-01/Accounts/" + SID + "/Messages.json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8))));
        assertThat(a.result().reason()).contains("SM87105da94bff44b999e4e6eb90d8eb6a", "queued");
        Map<String, String> form = a.request().form();
        assertThat(form).containsOnlyKeys("To", "From", "Body");
        assertThat(form.get("To")).isEqualTo(TO);
        assertThat(form.get("From")).isEqualTo(FROM);
        // Issue 13: the SMS says where and who before what (it used to omit the patient id, so a nurse covering
        // several beds could not tell which patient), and the default privacy policy still drops the name.
        assertThat(form.get("Body")).isEqualTo(
                        "CRITICAL bed 12 (ward-3) patient patient-0042: SpO2 82 % below 85 for 10 s [alert-000001]")
                .doesNotContain(Fixtures.PATIENT_NAME);
    }

    @Test
    @DisplayName("a text over 160 characters is cut to at most 160 with an ASCII ellipsis")
    void truncates() {
        channel.deliver(sample().message("SpO2 low ".repeat(40)).build());
        String body = server.lastRequest().form().get("Body");
        assertThat(body).hasSizeLessThanOrEqualTo(160).hasSizeGreaterThan(150)
                // Issue 13: the default text starts with where and who, so a cut keeps the bed and the patient.
                .startsWith("CRITICAL bed 12 (ward-3) patient patient-0042: SpO2 low").endsWith("...");
    }

    @Test
    @DisplayName("a messaging service and a status callback replace From and are sent")
    void messagingService() {
        TwilioSmsChannel ms = TwilioSmsChannel.builder().accountSid(SID).authToken(TOKEN).messagingServiceSid("MG123")
                .statusCallback(java.net.URI.create("https://hospital.example/twilio/status")).baseUrl(server.url()).allowInsecureTransport("loopback test server").build();
        ms.deliver(sample().content(Content.of(null, "pre-rendered page", null)).build());
        assertThat(server.lastRequest().form()).containsEntry("MessagingServiceSid", "MG123").doesNotContainKey("From")
                .containsEntry("StatusCallback", "https://hospital.example/twilio/status")
                .containsEntry("Body", "pre-rendered page");
    }

    @Test
    @DisplayName("from the environment: every missing variable is named, and no secret value is echoed")
    void environment() {
        assertThatThrownBy(() -> TwilioSmsChannel.fromEnvironment(Map.of("TWILIO_AUTH_TOKEN", TOKEN)))
                .isInstanceOfSatisfying(ChannelConfigurationException.class, e ->
                        assertThat(e.settings()).containsExactly("TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER"))
                .hasMessageContaining("TWILIO_ACCOUNT_SID is required")
                .hasMessageContaining("TWILIO_PHONE_NUMBER (or TWILIO_MESSAGING_SERVICE_SID) is required")
                .hasMessageNotContaining(TOKEN);
        Map<String, String> env = new HashMap<>(Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_PHONE_NUMBER", FROM, "TWILIO_API_URL", server.url().toString()));
        assertThatThrownBy(() -> TwilioSmsChannel.fromEnvironment(env).build())
                .as("http:// without the opt-out").isInstanceOf(ChannelConfigurationException.class)
                .hasMessageContaining("baseUrl is an http:// URL, which would send credentials and patient data in clear text");
        env.put("NOTIFY_ALLOW_INSECURE_TRANSPORT", "loopback test server");
        TwilioSmsChannel fromEnv = TwilioSmsChannel.fromEnvironment(env).build();
        assertThat(fromEnv.deliver(sample().build()).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(fromEnv.toString()).contains(SID).doesNotContain(TOKEN);
        env.put("NOTIFY_HTTP_REQUEST_TIMEOUT_MS", "soon");
        assertThatThrownBy(() -> TwilioSmsChannel.fromEnvironment(env))
                .hasMessageContaining("NOTIFY_HTTP_REQUEST_TIMEOUT_MS must be an integer, but was 'soon'");
    }
}
