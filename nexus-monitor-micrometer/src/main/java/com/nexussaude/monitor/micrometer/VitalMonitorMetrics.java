package com.nexussaude.monitor.micrometer;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.IncidentListener;
import com.nexussaude.monitor.SubmitLatencyListener;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.dispatch.DeadLetter;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters for a {@link VitalMonitor}, in Micrometer's dot style with bounded tags only (never
 * a patient id): patients monitored, observations (and values) accepted and rejected by reason, rule
 * signals, alerts by event, severity, rule and category, open alerts and incidents by severity, the
 * submit-to-alert latency, pages by channel, outcome and escalation level, retries and dead letters by
 * channel and outcome, delivery time, journal append and fsync time, listener lag and, for a live clock,
 * how far the monitor clock is behind wall time.
 *
 * <p>Core knows nothing of Micrometer (the Resilience4j pattern): this class observes the monitor
 * through its public hooks, so it is wired in while the monitor is built and bound once it exists.
 * <pre>{@code
 * VitalMonitorMetrics metrics = VitalMonitorMetrics.create();
 * VitalMonitor monitor = VitalMonitor.builder()
 *         .listener(metrics.alertListener())
 *         .incidentListener(metrics.incidentListener())
 *         .submitLatencyListener(metrics.submitLatencyListener())
 *         .journal(metrics.timed(FileJournal.builder(path).fsyncListener(metrics.fsyncListener()).build()))
 *         .paging(Paging.builder().channel(sms).deliveryListener(metrics.deliveryListener()).build())
 *         .build();
 * metrics.monitor(monitor).bindTo(registry);
 * }</pre>
 *
 * <p>Threads: the alert and incident listeners run on the monitor's listener thread, the delivery
 * listener on the dispatcher's threads and the journal wrapper on the engine thread; every counter
 * here is safe for all of them at once. Events that arrive before {@link #bindTo} are counted and
 * show up when it is called (timers record only from then on); a meter of a tag combination first
 * seen later is registered then, on every registry bound so far.
 *
 * @since 0.2
 */
public final class VitalMonitorMetrics implements MeterBinder {
    /** The prefix of every meter. */
    public static final String PREFIX = "nexus.monitor.";

    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Tags commonTags;
    private final Clock wallClock;
    private volatile VitalMonitor monitor;
    private volatile boolean liveClock;

    private final TaggedCounts alerts = new TaggedCounts(PREFIX + "alerts", "alert events by type, severity, rule and category");
    private final TaggedCounts pages = new TaggedCounts(PREFIX + "pages", "delivery attempts by channel, outcome and escalation level");
    private final TaggedCounts retries = new TaggedCounts(PREFIX + "pages.retries", "delivery attempts after the first, by channel");
    private final TaggedCounts deadLetters = new TaggedCounts(PREFIX + "pages.dead.letters", "pages given up on, by channel");
    private final TaggedCounts levels = new TaggedCounts(PREFIX + "escalation.level", "pages asking for a response, by the escalation level they went to");
    private final TaggedCounts incidentEvents = new TaggedCounts(PREFIX + "incidents", "incident events by type and severity");
    private final OpenBySeverity openAlerts = new OpenBySeverity();
    private final OpenBySeverity openIncidents = new OpenBySeverity();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private VitalMonitorMetrics(Tags commonTags, Clock wallClock) {
        this.commonTags = commonTags;
        this.wallClock = wallClock;
    }

    /**
     * Metrics with no common tags, reading wall time from the system clock.
     *
     * @return new, unbound metrics; wire their listeners into the monitor's builder, then call
     *     {@link #monitor} and {@link #bindTo}
     */
    public static VitalMonitorMetrics create() {
        return new VitalMonitorMetrics(Tags.empty(), Clock.SYSTEM);
    }

    /**
     * Metrics whose every meter carries {@code tags} (say the monitor's name when a host runs several),
     * reading wall time from {@code wallClock} (Micrometer's {@code MockClock} in tests).
     *
     * @param tags tags added to every meter; not null, may be empty; never a patient id
     * @param wallClock the clock that gives wall time and monotonic time for timers and the clock-lag gauge;
     *     not null
     * @return new, unbound metrics
     */
    public static VitalMonitorMetrics create(Tags tags, Clock wallClock) {
        return new VitalMonitorMetrics(Objects.requireNonNull(tags, "tags"), Objects.requireNonNull(wallClock, "wallClock"));
    }

    /**
     * The monitor whose state the gauges read (patients, observations, signals, failures). Call once,
     * after {@code build()}.
     *
     * @param monitor the built monitor; not null
     * @return this
     */
    public VitalMonitorMetrics monitor(VitalMonitor monitor) {
        if (this.monitor != null) {
            throw new IllegalStateException("monitor was already set");
        }
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        return this;
    }

    /**
     * Says the monitor runs on {@code MonitorClock.live()}, which adds {@code nexus.monitor.clock.lag}
     * (wall time minus the monitor clock) and makes the listener lag meaningful. In an event-time replay
     * both would only measure how old the recording is, so they are off by default.
     *
     * @return this
     */
    public VitalMonitorMetrics liveClock() {
        this.liveClock = true;
        return this;
    }

    /**
     * The listener to add with {@code VitalMonitor.Builder#listener}.
     *
     * @return the listener to add with {@code VitalMonitor.Builder#listener}
     */
    public AlertListener alertListener() {
        return this::onAlert;
    }

    /**
     * The listener to add with {@code VitalMonitor.Builder#incidentListener}.
     *
     * @return the listener to add with {@code VitalMonitor.Builder#incidentListener}
     */
    public IncidentListener incidentListener() {
        return this::onIncident;
    }

    /**
     * The listener to add with {@code VitalMonitor.Builder#submitLatencyListener}: records
     * {@code nexus.monitor.submit.to.alert}, the time from a submit to each alert event it caused reaching the
     * listeners, by event type. Real processing time on the monitor's nano source, so it is recorded with
     * either clock.
     *
     * @return the listener; it may be called from any thread the monitor delivers alert events on
     * @since 0.3
     */
    public SubmitLatencyListener submitLatencyListener() {
        return (event, nanos) -> record(PREFIX + "submit.to.alert",
                "from a submit to each alert event it caused reaching the listeners",
                Tags.of("event", event.type().wireName()), nanos, SUBMIT_SLOS);
    }

    /**
     * The listener to add with {@code FileJournal.Builder#fsyncListener}: records
     * {@code nexus.monitor.journal.fsync}, each append's fsync alone.
     *
     * @return the listener, taking an fsync's duration in nanoseconds
     * @since 0.3
     */
    public LongConsumer fsyncListener() {
        return nanos -> record(PREFIX + "journal.fsync", "time of one journal append's fsync", Tags.empty(), nanos);
    }

    /**
     * The listener to add with {@code Paging.Builder#deliveryListener}.
     *
     * @return the listener to add with {@code Paging.Builder#deliveryListener}
     */
    public DeliveryListener deliveryListener() {
        return new DeliveryListener() {
            @Override
            public void onAttempt(DeliveryAttempt a) {
                onDeliveryAttempt(a);
            }

            @Override
            public void onDeadLetter(DeadLetter d) {
                deadLetters.increment(Tags.of("channel", d.channel(), "outcome",
                        d.lastResult().map(r -> r.outcome().wireName()).orElse("not_attempted")));
            }
        };
    }

    /**
     * Wraps a journal so that every append is timed ({@code nexus.monitor.journal.append}; for the file
     * journal that includes its fsync). Everything else passes through unchanged.
     *
     * @param journal the journal to time; not null
     * @return a journal that delegates every call to {@code journal}, timing {@code append}
     */
    public AlertJournal timed(AlertJournal journal) {
        Objects.requireNonNull(journal, "journal");
        return new AlertJournal() {
            @Override
            public Recovery recover() {
                return journal.recover();
            }

            @Override
            public void append(JournalRecord record) {
                long start = wallClock.monotonicTime();
                try {
                    journal.append(record);
                } finally {
                    record(PREFIX + "journal.append", "time to append one journal record",
                            Tags.empty(), wallClock.monotonicTime() - start);
                }
            }

            @Override
            public com.nexussaude.monitor.journal.JournalHealth journalHealth() {
                return journal.journalHealth();
            }

            @Override
            public List<JournalRecord> query(JournalQuery query) {
                return journal.query(query);
            }

            @Override
            public void close() {
                journal.close();
            }

            @Override
            public String toString() {
                return "timed " + journal;
            }
        };
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        VitalMonitor m = monitor;
        if (m != null) {
            gauge(registry, "patients", "patients the monitor keeps state for", Tags.empty(), x -> x.monitoredPatients());
            functionCounter(registry, "observations", "observations submitted, by result and reason",
                    Tags.of("result", "accepted", "reason", "none"), x -> x.stats().accepted());
            functionCounter(registry, "observations", "observations submitted, by result and reason",
                    Tags.of("result", "rejected", "reason", "invalid"), x -> x.stats().rejected() - x.stats().late());
            functionCounter(registry, "observations", "observations submitted, by result and reason",
                    Tags.of("result", "rejected", "reason", "late"), x -> x.stats().late());
            functionCounter(registry, "values.rejected", "values rejected alone, the rest of their observation accepted",
                    Tags.empty(), x -> x.stats().rejectedValues());
            functionCounter(registry, "fields.unknown", "field names submitFields did not know (not monitored)",
                    Tags.empty(), x -> x.stats().unknownFields());
            functionCounter(registry, "signals", "alert signals from rules, by validity",
                    Tags.of("valid", "true"), x -> x.stats().signals() - x.stats().invalidSignals());
            functionCounter(registry, "signals", "alert signals from rules, by validity",
                    Tags.of("valid", "false"), x -> x.stats().invalidSignals());
            functionCounter(registry, "listener.failures", "exceptions thrown by listeners", Tags.empty(),
                    x -> x.stats().listenerFailures());
            functionCounter(registry, "journal.failures", "journal appends that failed", Tags.empty(),
                    x -> x.stats().journalFailures());
            gauge(registry, "pages.pending", "pages waiting for delivery or a retry", Tags.empty(),
                    x -> x.pendingNotifications());
            if (liveClock) {
                Gauge.builder(PREFIX + "clock.lag", m,
                                x -> (wallClock.wallTime() - (x.now() == null ? wallClock.wallTime() : x.now().toEpochMilli())) / 1000.0)
                        .description("wall time minus the monitor clock").baseUnit("seconds")
                        .tags(commonTags).register(registry);
            }
        }
        for (Severity s : Severity.values()) {
            Tags t = Tags.of("severity", s.wireName());
            Gauge.builder(PREFIX + "alerts.open", openAlerts, o -> o.count(s)).description("alerts open now, by severity")
                    .tags(commonTags.and(t)).register(registry);
            Gauge.builder(PREFIX + "incidents.open", openIncidents, o -> o.count(s))
                    .description("incidents open now, by severity").tags(commonTags.and(t)).register(registry);
        }
        for (TaggedCounts c : List.of(alerts, pages, retries, deadLetters, levels, incidentEvents)) {
            c.bind(registry);
        }
    }

    // ---- what the listeners record --------------------------------------------------------------

    private void onAlert(AlertEvent e) {
        alerts.increment(Tags.of("event", e.type().wireName(), "severity", e.alert().severity().wireName(),
                "rule", e.alert().ruleId(), "category", e.alert().category().wireName()));
        if (e.type() == AlertEventType.RESOLVED) {
            openAlerts.close(e.alert().alertId());
        } else {
            openAlerts.open(e.alert().alertId(), e.alert().severity());
        }
        if (liveClock) {
            long lag = (wallClock.wallTime() - e.timestamp().toEpochMilli()) * 1_000_000L;
            record(PREFIX + "alert.listener.lag", "from the alert's transition in the engine to its listeners",
                    Tags.empty(), Math.max(0, lag));
        }
    }

    private void onIncident(IncidentEvent e) {
        incidentEvents.increment(Tags.of("event", e.type().wireName(), "severity", e.incident().severity().wireName()));
        if (e.type() == IncidentEvent.Type.RESOLVED) {
            openIncidents.close(e.incident().incidentId());
        } else {
            openIncidents.open(e.incident().incidentId(), e.incident().severity());
        }
    }

    private void onDeliveryAttempt(DeliveryAttempt a) {
        String level = Integer.toString(a.notification().escalationLevel());
        pages.increment(Tags.of("channel", a.channel(), "outcome", a.outcome().wireName(), "level", level));
        if (a.attempt() > 1) {
            retries.increment(Tags.of("channel", a.channel(), "outcome", a.outcome().wireName()));
        } else if (a.notification().event() != EventKind.RESOLVED) {
            // A resolved notice (level 0) asks nobody to respond: it is no level reached.
            levels.increment(Tags.of("level", level));
        }
        long nanos = Duration.between(a.startedAt(), a.finishedAt()).toNanos();
        record(PREFIX + "page.delivery", "time of one delivery attempt", Tags.of("channel", a.channel(),
                "outcome", a.outcome().wireName()), Math.max(0, nanos));
    }

    // ---- meters ----------------------------------------------------------------------------------

    private void gauge(MeterRegistry r, String name, String help, Tags tags, ToDoubleFunction<VitalMonitor> f) {
        Gauge.builder(PREFIX + name, monitor, f).description(help).tags(commonTags.and(tags)).register(r);
    }

    private void functionCounter(MeterRegistry r, String name, String help, Tags tags, ToDoubleFunction<VitalMonitor> f) {
        FunctionCounter.builder(PREFIX + name, monitor, f).description(help).tags(commonTags.and(tags)).register(r);
    }

    /** Records a duration on every bound registry (timers start with the first {@link #bindTo}). */
    private void record(String name, String help, Tags tags, long nanos) {
        record(name, help, tags, nanos, SLOS);
    }

    private void record(String name, String help, Tags tags, long nanos, Duration[] slos) {
        for (MeterRegistry r : registries) {
            timer(r, name, help, tags, slos).record(Duration.ofNanos(nanos));
        }
    }

    /** Service-level buckets of the I/O timers (delivery, journal). */
    private static final Duration[] SLOS = {Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(10)};
    /** Service-level buckets of the submit-to-alert latency: an alarm should reach its listeners within milliseconds. */
    private static final Duration[] SUBMIT_SLOS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1)};

    private Timer timer(MeterRegistry r, String name, String help, Tags tags, Duration[] slos) {
        String key = System.identityHashCode(r) + "|" + name + "|" + tags;
        return timers.computeIfAbsent(key, k -> Timer.builder(name).description(help)
                .tags(commonTags.and(tags))
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .serviceLevelObjectives(slos)
                .register(r));
    }

    /** Counts per tag combination, each registered as a function counter on every bound registry. */
    private final class TaggedCounts {
        private final String name;
        private final String help;
        private final Map<Tags, LongAdder> counts = new ConcurrentHashMap<>();

        TaggedCounts(String name, String help) {
            this.name = name;
            this.help = help;
        }

        void increment(Tags tags) {
            LongAdder[] created = {null};
            LongAdder a = counts.computeIfAbsent(tags, t -> {
                created[0] = new LongAdder();
                return created[0];
            });
            a.increment();
            if (created[0] != null) {
                registries.forEach(r -> register(r, tags, created[0]));
            }
        }

        void bind(MeterRegistry registry) {
            counts.forEach((tags, adder) -> register(registry, tags, adder));
        }

        private void register(MeterRegistry r, Tags tags, LongAdder adder) {
            FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(help)
                    .tags(commonTags.and(tags)).register(r);
        }
    }

    /** Which alerts (or incidents) are open and at what severity, for the open-by-severity gauges. */
    private static final class OpenBySeverity {
        private final Map<String, Severity> open = new ConcurrentHashMap<>();

        void open(String id, Severity severity) {
            open.put(id, severity);
        }

        void close(String id) {
            open.remove(id);
        }

        double count(Severity s) {
            return open.values().stream().filter(s::equals).count();
        }
    }
}
