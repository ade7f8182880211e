package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.SubmitResult;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.notify.Notification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link VitalMonitor} on event time for a test: the monitor clock moves only with the observations
 * submitted and {@link #advanceTo}, listeners run on the submitting thread, and pages go to
 * {@link RecordingChannel}s, so a replay is deterministic and a test checks its outcome right after
 * each step, without waiting.
 *
 * <pre>{@code
 * @AutoClose
 * MonitorFixture monitor = MonitorFixture.builder()
 *         .packs("threshold")
 *         .rules(Path.of("src/main/epl/our-ward.epl"))
 *         .paging(p -> p.recipient(Recipient.of("nurse", ContactPoint.of("push", "tok"))), "push")
 *         .build();
 *
 * @Test
 * void aFallingSpo2PagesTheNurse() {
 *     monitor.replay(VitalsScenario.patient("bed-4", T0).set(Vital.SPO2, 97).hold(Duration.ofMinutes(5))
 *             .drift(Vital.SPO2, 84, Duration.ofMinutes(10)).hold(Duration.ofMinutes(2)));
 *     monitor.assertRaisedBy("bed-4", AlertMatcher.rules("threshold").withKeys("SPO2"), T0.plus(Duration.ofMinutes(17)));
 *     monitor.assertPagedToLevelBy("bed-4", 1, T0.plus(Duration.ofMinutes(17)));
 * }
 * }</pre>
 *
 * <p>Every alert event goes to a {@link RecordingAlertListener} ({@link #alerts()}) that checks the
 * alert lifecycle and the expectations added to it. What it finds broken is thrown as an
 * {@link AssertionError} on the test's thread by the next {@link #submit}, {@link #replay},
 * {@link #advanceTo} or {@link #close()}, never swallowed by the monitor. {@link #close()} closes the
 * monitor; JUnit 5's {@code @AutoClose} calls it, or use try-with-resources.
 *
 * <p>For one test thread: the fixture is not meant to be shared between threads.
 *
 * @since 0.4
 */
public final class MonitorFixture implements AutoCloseable {
    private final VitalMonitor monitor;
    private final RecordingAlertListener alerts;
    private final Map<String, RecordingChannel> channels;
    private boolean closed;

    private MonitorFixture(Builder b) {
        this.alerts = b.alerts;
        this.channels = b.channels;
        VitalMonitor.Builder mb = VitalMonitor.builder()
                .listener(alerts)
                // Synchronous delivery: every event has reached the listener when submit returns.
                .listenerExecutor(Runnable::run);
        if (b.config != null) {
            mb.config(b.config);
        }
        if (b.journal != null) {
            mb.journal(b.journal);
        }
        if (b.paging != null) {
            Paging.Builder pb = Paging.builder();
            channels.values().forEach(pb::channel);
            mb.paging(b.paging.apply(pb).build());
        }
        b.rules.forEach(mb::rules);
        b.ruleResources.forEach(mb::rulesResource);
        b.customizations.forEach(c -> c.accept(mb));
        this.monitor = mb.build();
        // A monitor built on a journal restores the alerts open before: their later events are expected.
        alerts.alreadyOpen(monitor.openAlerts());
        if (b.start != null) {
            monitor.advanceTo(b.start);
        }
    }

    /**
     * A new fixture; {@link Builder#build()} starts its monitor.
     *
     * @return a new fixture; {@link Builder#build()} starts its monitor
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The monitor, for what the fixture does not wrap (register, acknowledge, silence, history …).
     *
     * @return the monitor, for what the fixture does not wrap (register, acknowledge, silence, history …)
     */
    public VitalMonitor monitor() {
        return monitor;
    }

    /**
     * The listener recording every alert event; add expectations to it with {@code never}/{@code expectEach}.
     *
     * @return the listener recording every alert event; add expectations to it with
     *     {@code never}/{@code expectEach}
     */
    public RecordingAlertListener alerts() {
        return alerts;
    }

    /**
     * The recording channel of that name.
     *
     * @param name a channel name given to {@link Builder#paging}
     * @return its channel
     * @throws IllegalArgumentException if there is no such channel
     */
    public RecordingChannel channel(String name) {
        RecordingChannel c = channels.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no recording channel '" + name + "'; the channels are " + channels.keySet());
        }
        return c;
    }

    /**
     * Every page delivered through the fixture's channels so far, in time order.
     *
     * @return every page delivered through the fixture's channels so far, in time order
     */
    public List<Notification> pages() {
        List<Notification> all = new ArrayList<>();
        channels.values().forEach(c -> all.addAll(c.received()));
        all.sort(Comparator.comparing(Notification::timestamp));
        return all;
    }

    /**
     * Submits one observation (event time: it moves the clock) and checks the listener's expectations.
     *
     * @param observation the reading
     * @return what was accepted of it
     * @throws AssertionError if an expectation was broken by what the observation caused
     */
    public SubmitResult submit(Observation observation) {
        SubmitResult result = monitor.submitAndReport(observation);
        alerts.assertNoFailures();
        return result;
    }

    /**
     * Submits observations in timestamp order (stable for equal timestamps), as a replay does, checking
     * the expectations after each one.
     *
     * @param observations the readings, in any order
     * @return this fixture
     */
    public MonitorFixture replay(Collection<Observation> observations) {
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparing(Observation::timestamp));
        sorted.forEach(this::submit);
        return this;
    }

    /**
     * Replays the readings of several scenarios (patients) interleaved in time order.
     *
     * @param scenarios the scenarios
     * @return this fixture
     */
    public MonitorFixture replay(VitalsScenario... scenarios) {
        List<Observation> all = new ArrayList<>();
        Arrays.stream(scenarios).forEach(s -> all.addAll(s.observations()));
        return replay(all);
    }

    /**
     * Moves the monitor clock to {@code time}, firing the timers due (resolutions, escalations,
     * signal losses), and checks the expectations.
     *
     * @param time the new monitor time; not before the current one
     * @return this fixture
     */
    public MonitorFixture advanceTo(Instant time) {
        monitor.advanceTo(time);
        alerts.assertNoFailures();
        return this;
    }

    /**
     * Moves the monitor clock on by {@code duration}.
     *
     * @param duration how far
     * @return this fixture
     * @throws IllegalStateException if the clock has not started (no observation yet, no start time)
     */
    public MonitorFixture advanceBy(Duration duration) {
        Instant now = monitor.now();
        if (now == null) {
            throw new IllegalStateException("the monitor clock has not started yet: submit an observation or advanceTo a"
                    + " time first (or Builder.startAt)");
        }
        return advanceTo(now.plus(duration));
    }

    /**
     * The monitor clock; {@code null} until the first observation or {@link #advanceTo}.
     *
     * @return the monitor clock; {@code null} until the first observation or {@link #advanceTo}
     */
    public Instant now() {
        return monitor.now();
    }

    /**
     * Asserts that an alert matching {@code what} was raised for the patient by {@code by}; when it was
     * not and the clock has not reached {@code by} yet, the message says so.
     *
     * @param patientId the patient
     * @param what      which alerts count
     * @param by        the latest monitor time, inclusive
     * @return the first such alert, as raised
     * @see ReplayAssertions#assertRaisedBy
     */
    public Alert assertRaisedBy(String patientId, AlertMatcher what, Instant by) {
        try {
            return ReplayAssertions.assertRaisedBy(alerts, patientId, what, by);
        } catch (AssertionError e) {
            throw clockNote(e, by);
        }
    }

    /**
     * Asserts that no alert matching {@code what} was raised for the patient.
     *
     * @param patientId the patient
     * @param what      which alerts must not be raised
     * @see ReplayAssertions#assertNeverRaised
     */
    public void assertNeverRaised(String patientId, AlertMatcher what) {
        ReplayAssertions.assertNeverRaised(alerts, patientId, what);
    }

    /**
     * Asserts that the patient was paged at escalation {@code level} by {@code by}, through any of the
     * fixture's channels.
     *
     * @param patientId the patient
     * @param level     the escalation level (1 for the first)
     * @param by        the latest monitor time, inclusive
     * @return the first page at that level
     * @see ReplayAssertions#assertPagedToLevelBy
     */
    public Notification assertPagedToLevelBy(String patientId, int level, Instant by) {
        try {
            return ReplayAssertions.assertPagedToLevelBy(pages(), patientId, level, by);
        } catch (AssertionError e) {
            throw clockNote(e, by);
        }
    }

    /**
     * Asserts that the patient was never paged above escalation {@code level}.
     *
     * @param patientId the patient
     * @param level     the highest level allowed
     * @see ReplayAssertions#assertNotPagedBeyond
     */
    public void assertNotPagedBeyond(String patientId, int level) {
        ReplayAssertions.assertNotPagedBeyond(pages(), patientId, level);
    }

    private AssertionError clockNote(AssertionError e, Instant by) {
        if (monitor.now().isBefore(by)) {
            AssertionError noted = new AssertionError(e.getMessage() + " (the monitor clock is only at " + monitor.now()
                    + ": advanceTo(" + by + ") first to let its timers run)");
            noted.setStackTrace(e.getStackTrace());
            return noted;
        }
        return e;
    }

    /**
     * Closes the monitor (and its journal), then throws the expectations broken and not yet reported.
     *
     * @throws AssertionError if an expectation was broken since the last check
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        monitor.close();
        alerts.assertNoFailures();
    }

    /** Configures a {@link MonitorFixture}. */
    public static final class Builder {
        private final RecordingAlertListener alerts = new RecordingAlertListener();
        private final Map<String, RecordingChannel> channels = new LinkedHashMap<>();
        private final List<Path> rules = new ArrayList<>();
        private final List<String> ruleResources = new ArrayList<>();
        private final List<Consumer<VitalMonitor.Builder>> customizations = new ArrayList<>();
        private MonitorConfig config;
        private AlertJournal journal;
        private UnaryOperator<Paging.Builder> paging;
        private Instant start;

        private Builder() {
        }

        /**
         * The monitor's configuration; default {@link MonitorConfig#defaults()} (every bundled pack).
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder config(MonitorConfig config) {
            requireUnset(this.config, "config (or packs)");
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Only these bundled packs, with the configuration's other defaults, so a test counts their
         * alerts alone; a shorthand for {@code config(MonitorConfig.builder().packs(...).build())}.
         *
         * @param packs pack names ({@code "threshold"}, {@code "news2"}, {@code "trend"} …)
         * @return this builder
         */
        public Builder packs(String... packs) {
            return config(MonitorConfig.builder().packs(Set.of(packs)).build());
        }

        /**
         * A rule file of your own to deploy, read at {@link #build()}.
         *
         * @param file an EPL file
         * @return this builder
         */
        public Builder rules(Path file) {
            rules.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * A rule file of your own on the classpath (e.g. {@code "rules/our-ward.epl"}).
         *
         * @param resource the resource name
         * @return this builder
         */
        public Builder rulesResource(String resource) {
            ruleResources.add(Objects.requireNonNull(resource, "resource"));
            return this;
        }

        /**
         * The monitor's journal (e.g. {@code FileJournal.open(tempDir.resolve("journal"))}), to test
         * what survives a restart: build a second fixture on the same journal file.
         *
         * @param journal the journal; the monitor closes it
         * @return this builder
         */
        public Builder journal(AlertJournal journal) {
            requireUnset(this.journal, "journal");
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Pages through recording channels of these names: {@code setup} receives a
         * {@link Paging.Builder} with them registered and adds recipients or an escalation policy.
         *
         * @param setup    adds recipients or {@code escalation(policy, resolver)}
         * @param channels the channel names the recipients' contact points use; at least one
         * @return this builder
         */
        public Builder paging(UnaryOperator<Paging.Builder> setup, String... channels) {
            requireUnset(this.paging, "paging");
            if (channels.length == 0) {
                throw new IllegalArgumentException("paging needs at least one channel name");
            }
            for (String name : channels) {
                if (this.channels.putIfAbsent(name, new RecordingChannel(name)) != null) {
                    throw new IllegalArgumentException("channel '" + name + "' is named twice");
                }
            }
            this.paging = Objects.requireNonNull(setup, "setup");
            return this;
        }

        /**
         * Starts the monitor clock at {@code time} (otherwise the first observation sets it).
         *
         * @param time the start
         * @return this builder
         */
        public Builder startAt(Instant time) {
            this.start = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Anything else on the monitor's builder ({@code strictInput}, {@code unknownPatients},
         * {@code signalTtl}, more listeners …). Keep the default event-time clock and leave the listener
         * executor alone: the fixture's determinism rests on both.
         *
         * @param customization applied to the monitor's builder before it builds
         * @return this builder
         */
        public Builder customize(Consumer<VitalMonitor.Builder> customization) {
            customizations.add(Objects.requireNonNull(customization, "customization"));
            return this;
        }

        /**
         * Builds and starts the monitor.
         *
         * @return the fixture
         * @throws com.nexussaude.monitor.RuleCompilationException if a rule file does not compile
         */
        public MonitorFixture build() {
            return new MonitorFixture(this);
        }

        private static void requireUnset(Object value, String what) {
            if (value != null) {
                throw new IllegalStateException(what + " was already set");
            }
        }
    }
}
