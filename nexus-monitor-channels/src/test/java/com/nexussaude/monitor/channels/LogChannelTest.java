package com.nexussaude.monitor.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.DeliveryResult.Outcome;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.tck.NotificationChannelContract;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogChannelTest extends NotificationChannelContract {

    /**
     * A writer that can be made to fail, standing in for a full disk. Like a server that answers
     * 500 after reading the request, it sees what was attempted before it fails.
     */
    static final class FlakyWriter extends Writer {
        final StringWriter lines = new StringWriter();
        final StringWriter attempted = new StringWriter();
        volatile boolean failing;

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            attempted.write(buf, off, len);
            if (failing) {
                throw new IOException("No space left on device");
            }
            lines.write(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    final FlakyWriter out = new FlakyWriter();
    final LogChannel channel = LogChannel.to(out);

    @Override
    protected NotificationChannel channel() {
        return channel;
    }

    @Override
    protected String address() {
        return "";
    }

    @Override
    protected void arrange(Behaviour b) {
        out.failing = b == Behaviour.SERVER_ERROR;
    }

    @Override
    protected boolean supports(Behaviour b) {
        // A file has no rate limits, rejections or network.
        return b == Behaviour.ACCEPT || b == Behaviour.SERVER_ERROR;
    }

    @Override
    protected List<String> receivedIdentities() {
        return parse(out.attempted.toString()).stream().map(l -> l.path("idempotency_key").asText()).toList();
    }

    List<JsonNode> lines() {
        return parse(out.lines.toString());
    }

    static List<JsonNode> parse(String text) {
        return text.isEmpty() ? List.of() : Arrays.stream(text.split("\n")).map(Fixtures::json).toList();
    }

    @Test
    @DisplayName("writes the notification record of the command-line contract, one JSON object per line")
    void record() {
        DeliveryResult r = channel.deliver(Fixtures.notification("sms", "+15550100").build());
        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(out.lines.toString()).endsWith("\n").doesNotContain(Fixtures.PATIENT_NAME).doesNotContain("SpO2");
        JsonNode line = lines().get(0);
        assertThat(line.path("type").asText()).isEqualTo("notification");
        assertThat(line.path("alert_id").asText()).isEqualTo("alert-000001");
        assertThat(line.path("level").asInt()).isEqualTo(1);
        assertThat(line.path("recipient").asText()).isEqualTo("charge-nurse");
        assertThat(line.path("channel").asText()).isEqualTo("sms");
        assertThat(line.path("timestamp").asText()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(line.path("outcome").asText()).isEqualTo("logged");
    }
}
