package com.nexussaude.monitor.internal.ingest;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPUndeployException;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertListener;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.BatchResult;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.IncidentListener;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.MonitorStats;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.RejectedValue;
import com.nexussaude.monitor.SubmitResult;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.ScoreListener;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.nexussaude.monitor.internal.lifecycle.AlertBook;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import com.nexussaude.monitor.internal.rules.IntegratorRules;
import com.nexussaude.monitor.internal.rules.PackClassPreload;
import com.nexussaude.monitor.internal.rules.PackDeployment;
import com.nexussaude.monitor.internal.rules.RuntimeStart;
import com.nexussaude.monitor.internal.rules.EventTypeReaders;
import com.nexussaude.monitor.internal.journal.JournalRestore;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.internal.lifecycle.ListenerDispatcher;
import com.nexussaude.monitor.internal.paging.Notifier;
import com.nexussaude.monitor.internal.state.PackState;
import com.nexussaude.monitor.internal.state.PatientReadings;
import com.nexussaude.monitor.internal.rules.RouteBudget;
import com.nexussaude.monitor.internal.state.ThresholdTable;
import com.nexussaude.monitor.internal.state.WarmUpHorizon;
import com.nexussaude.monitor.internal.lifecycle.Announcements;
import com.nexussaude.monitor.internal.lifecycle.RuleOutput;

/*
 * Implementation notes.
 *
 * Concurrency: one ReentrantLock (engineLock) serialises every call into the Esper runtime:
 * submit, tick/advanceTo, discharge, rule deployment. Esper's own locking is disabled
 * (EsperSetup.configuration) because of it. Rule output (AlertSignal/AlertClear) is delivered by
 * Esper synchronously on the thread that sent the event, i.e. under engineLock, into the AlertBook;
 * the AlertBook's events are queued and handed to listeners by the ListenerDispatcher after the lock
 * is released. Validation runs before the lock. No notification channel is called under the lock: live, the
 * dispatcher's threads deliver; in event time the Notifier queues its dispatcher work under the lock and the
 * calling thread performs it after releasing it (afterLocked). See CONCURRENCY.md.
 *
 * Time: Esper runs on external time. Event time: the engine clock is the largest accepted
 * timestamp (the watermark); a late observation within allowedLateness is processed at the current
 * engine time with its own ts in the event. Live: the engine clock is the injected Clock, advanced
 * on submit and by the ticker.
 */
/**
 * The engine behind {@code VitalMonitor}, the pipeline's front door: it builds the stages, holds the engine lock and
 * the monitor clock, and takes the ingest stage's calls (submit, advanceTo, the ticker) and the calls of people
 * (acknowledge, resolve, raise, silence, discharge, warm-up) under that lock. What each other part does is in a
 * class named for it: {@link ObservationPath} is one observation's path through ingest (its checks, then under the
 * lock its clock, its patient's state, the end of the step); {@link ClockMoves} moves the monitor clock and fires
 * what is due on the way; {@link PackDeployment} and {@link PackStateSetup} build the rules and the patient state they
 * read; {@link IntegratorRules} runs the integrator's rule files; {@link PagingFeedback} runs paging's due work and
 * turns its feedback into technical alerts; {@link PatientRelease} ends a patient's monitoring;
 * {@link JournalFailedAlert} and {@link RestoredWatches} are what a journal failure and a restore leave to do;
 * {@link StateQueries} answers what the monitor holds. Not API.
 *
 * <p>Every public method may be called on any thread and takes the engine lock itself; the private ones say
 * "Under the lock" where they need it held. Listener events and event-time paging work run after the lock is
 * released, on the calling thread ({@code afterLocked}).
 */
