package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** No clear text by default: every HTTP channel refuses an {@code http://} URL unless told why it is acceptable. */
class TransportSecurityTest {

    static final URI CLEAR = URI.create("http://relay.hospital.example:8080/x");
    static final URI SECURE = URI.create("https://relay.hospital.example/x");

    /** Each HTTP channel's builder with every URL set to {@code base}, not yet built. */
    static List<Function<URI, HttpChannelBuilder<?>>> builders() {
        return List.of(
                u -> WebhookChannel.builder().url(u).secret(WebhookChannelTest.SECRET),
                u -> SlackChannel.builder().webhookUrl(u),
                u -> SlackChannel.builder().botToken("xoxb-1").baseUrl(u),
                u -> TeamsChannel.builder().webhookUrl(u),
                u -> TwilioSmsChannel.builder().accountSid("AC1").authToken("tok").from("+15550000").baseUrl(u),
                u -> WhatsAppChannel.builder().token("tok").phoneNumberId("1234").baseUrl(u),
                u -> FcmPushChannel.builder().serviceAccountJson(serviceAccount(u)).baseUrl(u));
    }

    static String serviceAccount(URI tokenUri) {
        ObjectNode sa = Fixtures.JSON.createObjectNode();
        sa.put("type", "service_account");
        sa.put("project_id", "nexus-test");
        sa.put("private_key", FcmPushChannelTest.pem(FcmPushChannelTest.KEYS));
        sa.put("client_email", "notifier@nexus-test.iam.gserviceaccount.com");
        sa.put("token_uri", tokenUri.toString());
        return sa.toString();
    }

    private static NotificationChannel build(HttpChannelBuilder<?> b) {
        if (b instanceof WebhookChannel.Builder w) {
            return w.build();
        } else if (b instanceof SlackChannel.Builder s) {
            return s.build();
        } else if (b instanceof TeamsChannel.Builder t) {
            return t.build();
        } else if (b instanceof TwilioSmsChannel.Builder t) {
            return t.build();
        } else if (b instanceof WhatsAppChannel.Builder w) {
            return w.build();
        } else if (b instanceof FcmPushChannel.Builder f) {
            return f.build();
        }
        throw new IllegalArgumentException("unknown builder " + b);
    }

    @Test
    void httpIsRefusedNamingTheSetting() {
        for (var builder : builders()) {
            assertThatThrownBy(() -> build(builder.apply(CLEAR)))
                    .isInstanceOf(ChannelConfigurationException.class)
                    .hasMessageContaining("http:// URL")
                    .hasMessageContaining("would send credentials and patient data in clear text")
                    .hasMessageContaining("allowInsecureTransport(reason)")
                    .hasMessageNotContaining("relay.hospital.example:8080/x");
        }
    }

    @Test
    void httpsBuilds() {
        for (var builder : builders()) {
            assertThat(build(builder.apply(SECURE)).name()).isNotBlank();
        }
    }

    @Test
    void theOptOutNeedsAReasonAndThenAllowsClearText() {
        for (var builder : builders()) {
            assertThatThrownBy(() -> builder.apply(CLEAR).allowInsecureTransport(" "))
                    .isInstanceOf(ChannelConfigurationException.class).hasMessageContaining("needs a reason");
            assertThat(build(builder.apply(CLEAR).allowInsecureTransport("relay inside the hospital network")).name())
                    .isNotBlank();
        }
    }

    @Test
    void anHttpTokenEndpointIsRefusedToo() {
        assertThatThrownBy(() -> FcmPushChannel.builder().serviceAccountJson(serviceAccount(CLEAR)).build())
                .isInstanceOfSatisfying(ChannelConfigurationException.class,
                        e -> assertThat(e.settings()).containsExactly("serviceAccount token_uri"));
    }
}
