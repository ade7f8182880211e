package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.Roster;
import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The system panel's data from the service's Prometheus registry, for a monitor driven through a known
 * scenario in event time: a page refused once then delivered, an escalation whose text fails for good (a dead
 * letter), the submit-to-alert latency on an injected nano source, and the observation rate on another.
 */
class SystemPanelTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");

    record Channel(String name, Function<Notification, DeliveryResult> answer) implements NotificationChannel {
        @Override
        public DeliveryResult deliver(Notification n) {
            return answer.apply(n);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void showsLatencyAndEachChannelsOutcomesFromTheMeters() {
        MockClock clock = new MockClock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        VitalMonitorMetrics metrics = VitalMonitorMetrics.create(Tags.empty(), clock);
        AtomicLong engineNanos = new AtomicLong();
        AtomicLong panelNanos = new AtomicLong(1_000_000_000L);
        AtomicLong pushCalls = new AtomicLong();
        Channel push = new Channel("push", n -> pushCalls.incrementAndGet() == 1
                ? DeliveryResult.retryLater("503") : DeliveryResult.delivered("ok"));
        Channel sms = new Channel("sms", n -> n.event() == EventKind.RESOLVED ? DeliveryResult.delivered("ok")
                : DeliveryResult.failed("number not in service"));
        EscalationChain chain = EscalationChain.fromJson("""
                {"name": "two levels", "repeat": 0, "levels": [
                  {"name": "bedside", "targets": [{"role": "bedside-nurse"}], "channels": ["push"], "wait_minutes": 2},
                  {"name": "charge", "targets": [{"role": "charge-nurse"}], "channels": ["sms"], "wait_minutes": 2}]}
                """);
        Roster roster = Roster.builder()
                .role("bedside-nurse", "Bedside nurse", ContactPoint.of("push", "tok-bn"))
                .role("charge-nurse", "Charge nurse", ContactPoint.of("sms", "+5511999990000"))
                .build();
        SystemPanel panel = new SystemPanel(registry, panelNanos::get);
        try (VitalMonitor monitor = VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .listenerExecutor(r -> {
                    engineNanos.addAndGet(Duration.ofMillis(3).toNanos()); // each delivery run waits 3 ms
                    r.run();
                })
                .nanoClock(engineNanos::get)
                .listener(metrics.alertListener())
                .submitLatencyListener(metrics.submitLatencyListener())
                .paging(Paging.builder().channel(push).channel(sms).escalation(chain, roster)
                        .deliveryListener(metrics.deliveryListener()).build())
                .build()) {
            metrics.monitor(monitor).bindTo(registry);
            monitor.register(PatientContext.of("bed-1").withWard("ward-7"));
            for (long s = 0; s <= 150; s += 10) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(84).build());
            }
            Map<String, Object> first = panel.read(List.of("push", "sms", "webhook"));
            assertThat(first.get("patients_monitored")).isEqualTo(1L);
            assertThat((Map<String, Object>) first.get("open_alerts")).containsEntry("critical", 1L).containsEntry("high", 1L)
                    .containsEntry("medium", 0L).containsEntry("low", 0L);
            Map<String, Object> observations = (Map<String, Object>) first.get("observations");
            assertThat(observations).containsEntry("accepted", 16L).containsEntry("rejected", 0L);
            assertThat(observations.get("per_second")).as("one reading: no rate yet").isNull();

            // The SpO2 alert was raised in a submit's engine step, 3 ms before its listeners. The notification-failed
            // alert is raised by delivery (a dead letter), after the step and off the engine lock: not a submit's.
            Map<String, Object> raised = (Map<String, Object>) ((Map<String, Object>) first.get("engine_latency")).get("raised");
            assertThat(raised.get("count")).isEqualTo(1L);
            assertThat(raised.get("max_ms")).isEqualTo(3.0);
            // Micrometer's percentiles come from a histogram of limited precision (1 significant digit by default).
            assertThat((double) raised.get("p50_ms")).isCloseTo(3.0, within(0.3));
            assertThat((double) raised.get("p99_ms")).isCloseTo(3.0, within(0.3));
            assertThat((double) raised.get("p999_ms")).isCloseTo(3.0, within(0.3));

            // push: the first page refused once then delivered, the bedside nurse paged again after the dead
            // letter; sms: the escalation failed for good; webhook: configured, nothing sent yet.
            assertThat((List<Map<String, Object>>) first.get("delivery")).containsExactly(
                    Map.of("channel", "push", "sent", 2L, "refused_for_now", 1L, "failed", 0L, "retried", 1L, "dead_lettered", 0L),
                    Map.of("channel", "sms", "sent", 0L, "refused_for_now", 0L, "failed", 1L, "retried", 0L, "dead_lettered", 1L),
                    Map.of("channel", "webhook", "sent", 0L, "refused_for_now", 0L, "failed", 0L, "retried", 0L, "dead_lettered", 0L));

            // Ten more observations over 5 s of the panel's clock: 2 per second.
            for (long s = 160; s < 260; s += 10) {
                monitor.submit(Observation.builder("bed-1", T0.plusSeconds(s)).spo2(84).build());
            }
            panelNanos.addAndGet(Duration.ofSeconds(5).toNanos());
            Map<String, Object> second = (Map<String, Object>) panel.read(List.of()).get("observations");
            assertThat(second).containsEntry("accepted", 26L).containsEntry("per_second", 2.0);
        }
    }
}