// Public, though internal (not API: no Javadoc, no compatibility check): VitalMonitor (package
// com.nexussaude.monitor) builds and drives it, and the benchmarks name it.
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final AtomicInteger RUNTIME_IDS = new AtomicInteger();

    private final MonitorConfig config;
    private final MonitorClock clock;
    private final Configuration esperConfig;
    /** The bundled packs' deployment and settings (used at build time only). */
    private final PackDeployment packDeployment;
    private final EPRuntime runtime;
    private final EPEventService events;
    private final PatientReadings readings;
    /** The answers to what the monitor is asked about its state. */
    private final StateQueries queries;
    /** Ends a patient's monitoring: idle release, and the pack states' part of a discharge. Under the lock. */
    private final PatientRelease patientRelease;
    /**
     * The deployed bundled packs' per-reading state in plain Java, in {@link EsperSetup#PACKS} order (filled by
     * deployPacks); each sends Esper derived events only when something its rules decide on changed.
     */
    private final List<PackState> packStates = new ArrayList<>();
    /** The same, as an array for the loops of every reading (a list's iterator was an allocation per vital). */
    private PackState[] packStatesInOrder = new PackState[0];
    private final PatientReadings.WardLookup wardLookup;
    /**
     * Serialises the engine. Releasing it for the last time ends a journal step: what one locked call
     * recorded is committed as one group (see {@link Journaling}).
     */
    private final ReentrantLock engineLock = new ReentrantLock() {
        @Override
        public void unlock() {
            if (getHoldCount() == 1) {
                try {
                    endStep();
                } finally {
                    super.unlock();
                }
            } else {
                super.unlock();
            }
        }
    };
    /** The technical pack's watches of the restored alerts' vitals, armed once the monitor runs. Under the lock. */
    private final RestoredWatches restoredWatches;
    /** The journal-failed technical alert, raised and cleared as each locked call ends. Under the lock. */
    private final JournalFailedAlert journalFailedAlert;
    private final ThresholdTable thresholds;
    private final AlertBook book;
    /** The rules' output into the lifecycle, attached to the signal and clear statements of every deployment. */
    private final RuleOutput ruleOutput;
    private final Journaling journaling;
    private final Notifier notifier;
    /** Paging's due work in each locked pass, its feedback as technical alerts, its delivery outcomes. */
    private final PagingFeedback pagingFeedback;
    /** The front's inbox for paging's feedback (dead letters, coverage gaps, overdue escalations). Under the lock. */
    private final FeedbackQueue feedback = new FeedbackQueue();
    private final ListenerDispatcher dispatcher;
    /** The integrator's rule files and their insert-into limit (set once the runtime exists). */
    private final IntegratorRules integratorRules;
    private final long defaultTtlMs;
    /** The monitor clock's moves and the deadlines on the way (submit, advanceTo, the ticker). Under the lock. */
    private final ClockMoves clockMoves;
    /** One observation's path through ingest: its checks, then under the lock its clock, state and end of step. */
    private final ObservationPath observationPath;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong rejectedValues = new AtomicLong();
    private final AtomicLong unknownFields = new AtomicLong();
    /**
     * Unknown patient ids already warned of, and (patient, field) pairs whose rejected values were already
     * logged: bounded (the most recent {@link #REMEMBERED_IDS}), so a stream of distinct ids cannot grow them
     * forever; an id forgotten, or released and back, is warned of and counted again.
     */
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> unknownPatientIds;
    private final AtomicLong unknownPatientCount = new AtomicLong();
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> loggedRejections;
    /** How many patient ids the logging memories above keep. */
    static final int REMEMBERED_IDS = 100_000;
    /** The rule of the technical alert raised when an idle patient is released. */
    public static final String MONITORING_ENDED = "monitoring-ended";
    /** How long the monitoring-ended alert stays open unless a reading of the patient clears it first: 24 h. */
    static final long MONITORING_ENDED_TTL_MS = Duration.ofHours(24).toMillis();
    /**
     * True in the warm-up phase ({@link #startWarmUp}..{@link #endWarmUp}): observations fill the rules' and
     * readings' state, the lifecycle ignores what they signal. Guarded by engineLock; volatile for readers.
     */
    private volatile boolean warmingUp;
    /** Whether this engine was put in warm-up once (endWarmUp is then allowed once). Under the lock. */
    private boolean warmUpStarted;
    /** Patient and vital pairs read during the warm-up, for the restored signal-loss watches. Under the lock. */
    private final java.util.Set<String> readInWarmUp = new java.util.HashSet<>();
    /** The event time the deployed packs' state looks back over, from their settings (ms); set at deploy. */
    private long rulesHorizonMs;

    /** The monitor clock: the one answer to "what time is it"; guarded by engineLock. */
    private final MonitorTime time;
    private volatile boolean closed;

    public Engine(MonitorConfig config, MonitorClock clock, List<AlertListener> listeners,
                  List<ScoreListener> scoreListeners, List<IncidentListener> incidentListeners, Executor listenerExecutor,
                  Duration defaultSignalTtl, Journaling journaling, Paging paging) {
        this.config = config;
        this.clock = clock;
        this.defaultTtlMs = defaultSignalTtl.toMillis();
        // The Esper runtime starts on a thread of its own (RuntimeStart) while this one restores the lifecycle, reads
        // the precompiled packs and loads the Esper classes their code names and their deploys load (PackClassPreload):
        // in a fresh JVM each is mostly class loading, and a second core overlaps them. That thread then defines the
        // packs' classes, each pack's ahead of its deploy here.
        this.esperConfig = EsperSetup.configuration();
        RuntimeStart runtimeStart = RuntimeStart.begin("nexus-monitor-" + RUNTIME_IDS.incrementAndGet(), esperConfig);
        List<EPCompiled> packs;
        List<Object[]> watchesAfterRestore;
        try {
            this.thresholds = new ThresholdTable(config);
            this.dispatcher = new ListenerDispatcher(listeners, scoreListeners, incidentListeners, listenerExecutor);
            this.journaling = journaling;
            java.util.function.Function<String, String> wardOf = pid -> {
                PatientContext ctx = thresholds.patient(pid);
                return ctx == null ? null : ctx.ward();
            };
            // The lifecycle hands its events on directly: to the listeners' queue, and to paging once it joins below.
            Announcements announcements = new Announcements(dispatcher);
            this.book = new AlertBook(announcements, journaling, config, wardOf);
            // Incidents are restored before the Esper runtime exists: the bundled packs' headline rules from their text.
            for (String pack : config.packs()) {
                book.headlineRules().deployed("pack:" + pack, EsperSetup.packHeadlines(pack));
            }
            JournalRestore recovered = journaling.recovered();
            this.time = new MonitorTime(recovered.lastAt().map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty()));
            this.ruleOutput = new RuleOutput(book, defaultTtlMs, time::stamp);
            book.restore(recovered);
            this.journalFailedAlert = new JournalFailedAlert(journaling, book, time);
            book.reserveIds(journaling.everyRecordedId());
            watchesAfterRestore = config.packs().contains("technical") ? book.restoredVitals() : List.of();
            this.pagingFeedback = new PagingFeedback(paging, clock, journaling, book, thresholds, feedback, engineLock,
                    this::clockMillis, () -> warmingUp, () -> closed, this::afterLocked);
            this.notifier = pagingFeedback.notifier();
            if (notifier != null) {
                announcements.pagingJoins(notifier);
                notifier.restore(recovered, book.openIncidents());
            }
            // A restored alert suppressed by a silence that no longer exists needs a person again now.
            book.reconcileSuppressions();
            journaling.commitStep();
            this.wardLookup = wardOf::apply;
            this.packDeployment = new PackDeployment(config, esperConfig);
            packs = packDeployment.readPacks();
            runtimeStart.packsRead(packDeployment.toDeploy(packs));
            PackClassPreload.load(packs);
            PackClassPreload.loadDeployPath();
            // Built here, not with the fields, so that loading Caffeine overlaps the runtime's start too.
            this.unknownPatientIds = rememberedIds();
            this.loggedRejections = rememberedIds();
        } catch (RuntimeException | Error e) {
            runtimeStart.abandon(e);
            throw e;
        }
        this.runtime = runtimeStart.await();
        try {
            this.events = runtime.getEventService();
            this.integratorRules = new IntegratorRules(runtime, esperConfig, engineLock, book, this::clockMillis,
                    this::readersChanged);
            this.readings = new PatientReadings(events);
            this.queries = new StateQueries(engineLock, book, readings, journaling);
            this.restoredWatches = new RestoredWatches(watchesAfterRestore, time, events, readings);
            this.patientRelease = new PatientRelease(book, readings, events, packStates, unknownPatientIds, loggedRejections);
            this.clockMoves = new ClockMoves(clock, time, config.allowedLateness().toMillis(),
                    config.futureTolerance().toMillis(), events, book, readings, wardLookup, patientRelease,
                    pagingFeedback, restoredWatches, () -> warmingUp, rejected, late);
            this.observationPath = new ObservationPath(clockMoves, book, readings, wardLookup, thresholds, events,
                    pagingFeedback, readInWarmUp, accepted, rejected, rejectedValues, unknownFields,
                    unknownPatientCount, unknownPatientIds, loggedRejections);
            long start = clock instanceof MonitorClock.Live live ? live.clock().millis() : 0L;
            events.advanceTime(start);
            if (clock instanceof MonitorClock.Live) {
                time.moveTo(start);
            }
            deployPacks(packs, runtimeStart);
            if (clock instanceof MonitorClock.Live) {
                // Under the lock: delivery outcomes of the resubmitted pages (dispatcher threads) wait for it, so
                // their journal records never race the resubmissions'.
                engineLock.lock();
                try {
                    clockMoves.clockStarted();
                } finally {
                    engineLock.unlock();
                }
            }
        } catch (RuntimeException | Error e) {
            // No monitor exists to close it: the runtime goes with the failed build instead of staying registered.
            try {
                runtime.destroy();
            } catch (RuntimeException | Error again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static com.github.benmanes.caffeine.cache.Cache<String, Boolean> rememberedIds() {
        return com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(REMEMBERED_IDS).executor(Runnable::run)
                .build();
    }

    /**
     * Deploys the packs ({@link PackDeployment}: their output attached, their settings applied), then builds the
     * patient-state stage they read ({@link PackStateSetup}). On the building thread, before the monitor exists.
     */
    private void deployPacks(List<EPCompiled> packs, RuntimeStart runtimeStart) {
        Map<String, EPDeployment> deployed = packDeployment.deploy(runtime, packs, runtimeStart, ruleOutput, dispatcher,
                () -> warmingUp);
        readersChanged();
        // The packs' variables as packSettings left them, read once: the horizon and every pack's Java state use them.
        Map<String, Object> variables = packDeployment.packVariables();
        rulesHorizonMs = WarmUpHorizon.of(variables, config);
        readings.artefactSettings(PackStateSetup.artefactSettings(packDeployment.packVariables(), config));
        PackStateSetup.sendPersistencePolicies(events, config);
        packStates.addAll(PackStateSetup.packStates(config, runtime, events, deployed, variables));
        packStatesInOrder = packStates.toArray(new PackState[0]);
        readings.homes(packStatesInOrder);
    }

    // ---- ingestion ----------------------------------------------------------------------------

    /** Sets how bad input is handled; called once, right after construction. */
    public void inputPolicy(boolean strict, UnknownPatientPolicy unknownPatients) {
        observationPath.inputPolicy(strict, unknownPatients);
    }

    /**
     * Bounded state: a patient without a reading for {@code idleRelease} ({@code null}: never) is released,
     * and at most {@code maxPatients} are monitored at once. Called once, right after construction.
     */
    public void patientLimits(Duration idleRelease, int maxPatients) {
        if (maxPatients < 1) {
            throw new IllegalArgumentException("maxPatients must be at least 1, but was " + maxPatients);
        }
        clockMoves.idleReleaseMs(idleRelease == null ? Long.MAX_VALUE : idleRelease.toMillis());
        observationPath.maxPatients(maxPatients);
    }

    /**
     * Event time: how far ahead of the monitor clock an observation may be; {@code null} for no limit.
     * Called once, right after construction.
     */
    public void eventTimeFutureTolerance(Duration tolerance) {
        clockMoves.eventFutureMs(tolerance == null ? Long.MAX_VALUE : tolerance.toMillis());
    }

    /**
     * The submit-to-alert latency listeners and the nano source they are measured on. Called once, right
     * after construction.
     */
    public void submitLatency(java.util.function.LongSupplier nanoClock,
                              List<com.nexussaude.monitor.SubmitLatencyListener> listeners) {
        dispatcher.submitLatency(nanoClock, listeners);
    }

    /**
     * Builds an observation from named fields and submits it: unknown names are rejected (strict) or
     * reported in the result, counted and logged once per name.
     */
    public SubmitResult submitFields(Map<String, ?> fields) {
        ensureOpen();
        List<RejectedValue> unknown = new ArrayList<>();
        Observation o = observationPath.fromFields(fields, unknown);
        SubmitResult result = submit(o);
        return unknown.isEmpty() ? result : new SubmitResult(result.rejectedValues(), unknown, result.knownPatient());
    }

    public SubmitResult submit(Observation input) {
        // Read first: the submit-to-alert latency includes validation and the wait for the lock.
        long submitStarted = dispatcher.measuresSubmits() ? dispatcher.nanoClock().getAsLong() : 0L;
        ensureOpen();
        // One lookup serves the validator (an id already monitored is not checked again), the check and the step.
        return submitFound(input, observationPath.record(input), submitStarted);
    }

    /**
     * Submits each observation as {@link #submit} would, in order: its result in {@code results} at its index, or
     * (an {@link InvalidObservationException}) its refusal appended to {@code refusals}.
     * Why a call of its own: later observations' records are looked up and warmed ({@link #AHEAD}) before the current
     * one takes the lock, so their cache misses overlap the current one's step instead of following it. A record found
     * that early is what a concurrent submit of that observation could have found: {@link PatientReadings#seen(
     * PatientReadings.Patient, String)} looks up again a record discharged or released meanwhile, a patient the
     * step before creates is looked up again (null found), and {@code registered} checks the table's version.
     */
    public void submitAll(Observation[] observations, SubmitResult[] results,
                          List<BatchResult.Refusal> refusals) {
        ensureOpen();
        int n = observations.length;
        PatientReadings.Patient[] records = new PatientReadings.Patient[n];
        if (n > 0) {
            records[0] = observationPath.record(observations[0]);
        }
        for (int i = 0; i < n; i++) {
            long submitStarted = dispatcher.measuresSubmits() ? dispatcher.nanoClock().getAsLong() : 0L;
            ensureOpen();
            if (i % AHEAD == 0) {
                for (int j = i + 1, end = Math.min(n, i + 1 + AHEAD); j < end; j++) {
                    records[j] = observationPath.record(observations[j]);
                }
            }
            try {
                results[i] = submitFound(observations[i], records[i], submitStarted);
            } catch (InvalidObservationException e) {
                refusals.add(new BatchResult.Refusal(i, e));
            }
            records[i] = null;
        }
    }

    /**
     * How many observations ahead {@link #submitAll} finds records: every {@code AHEAD} observations it looks up and
     * warms the next {@code AHEAD} at once, so that their lookups' misses (a chain each: the map's node, the record)
     * overlap each other as well as the steps before them. Measured in one JVM at 10,000 patients, one lane order each:
     * 1 ahead cut CPU per observation to ~0.95-0.98 of one submit at a time, 8 and 16 to ~0.88-0.92; 8 read in both
     * lane orders, which cancels the lane's position (benchmarks/RESULTS.md, eighth pass): 0.93 (0.925-0.952).
     */
    static final int AHEAD = 8;

    /** {@link #submit} once the record is found ({@code record}: {@link ObservationPath#record}'s answer). */
    private SubmitResult submitFound(Observation input, PatientReadings.Patient record, long submitStarted) {
        ObservationValidator.Checked checked = observationPath.validate(input, record);
        Observation o = checked.accepted();
        List<RejectedValue> rejectedHere = checked.rejected();
        boolean known = observationPath.admit(o, record, rejectedHere);
        long ts = o.timestamp().toEpochMilli();
        engineLock.lock();
        try {
            dispatcher.submitStarted(submitStarted);
            observationPath.step(o, record, ts, warmingUp);
        } finally {
            dispatcher.submitEnded();
            engineLock.unlock();
        }
        afterLocked();
        if (rejectedHere.isEmpty()) {
            return known ? COMPLETE_KNOWN : COMPLETE_UNKNOWN; // immutable: one per answer, not one per observation
        }
        return new SubmitResult(rejectedHere, List.of(), known);
    }

    private static final SubmitResult COMPLETE_KNOWN = new SubmitResult(List.of(), List.of(), true);
    private static final SubmitResult COMPLETE_UNKNOWN = new SubmitResult(List.of(), List.of(), false);

    /** Event time: moves the clock forward without an observation (fires timers). */
    public void advanceTo(Instant t) {
        ensureOpen();
        if (clock instanceof MonitorClock.Live) {
            throw new IllegalStateException("advanceTo is for the event-time clock; a live monitor follows its Clock");
        }
        engineLock.lock();
        try {
            clockMoves.advanceTo(t);
        } finally {
            engineLock.unlock();
        }
        afterLocked();
    }

    /** Live: advances the engine to the clock's time. Called by the ticker. */
    public void tick() {
        if (closed || !(clock instanceof MonitorClock.Live live)) {
            return;
        }
        engineLock.lock();
        try {
            clockMoves.tick(live);
        } finally {
            engineLock.unlock();
        }
        afterLocked();
    }

    public Instant now() {
        engineLock.lock();
        try {
            return time.hasStarted() ? Instant.ofEpochMilli(time.now()) : null;
        } finally {
            engineLock.unlock();
        }
    }

    // ---- rule output ----------------------------------------------------------------------------

    // The rules' signals and clears enter the lifecycle directly: RuleOutput, attached to the statements at deploy.

    public List<com.nexussaude.monitor.InvalidSignals> invalidSignals() {
        return ruleOutput.invalidSignals();
    }

    // ---- patients, bands ------------------------------------------------------------------------

    public void register(PatientContext ctx) {
        ensureOpen();
        thresholds.register(ctx);
    }

    public PatientContext patient(String patientId) {
        return thresholds.patient(patientId);
    }

    /** After a deployment change: which of the per-reading event types a deployed statement reads. */
    private void readersChanged() {
        observationPath.readersChanged(EventTypeReaders.anyDeployed(runtime.getDeploymentService(), "VitalSign"),
                EventTypeReaders.anyDeployed(runtime.getDeploymentService(), "ObservationEnd"));
    }

    /** Whether a deployed statement reads {@code ObservationEnd}, so that the engine sends one per observation. */
    boolean observationEndsRead() {
        return locked(observationPath::observationEndsRead);
    }

    /** Whether a deployed statement reads {@code VitalSign}, so that the engine sends one per accepted vital. */
    boolean vitalSignsRead() {
        return locked(observationPath::vitalSignsRead);
    }

    /** Patients released for being idle since the monitor was built. */
    public long releasedPatients() {
        return patientRelease.releasedPatients();
    }

    /** Turns {@link PatientReadings.Patient#warm} before the lock off (true: on, the default), for the tests. */
    void warmRecordsForTests(boolean warm) {
        observationPath.warmRecords = warm;
    }

    /** The patient's record as the submitting thread finds it before the lock (null: none), for the tests. */
    PatientReadings.Patient recordForTests(String patientId) {
        return readings.lookup(patientId);
    }

    /** Sizes of the per-patient state, for the tests of bounded state. Takes the lock. */
    Map<String, Integer> stateSizes() {
        return locked(() -> {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("patients", readings.size());
            m.put("patientsWithAlerts", book.patientsWithAlerts());
            m.put("raiseHistories", book.raiseHistorySize());
            m.put("openIncidents", book.openIncidents().size());
            m.put("unknownPatientIds", (int) unknownPatientIds.estimatedSize());
            m.put("loggedRejections", (int) loggedRejections.estimatedSize());
            m.put("pendingPages", notifier == null ? 0 : notifier.pendingCount());
            for (PackState state : packStates) {
                m.put(state.getClass().getSimpleName(), state.patients());
            }
            return m;
        });
    }

    public void discharge(String patientId) {
        ensureOpen();
        engineLock.lock();
        try {
            requireLive("discharge");
            thresholds.discharge(patientId);
            PatientReadings.Patient gone = readings.discharge(patientId);
            long now = clockMillis();
            patientRelease.packsDischarged(gone, now);
            events.sendEventObjectArray(new Object[] {patientId, now}, "PatientDischarged");
            book.discharge(patientId, now);
            runNotifications(now);
        } finally {
            engineLock.unlock();
        }
        afterLocked();
    }

    public void setBands(Vital vital, Bands bands) {
        thresholds.setGlobal(vital, bands);
    }

    public Bands bands(String patientId, Vital vital) {
        return thresholds.bandsFor(patientId, vital);
    }

    public void setWardBands(String ward, Vital vital, Bands bands) {
        thresholds.setWard(ward, vital, bands);
    }

    // ---- integrator rules ----------------------------------------------------------------------

    /** Compiles (outside the lock) and deploys a rule file under a name, replacing any earlier one. */
    public void deployRules(String name, String source, String epl) {
        ensureOpen();
        integratorRules.deployRules(name, source, epl);
    }

    public boolean undeployRules(String name) {
        ensureOpen();
        return integratorRules.undeployRules(name);
    }

    public List<String> ruleNames() {
        return integratorRules.ruleNames();
    }

    // ---- state ----------------------------------------------------------------------------------

    public List<Alert> openAlerts() {
        return queries.openAlerts();
    }

    public Map<com.nexussaude.monitor.Vital, com.nexussaude.monitor.VitalReading> latestReadings(String patientId) {
        return queries.latestReadings(patientId);
    }

    public List<AlertEvent> alertHistory(JournalQuery query) {
        return queries.alertHistory(query);
    }

    /** An active alert, or a resolved one ({@link StateQueries#alert}). */
    public Alert alert(String alertId) {
        return queries.alert(alertId);
    }

    public List<Incident> incidents() {
        return queries.incidents();
    }

    public List<Silence> silences() {
        return queries.silences();
    }

    public List<JournalRecord> history(JournalQuery query) {
        return queries.history(query);
    }

    // ---- notifications --------------------------------------------------------------------------

    /** Under the lock: paging's due work and feedback ({@link PagingFeedback#runNotifications}). */
    private void runNotifications(long now) {
        pagingFeedback.runNotifications(now);
    }

    public int pendingNotifications() {
        return locked(() -> notifier == null ? 0 : notifier.pendingCount());
    }

    public int monitoredPatients() {
        return locked(readings::size);
    }

    /** Closes the journal: after the listeners got their last events, which they may look up in it. */
    public void closeJournal() {
        journaling.close();
    }

    public List<JournalProblem> journalProblems() {
        return journaling.problems();
    }

    public Alert acknowledge(String alertId, String actor, String reason) {
        return lifecycle(now -> book.acknowledge(alertId, actor, reason, now));
    }

    public com.nexussaude.monitor.Acknowledged acknowledgeAndReport(String alertId, String actor, String reason) {
        return lifecycle(now -> {
            Alert before = book.alert(alertId);
            boolean already = before != null && before.state() == com.nexussaude.monitor.AlertState.ACKNOWLEDGED;
            return new com.nexussaude.monitor.Acknowledged(book.acknowledge(alertId, actor, reason, now), !already);
        });
    }

    public List<Alert> acknowledgeIncident(String incidentId, String actor, String reason) {
        return lifecycle(now -> book.acknowledgeIncident(incidentId, actor, reason, now));
    }

    public Alert resolve(String alertId, String actor, String reason) {
        return lifecycle(now -> book.resolve(alertId, actor, reason, now));
    }

    public Alert raise(String patientId, String ruleId, String key, Severity severity, Category category,
                       String message, Map<String, Object> evidence, Duration ttl, String actor, String reason) {
        AlertBook.Signal s = new AlertBook.Signal(patientId, ruleId, key, severity, category, message, evidence,
                ttl.toMillis());
        return lifecycle(now -> {
            if (!time.canStamp()) {
                // Stamped NO_TIME_YET, it would be paged as raised in 1970 and resolve as stale at the first reading.
                throw new IllegalStateException("the monitor has no time yet: on an event-time clock, submit an "
                        + "observation or call advanceTo before raising an alert by hand");
            }
            return book.raiseByPerson(s, actor, reason, now);
        });
    }

    public Silence silence(Silence request) {
        return lifecycle(now -> book.addSilence(request, now));
    }

    public boolean expireSilence(String silenceId, String actor, String reason) {
        return lifecycle(now -> book.expireSilence(silenceId, actor, reason, now));
    }

    /** Runs a lifecycle operation of a person at the monitor clock's time, then delivers its events. */
    private <T> T lifecycle(java.util.function.LongFunction<T> op) {
        ensureOpen();
        T result;
        engineLock.lock();
        try {
            requireLive("a person's action on alerts, incidents or silences");
            long now = clockMillis();
            book.advance(now);
            result = op.apply(now);
            runNotifications(now);
        } finally {
            engineLock.unlock();
        }
        afterLocked();
        return result;
    }

    /**
     * After a locked call, on its thread, without the engine lock: the paging work it queued (event time:
     * the channels are called here, see {@link Notifier#deliverQueued()}), then its listener events.
     */
    private void afterLocked() {
        if (notifier != null) {
            notifier.deliverQueued();
        }
        dispatcher.drain();
    }

    /** What every record and transition is stamped with ({@link MonitorTime#stamp()}). Under the lock. */
    private long clockMillis() {
        return time.stamp();
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        engineLock.lock();
        try {
            return read.get();
        } finally {
            engineLock.unlock();
        }
    }

    public MonitorStats stats() {
        engineLock.lock();
        try {
            return new MonitorStats(accepted.get(), rejected.get(), late.get(), ruleOutput.signals(), ruleOutput.invalidSignalCount(),
                    book.raisedCount(), book.openCount(), dispatcher.failures(), journaling.failures(), rejectedValues.get(),
                    unknownFields.get(), unknownPatientCount.get());
        } finally {
            engineLock.unlock();
        }
    }

    /**
     * Under the lock, as a locked call ends: raises the journal-failed technical alert while appends fail
     * (and clears it once they work again), then commits the call's records as one journal step.
     */
    private void endStep() {
        RouteBudget.Overflow loop = integratorRules == null ? null : integratorRules.endCall();
        if (loop != null && !closed && book != null) {
            integratorRules.ruleLoopStopped(loop);
        }
        journaling.retryPending();
        if (!closed && journalFailedAlert != null && !warmingUp) {
            String pid = journaling.degradedPatient();
            long now = clockMillis();
            journalFailedAlert.update(pid, now);
        }
        journaling.commitStep();
    }

    /** Whether every journal record was appended: none waits for retry, none was lost. */
    public boolean journalHealthy() {
        return journaling.healthy();
    }

    /** Journal records that could not be appended and were dropped because the retry backlog was full. */
    public long journalRecordsLost() {
        return journaling.lost();
    }

    /** Journal records waiting for their append to be retried. */
    public int journalBacklog() {
        return journaling.backlog();
    }

    // ---- warm-up --------------------------------------------------------------------------------

    /**
     * Puts a just-built event-time engine in its warm-up phase, before any observation: the lifecycle the
     * journal restored stays as it is until {@link #endWarmUp}.
     */
    public void startWarmUp() {
        if (clock instanceof MonitorClock.Live) {
            throw new IllegalStateException("a warm-up replays observations in event time; a live monitor cannot warm up");
        }
        engineLock.lock();
        try {
            if (time.hasStarted() || warmUpStarted) {
                throw new IllegalStateException("a warm-up starts before the first observation");
            }
            warmUpStarted = true;
            warmingUp = true;
            book.startWarmUp();
        } finally {
            engineLock.unlock();
        }
    }

    /**
     * Ends the warm-up at the monitor clock's time: from now on the lifecycle follows the rules again, as the
     * monitor that wrote the journal did.
     */
    public void endWarmUp() {
        ensureOpen();
        engineLock.lock();
        try {
            if (!warmingUp) {
                throw new IllegalStateException(warmUpStarted ? "the warm-up has already ended"
                        : "the monitor was not built to warm up (VitalMonitor.Builder.warmUp(true))");
            }
            warmingUp = false;
            // A vital read in the warm-up is watched by the rebuilt rules; one not read since is watched from
            // its journalled last reading, as after a plain restore.
            restoredWatches.readInWarmUp(readInWarmUp);
            readInWarmUp.clear();
            if (time.hasStarted()) {
                long now = time.now();
                book.endWarmUp(now);
                clockMoves.clockStarted();
                book.advance(now);
                runNotifications(now);
            } else {
                book.endWarmUpWithoutReplay(); // nothing replayed: a plain restore, graced at the first moment
            }
        } finally {
            engineLock.unlock();
        }
        afterLocked();
    }

    /** Whether the engine is in its warm-up phase. */
    public boolean warmingUp() {
        return warmingUp;
    }

    /**
     * How much event time before the resume point the deployed packs' state looks back over (ms): their
     * longest window, persistence, staleness, trend and signal-loss horizon, and the idle release.
     */
    public long rulesHorizonMs() {
        long idleReleaseMs = clockMoves.idleReleaseMs();
        long idle = idleReleaseMs == Long.MAX_VALUE ? 0 : idleReleaseMs;
        return Math.max(rulesHorizonMs, idle);
    }

    private void requireLive(String what) {
        if (warmingUp) {
            throw new IllegalStateException(what + " is not allowed during the warm-up: the monitor replays"
                    + " observations the journal already accounts for; call endWarmUp() first");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the monitor is closed");
        }
    }

    @Override
    public void close() {
        if (notifier != null) {
            notifier.deliverQueued(); // event time: paging work of calls that returned while another thread delivered
        }
        engineLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (notifier != null) {
                notifier.close();
            }
            // Undeploy first: Esper's thread-locals (one set per runtime and thread that sent events) outlive
            // destroy() on every thread but this one and reach the runtime's services; without the
            // deployments, what they keep reachable is small instead of every patient's state.
            try {
                runtime.getDeploymentService().undeployAll();
            } catch (EPUndeployException e) {
                log.warn("undeploying the rules at close failed; destroying the runtime anyway", e);
            }
            runtime.destroy();
        } finally {
            engineLock.unlock();
        }
        afterLocked();
    }

}
