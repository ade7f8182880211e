package com.nexussaude.monitor.server;

import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;
import com.nexussaude.monitor.notify.Severity;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What the dashboard's system panel shows ({@code GET /dashboard/system}), read from the service's own meters,
 * the ones {@code GET /metrics} exports: patients monitored, open alerts by severity, the observation rate, the
 * engine latency (submit to alert, by event, from the timer's recent percentiles) and the delivery outcomes of
 * each channel (sent, refused for now, failed, retried, dead letters).
 *
 * <p>The observation rate is the accepted count's change over the last minute of this panel's own readings
 * (the page reads it every few seconds); {@code null} until two readings a second apart exist, so a number is
 * never made up.
 */
final class SystemPanel {
    static final String P = VitalMonitorMetrics.PREFIX;
    /** How far back the observation rate looks. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(60);

    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    /** {nanoTime, accepted observations}, oldest first, at least a second apart; guarded by this. */
    private final Deque<long[]> samples = new ArrayDeque<>();

    SystemPanel(MeterRegistry registry, LongSupplier nanoTime) {
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /** The panel's data; {@code channels} are the configured channels, shown even before their first page. */
    Map<String, Object> read(Collection<String> channels) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patients_monitored", (long) gauge(P + "patients"));
        Map<String, Long> open = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            open.put(s.wireName(), (long) gauge(P + "alerts.open", "severity", s.wireName()));
        }
        out.put("open_alerts", open);
        long accepted = (long) count(P + "observations", "result", "accepted");
        Map<String, Object> observations = new LinkedHashMap<>();
        observations.put("accepted", accepted);
        observations.put("rejected", (long) count(P + "observations", "result", "rejected"));
        observations.put("per_second", rate(accepted));
        out.put("observations", observations);
        out.put("engine_latency", latency());
        out.put("delivery", delivery(channels));
        return out;
    }

    /** Accepted observations per second over the window, or null before there are two readings. */
    private synchronized Double rate(long accepted) {
        long now = nanoTime.getAsLong();
        while (!samples.isEmpty() && now - samples.peekFirst()[0] > RATE_WINDOW.toNanos() && samples.size() > 1) {
            samples.pollFirst();
        }
        if (samples.isEmpty() || now - samples.peekLast()[0] >= TimeUnit.SECONDS.toNanos(1)) {
            samples.addLast(new long[] {now, accepted});
        }
        long[] oldest = samples.peekFirst();
        long elapsed = now - oldest[0];
        if (elapsed < TimeUnit.SECONDS.toNanos(1)) {
            return null;
        }
        double perSecond = (accepted - oldest[1]) / (elapsed / 1e9);
        return Math.round(perSecond * 10) / 10.0;
    }

    /** Submit-to-alert latency by event type: count since start, recent percentiles and maximum, in ms. */
    private Map<String, Object> latency() {
        Map<String, Object> byEvent = new TreeMap<>();
        for (Timer t : registry.find(P + "submit.to.alert").timers()) {
            HistogramSnapshot snap = t.takeSnapshot();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("count", t.count());
            for (ValueAtPercentile v : snap.percentileValues()) {
                String name = v.percentile() == 0.5 ? "p50_ms" : v.percentile() == 0.99 ? "p99_ms"
                        : v.percentile() == 0.999 ? "p999_ms" : null;
                if (name != null) {
                    e.put(name, ms(v.value(TimeUnit.NANOSECONDS)));
                }
            }
            e.put("max_ms", ms(t.max(TimeUnit.NANOSECONDS)));
            byEvent.put(t.getId().getTag("event"), e);
        }
        return byEvent;
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /** Per channel: attempts by outcome, attempts after the first, pages given up on. */
    private List<Map<String, Object>> delivery(Collection<String> configured) {
        Map<String, Map<String, Object>> byChannel = new TreeMap<>();
        for (String c : configured) {
            channel(byChannel, c);
        }
        for (FunctionCounter c : registry.find(P + "pages").functionCounters()) {
            String key = switch (c.getId().getTag("outcome")) {
                case "delivered" -> "sent";
                case "retry_later" -> "refused_for_now";
                case "failed" -> "failed";
                default -> null;
            };
            if (key != null) {
                add(channel(byChannel, c.getId().getTag("channel")), key, c.count());
            }
        }
        for (FunctionCounter c : registry.find(P + "pages.retries").functionCounters()) {
            add(channel(byChannel, c.getId().getTag("channel")), "retried", c.count());
        }
        for (FunctionCounter c : registry.find(P + "pages.dead.letters").functionCounters()) {
            add(channel(byChannel, c.getId().getTag("channel")), "dead_lettered", c.count());
        }
        return List.copyOf(byChannel.values());
    }

    private static Map<String, Object> channel(Map<String, Map<String, Object>> byChannel, String name) {
        return byChannel.computeIfAbsent(name, n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("channel", n);
            for (String k : List.of("sent", "refused_for_now", "failed", "retried", "dead_lettered")) {
                m.put(k, 0L);
            }
            return m;
        });
    }

    private static void add(Map<String, Object> channel, String key, double n) {
        channel.put(key, (Long) channel.get(key) + (long) n);
    }

    private double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        return g == null ? 0 : g.value();
    }

    private double count(String name, String... tags) {
        return registry.find(name).tags(tags).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
    }
}
