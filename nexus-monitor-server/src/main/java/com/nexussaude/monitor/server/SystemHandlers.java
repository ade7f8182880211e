package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;

import com.nexussaude.monitor.MonitorStats;
import com.nexussaude.monitor.journal.JournalProblem;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health (public: liveness and readiness), status and the JSON metrics summary. */
final class SystemHandlers {
    private final MonitorServer s;

    SystemHandlers(MonitorServer server) {
        this.s = server;
    }

    void health(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = true;
        Map<String, Object> engine = new LinkedHashMap<>();
        try {
            MonitorStats st = s.monitor.stats();
            engine.put("status", "up");
            engine.put("clock", String.valueOf(s.monitor.now()));
            engine.put("open_alerts", st.openAlerts());
        } catch (RuntimeException e) {
            engine.put("status", "down");
            engine.put("detail", e.getMessage());
            ready = false;
        }
        checks.put("engine", engine);
        Map<String, Object> journal = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JournalProblem jp : s.monitor.journalProblems()) {
            problems.add(jp.toString());
        }
        boolean up = engine.get("status").equals("up");
        long failures = up ? s.monitor.stats().journalFailures() : -1;
        // Degraded while records wait to be written, not forever after one failed append that was retried.
        boolean healthy = up && s.monitor.journalHealthy();
        journal.put("status", healthy ? "up" : "degraded");
        s.storage.describe(journal);
        journal.put("append_failures", failures);
        journal.put("backlog", up ? s.monitor.journalBacklog() : -1);
        journal.put("records_lost", up ? s.monitor.journalRecordsLost() : -1);
        journal.put("recovery_problems", problems);
        if (!healthy) {
            ready = false;
        }
        checks.put("journal", journal);
        Map<String, Object> channels = new LinkedHashMap<>();
        if (s.channelNames().isEmpty()) {
            channels.put("status", "none configured");
            channels.put("detail", "this server pages nobody (set SMTP_HOST, TWILIO_ACCOUNT_SID, WHATSAPP_TOKEN,"
                    + " FCM_SERVICE_ACCOUNT_FILE, SLACK_WEBHOOK_URL, TEAMS_WEBHOOK_URL or WEBHOOK_URL): alerts reach"
                    + " people through the API, the WebSocket and SSE only");
        } else {
            channels.put("status", "up");
            channels.put("names", s.channelNames());
            channels.put("paging", s.pagingDescription);
        }
        channels.put("pending_notifications", s.monitor.pendingNotifications());
        channels.put("delivery_attempts", s.counters.deliveryAttempts.get());
        channels.put("delivered", s.counters.deliveries.get());
        if (s.kafka != null && !s.channelNames().isEmpty()) {
            if (s.kafka.delivers()) {
                // The local monitor's counters above stay at zero: the delivery's own counts are under checks.kafka.
                channels.put("kafka_mode", "the group's monitors write pages to " + s.kafka.topics.pages() + "; this"
                        + " instance delivers those of the partitions it owns (checks.kafka.delivery), the group's"
                        + " other monitor instances the rest");
            } else {
                // Not "up": this process sends no page (role api), and an operator must not read otherwise.
                channels.put("status", "pages topic only");
                channels.put("kafka_mode", "the group's monitors write pages to " + s.kafka.topics.pages() + "; the"
                        + " group's monitor instances (KAFKA_ROLE=monitor) deliver them, this instance (role api)"
                        + " sends none (docs/kafka.md, \"The service in Kafka mode\")");
            }
        }
        checks.put("channels", channels);
        if (s.kafka != null) {
            Map<String, Object> kafka = s.kafka.status();
            boolean kafkaUp = KafkaMode.healthy(kafka);
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("status", kafkaUp ? "up" : "down");
            k.putAll(kafka);
            checks.put("kafka", k);
            ready &= kafkaUp;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", s.kafka != null ? "kafka" : "standalone");
        out.put("status", ready ? "up" : "down");
        out.put("live", true);
        out.put("ready", ready);
        out.put("checks", checks);
        ctx.status(ready ? 200 : 503);
        ctx.json(out);
    }

    void status(Context ctx) {
        need(ctx, VIEWER);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", "nexus-monitor-server");
        out.put("version", "0.1.0");
        out.put("started_at", s.startedAt.toString());
        out.put("uptime_seconds", Duration.between(s.startedAt, Instant.now()).toSeconds());
        out.put("monitor_clock", String.valueOf(s.monitor.now()));
        out.put("open_alerts", s.monitor.openAlerts().size());
        out.put("open_incidents", s.monitor.incidents().size());
        out.put("silences", s.monitor.silences().size());
        out.put("patients_with_readings", s.vitals.estimatedSize());
        out.put("rule_files", s.monitor.ruleNames());
        out.put("websocket_clients", s.wsClients.size());
        out.put("event_sequence", s.hub.latestSeq());
        ctx.json(out);
    }

    void metrics(Context ctx) {
        need(ctx, VIEWER);
        MonitorStats st = s.monitor.stats();
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("observations_accepted", st.accepted());
        engine.put("observations_rejected", st.rejected());
        engine.put("observations_late", st.late());
        engine.put("signals", st.signals());
        engine.put("invalid_signals", st.invalidSignals());
        engine.put("alerts_raised", st.alertsRaised());
        engine.put("open_alerts", st.openAlerts());
        engine.put("listener_failures", st.listenerFailures());
        engine.put("journal_failures", st.journalFailures());
        engine.put("pending_notifications", s.monitor.pendingNotifications());
        Map<String, Object> http = new LinkedHashMap<>();
        MonitorServer.Counters c = s.counters;
        http.put("requests", c.requests.get());
        http.put("rate_limited", c.rateLimited.get());
        http.put("unauthorized", c.unauthorized.get());
        http.put("forbidden", c.forbidden.get());
        http.put("vitals_accepted", c.vitalsAccepted.get());
        http.put("vitals_rejected", c.vitalsRejected.get());
        http.put("idempotent_replays", c.idempotentReplays.get());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("events_published", s.hub.published());
        live.put("event_sequence", s.hub.latestSeq());
        live.put("websocket_clients", s.wsClients.size());
        live.put("websocket_connected_total", c.wsConnected.get());
        live.put("websocket_dropped_total", c.wsDropped.get());
        live.put("sse_connected_total", c.sseConnected.get());
        live.put("sse_dropped_total", c.sseDropped.get());
        live.put("recent_drops", c.lastDrops());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        out.put("http", http);
        out.put("live", live);
        ctx.json(out);
    }

    /** {@code GET /metrics}: the Prometheus scrape (public: meters carry no patient data). */
    void prometheus(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.prometheus.scrape());
    }
}
