package com.nexussaude.monitor;

import com.nexussaude.monitor.internal.ingest.Engine;
import com.nexussaude.monitor.internal.journal.Journaling;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embeddable patient monitor: feed it {@link Observation}s, get {@link AlertEvent}s.
 *
 * <pre>{@code
 * try (VitalMonitor monitor = VitalMonitor.builder()
 *         .clock(MonitorClock.eventTime())
 *         .listener(event -> System.out.println(event))
 *         .build()) {
 *     monitor.submit(Observation.builder("bed-12", Instant.now()).spo2(86).build());
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> All methods are thread-safe. {@link #submit} may be called from many host
 * threads; calls into the engine are serialised by one lock, so a monitor uses one core for its
 * rules. Listeners run on the listener executor, never under that lock (see {@link AlertListener}
 * and {@code CONCURRENCY.md}).
 *
 * <p><b>Late data.</b> The clock never moves backwards. An observation up to
 * {@link MonitorConfig#allowedLateness()} behind the monitor clock is accepted and processed at
 * once (rules see its own timestamp in {@code VitalSign.ts}; windows see it at the current engine
 * time); an older one is rejected with a {@link LateObservationException}. With a live clock, an
 * observation more than {@link MonitorConfig#futureTolerance()} ahead of the clock is rejected too; with
 * the event-time clock, one more than {@link Builder#eventTimeFutureTolerance(Duration)} ahead of it is
 * rejected and does not move the clock (see there).
 *
 * <p><b>Restore and warm-up.</b> Built on a {@link Builder#journal journal}, a monitor restores the alert
 * lifecycle (open alerts, incidents, escalations, silences, pending pages); the rules start empty. A host that
 * takes over another monitor's patients (a failover) builds it with {@link Builder#warmUp(boolean) warmUp(true)},
 * replays the observations of the last {@link #warmUpWindow()} before the journal's end, during which the rules
 * fill and the lifecycle stays as restored (nothing raised, journalled, announced or paged), then calls
 * {@link #endWarmUp()}: from then on it produces the alerts, incidents and pages the monitor that wrote the
 * journal would have, with the same ids, times, levels and idempotency keys ({@code JOURNAL.md}, "Warm-up").
 *
 * <p><b>Timestamps.</b> An observation's timestamp must lie within {@link Observation#EARLIEST_TIMESTAMP}
 * .. {@link Observation#LATEST_TIMESTAMP}; all time arithmetic stays within {@code long} milliseconds and
 * nanoseconds from 1970 for those. {@link #submit} throws only the exceptions it documents, whatever the
 * observation holds.
 *
 * @since 0.1
 */
public final class VitalMonitor implements AutoCloseable {
    /** Default time an alert stays open without being signalled again, for signals without a ttl: 2 min. */
    public static final Duration DEFAULT_SIGNAL_TTL = Duration.ofMinutes(2);

    /**
     * Default for {@link Builder#eventTimeFutureTolerance(Duration)}: 24 h. Longer than the gaps of one
     * patient's sparse readings (a NIBP every hour, a temperature every few hours), so a replay of them loses
     * nothing; a reading a day or more ahead (a device a year off) is rejected. A host that feeds a whole
     * ward's live data in event time should set it shorter, e.g. 5 min: a device whose clock is hours off (a
     * local time sent as UTC) then cannot make hours of every patient's readings late either. A longer gap is
     * crossed by the second observation after it, or by {@link #advanceTo}.
     *
     * @since 0.3
     */
    public static final Duration DEFAULT_EVENT_TIME_FUTURE_TOLERANCE = Duration.ofHours(24);

    /**
     * Default for {@link Builder#idlePatientRelease(Duration)}: 16 h. Longer than the longest regular gap in
     * a patient's readings: ward observations charted 12-hourly (the RCP's minimum for a NEWS2 of 0) with
     * time to spare for a late round, so a patient charted on paper rounds is never mistaken for one whose
     * monitoring ended. A host whose patients all wear continuous monitors may set it to a few hours.
     *
     * @since 0.3
     */
    public static final Duration DEFAULT_IDLE_PATIENT_RELEASE = Duration.ofHours(16);

    /**
     * Default for {@link Builder#maxPatients(int)}: 100,000. A monitored patient holds about 4 KB of heap
     * with 1 Hz readings and every pack deployed, after 35 minutes and in steady state alike
     * (benchmarks/RESULTS.md, {@code MemoryFootprint}), so the limit keeps one monitor's patient state near
     * 400 MB; one monitor runs its rules on one core, a few hundred thousand observations/s (2.6-3.2
     * microseconds of CPU each at 10,000 patients on a 2.45 GHz virtual machine).
     *
     * @since 0.3
     */
    public static final int DEFAULT_MAX_PATIENTS = 100_000;

    private final Engine engine;
    /** The warm-up window a host asked for ({@link Builder#warmUpWindow}), or null. */
    private final Duration warmUpWindowAtLeast;
    private final ExecutorService ownExecutor;
    private final ScheduledExecutorService ticker;

    private VitalMonitor(Builder b) {
        ExecutorService own = null;
        Executor executor = b.listenerExecutor;
        if (executor == null) {
            own = Executors.newSingleThreadExecutor(r -> daemon(r, "nexus-monitor-alerts"));
            executor = own;
        }
        this.ownExecutor = own;
        Journaling journaling = b.journal == null ? Journaling.none() : Journaling.of(b.journal);
        try {
            this.engine = new Engine(b.config, b.clock, b.listeners, b.scoreListeners, b.incidentListeners, executor,
                    b.signalTtl, journaling, b.paging);
            this.engine.inputPolicy(b.strictInput, b.unknownPatients);
            this.engine.eventTimeFutureTolerance(b.eventTimeFutureTolerance);
            this.engine.submitLatency(b.nanoClock, b.latencyListeners);
            this.engine.patientLimits(b.idlePatientRelease, b.maxPatients);
            if (b.warmUp) {
                this.engine.startWarmUp();
            }
        } catch (RuntimeException e) {
            journaling.close(); // releases the journal file's lock for the next attempt
            if (own != null) {
                own.shutdownNow();
            }
            throw e;
        }
        try {
            for (Map.Entry<String, String[]> r : b.rules.entrySet()) {
                engine.deployRules(r.getKey(), r.getValue()[0], r.getValue()[1]);
            }
        } catch (RuntimeException e) {
            engine.close();
            if (own != null) {
                own.shutdownNow();
            }
            throw e;
        }
        this.warmUpWindowAtLeast = b.warmUpWindow;
        if (b.clock instanceof MonitorClock.Live live) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "nexus-monitor-ticker"));
            long every = live.tickInterval().toMillis();
            ticker.scheduleAtFixedRate(engine::tick, every, every, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * A builder with the defaults: {@link MonitorConfig#defaults()}, event-time clock, no listener.
     *
     * @return a builder with the defaults: {@link MonitorConfig#defaults()}, event-time clock, no listener
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates and processes one observation. A value that cannot be a real measurement (an HR of 999)
     * is rejected alone: the observation's valid values are monitored, the rejected one is logged (once per
     * patient and field) and counted in {@link MonitorStats#rejectedValues()}; {@link #submitAndReport}
     * returns the rejections. The observation is rejected as a whole, with an exception, only when no valid
     * value is left or, with {@link Builder#strictInput(boolean) strictInput}, for any invalid value.
     *
     * @param observation the observation; not {@code null}
     * @throws InvalidObservationException naming the field, value and allowed range, if nothing of it can
     *                                     be a real measurement, if the patient id or timestamp is missing,
     *                                     or (strict input) for its first invalid value; counted in
     *                                     {@link MonitorStats#rejected()}
     * @throws UnknownPatientException     if the patient is not registered and the policy is
     *                                     {@link UnknownPatientPolicy#REJECT}
     * @throws InvalidObservationException also if the patient id contains a control character, or the
     *                                     timestamp lies outside {@link Observation#EARLIEST_TIMESTAMP} ..
     *                                     {@link Observation#LATEST_TIMESTAMP}
     * @throws LateObservationException    if it is older than the allowed lateness, or (event time) further
     *                                     ahead of the monitor clock than the future tolerance
     * @throws IllegalStateException       if the monitor is closed
     * @throws NullPointerException        if {@code observation} is {@code null}
     */
    public void submit(Observation observation) {
        engine.submit(Objects.requireNonNull(observation, "observation"));
    }

    /**
     * {@link #submit} that also returns what it did not accept: the values it rejected one by one
     * (field, value, allowed range, message) and whether the patient was registered.
     *
     * @param observation the observation; not {@code null}
     * @return the values rejected one by one (field, value, allowed range, message) and whether the patient
     *     was registered; empty rejections when all was accepted
     * @throws InvalidObservationException as {@link #submit}
     * @throws LateObservationException    as {@link #submit}
     * @since 0.2
     */
    public SubmitResult submitAndReport(Observation observation) {
        return engine.submit(Objects.requireNonNull(observation, "observation"));
    }

    /**
     * Submits each observation of the list, in order, as {@link #submitAndReport} would: an observation
     * that it would refuse with an {@link InvalidObservationException} (or a {@link LateObservationException},
     * {@link UnknownPatientException} or {@link PatientLimitException}) is refused alone and reported in
     * {@link BatchResult#refusals()}, and the others are still taken. Listener calls, journal records and
     * {@link #stats()} are those of the same {@code submitAndReport} calls one after another. Other threads
     * may submit meanwhile: their observations may fall between this list's.
     *
     * <p>Why a list: a host that has many observations at hand (a replay, a consumer's poll, a batch
     * message) saves time per observation at thousands of patients, where a patient's state is out of the
     * processor's cache. The monitor looks up the next observation's patient and loads their state while
     * the current one is processed, so that the wait for memory overlaps the work instead of following it.
     *
     * @param observations the observations, in the order to take them; not {@code null}, nor any element
     * @return the result of each observation taken, by index, and each refusal with its exception
     * @throws IllegalStateException if the monitor is closed (observations before it were taken)
     * @throws NullPointerException  if {@code observations} or one of its elements is {@code null} (then
     *                               nothing was taken)
     * @since 0.5
     */
    public BatchResult submitAll(List<Observation> observations) {
        Observation[] batch = Objects.requireNonNull(observations, "observations").toArray(new Observation[0]);
        for (int i = 0; i < batch.length; i++) {
            if (batch[i] == null) {
                throw new NullPointerException("observations[" + i + "] is null; nothing was submitted");
            }
        }
        SubmitResult[] results = new SubmitResult[batch.length];
        List<BatchResult.Refusal> refusals = new ArrayList<>(0);
        engine.submitAll(batch, results, refusals);
        return new BatchResult(results, refusals);
    }

    /**
     * Builds an observation from the input contract's named fields ({@link Observation#fromFields}) and
     * submits it. A field name the contract does not know ({@code heart_rat}) is never ignored silently:
     * with {@link Builder#strictInput(boolean) strictInput} it rejects the observation with an
     * {@link InvalidObservationException} naming it; otherwise the known fields are submitted and the unknown
     * name is returned in {@link SubmitResult#unknownFields()}, counted in {@link MonitorStats#unknownFields()}
     * and logged once per name.
     *
     * @param fields the observation as named fields of the input contract ({@code patient_id},
     *     {@code timestamp}, {@code heart_rate}…)
     * @return what was not accepted: values rejected one by one, unknown field names, and whether the patient
     *     was registered
     * @throws InvalidObservationException as {@link #submit}, for a value of the wrong type, or for an
     *                                     unknown field with strict input
     * @since 0.2
     */
    public SubmitResult submitFields(Map<String, ?> fields) {
        return engine.submitFields(Objects.requireNonNull(fields, "fields"));
    }

    /**
     * Event-time clock only: moves the monitor clock forward to {@code time} without an observation,
     * firing every timer due by then, each at its own due time and stamped with it (persistence delays,
     * signal loss, resolve holds, ttls, escalation steps) — as if other observations had moved the clock.
     *
     * <p>The end of an event-time input: every timer due at or before the last observation has fired when
     * {@code submit} returns; {@link #close()} does not move the clock, so a timer due later (a resolve
     * hold still running, the signal loss of a recording that simply ended) fires only if the host
     * advances the clock to a chosen end, e.g. the end of the recording period, or the end of another
     * input replayed beside this one (then both replays give this patient the same alerts).
     *
     * <p>Called before the first observation, it starts the clock: the first observation is then checked
     * against the {@link Builder#eventTimeFutureTolerance(Duration) future tolerance} like every later one
     * (otherwise the first observation sets the clock unchecked).
     *
     * @param time the new monitor clock time, not before the current one
     * @throws IllegalArgumentException if {@code time} is before the monitor clock, or outside
     *                                  {@link Observation#EARLIEST_TIMESTAMP} .. {@link Observation#LATEST_TIMESTAMP}
     * @throws IllegalStateException    with a live clock
     */
    public void advanceTo(Instant time) {
        engine.advanceTo(Objects.requireNonNull(time, "time"));
    }

    /**
     * The monitor clock's time, or {@code null} before the first observation in event time.
     *
     * @return the monitor clock's time, or {@code null} before the first observation in event time
     */
    public Instant now() {
        return engine.now();
    }

    /**
     * Registers or updates a patient's context; it applies to observations accepted afterwards.
     *
     * @param patient the patient's id, ward and band overrides; not {@code null}
     */
    public void register(PatientContext patient) {
        engine.register(Objects.requireNonNull(patient, "patient"));
    }

    /**
     * The registered context of a patient, or {@code null} if unknown.
     *
     * @param patientId the patient
     * @return the registered context of a patient, or {@code null} if unknown
     */
    public PatientContext patient(String patientId) {
        return engine.patient(patientId);
    }

    /**
     * Discharges a patient: resolves the patient's open alerts ({@code resolution = "discharged"})
     * and frees all of the patient's state, in the monitor and in every rule pack.
     *
     * @param patientId the patient
     */
    public void discharge(String patientId) {
        engine.discharge(Objects.requireNonNull(patientId, "patientId"));
    }

    /**
     * Replaces the global bands of a vital at runtime.
     *
     * @param vital the vital
     * @param bands the new global bands, in the vital's unit; not {@code null}
     */
    public void setBands(Vital vital, Bands bands) {
        requireBanded(vital);
        engine.setBands(vital, Objects.requireNonNull(bands, "bands"));
    }

    /**
     * Sets (or, with {@code null}, removes) a ward's bands for a vital at runtime.
     *
     * @param ward the ward, as in {@link PatientContext}
     * @param vital the vital
     * @param bands the ward's bands, or {@code null} to remove them (the global bands apply again)
     */
    public void setWardBands(String ward, Vital vital, Bands bands) {
        requireBanded(vital);
        engine.setWardBands(Objects.requireNonNull(ward, "ward"), vital, bands);
    }

    /**
     * The bands that apply to a patient's vital now (patient override, else ward, else global).
     *
     * @param patientId the patient
     * @param vital the vital
     * @return the bands in force for that patient and vital now
     */
    public Bands bandsFor(String patientId, Vital vital) {
        requireBanded(vital);
        return engine.bands(patientId, vital);
    }

    private static void requireBanded(Vital vital) {
        if (!Objects.requireNonNull(vital, "vital").hasBands()) {
            throw new IllegalArgumentException(vital + " has no alarm bands");
        }
    }

    /**
     * Compiles and deploys an integrator's EPL rule file, named after the file. Loading a file with
     * the same name again replaces the earlier rules while the monitor runs.
     *
     * @param file the EPL file, read as UTF-8
     * @return the name the rules are deployed under
     * @throws RuleCompilationException with every problem (file, line, Esper's message); nothing of
     *                                  the file is deployed and the running rules are unchanged
     */
    public String loadRules(Path file) {
        String name = file.getFileName().toString();
        engine.deployRules(name, file.toString(), read(file));
        return name;
    }

    /**
     * Compiles and deploys an EPL rule file from the classpath, named after the resource.
     *
     * @param resource the classpath resource name, e.g. {@code "rules/ward7.epl"}
     * @return the name the rules are deployed under
     */
    public String loadRulesResource(String resource) {
        String epl = readResource(resource);
        engine.deployRules(resource, resource, epl);
        return resource;
    }

    /**
     * Compiles and deploys EPL text under a name, replacing any rules deployed under it.
     *
     * @param name the name to deploy under; rules already deployed under it are replaced
     * @param epl the EPL text, against the schema in {@code schema.epl}
     */
    public void loadRules(String name, String epl) {
        engine.deployRules(Objects.requireNonNull(name, "name"), name, Objects.requireNonNull(epl, "epl"));
    }

    /**
     * Undeploys the rules loaded under a name; false if there were none.
     *
     * @param name the name the rules were loaded under
     * @return {@code true} if rules were undeployed; {@code false} if none were loaded under {@code name}
     */
    public boolean unloadRules(String name) {
        return engine.undeployRules(name);
    }

    /**
     * Names of the integrator rule files deployed now, in load order.
     *
     * @return names of the integrator rule files deployed now, in load order; a snapshot
     */
    public List<String> ruleNames() {
        return engine.ruleNames();
    }

    /**
     * The active (not resolved) alerts, ordered by id.
     *
     * @return the active (not resolved) alerts, ordered by id
     */
    public List<Alert> openAlerts() {
        return engine.openAlerts();
    }

    /**
     * One patient's active (not resolved) alerts, ordered by id; empty for a patient with none. (Not an overload
     * of {@link #openAlerts()}: that would make a host's {@code monitor::openAlerts} ambiguous.)
     *
     * @param patientId the patient
     * @return the patient's active alerts, a snapshot
     * @since 0.3
     */
    public List<Alert> openAlertsOf(String patientId) {
        Objects.requireNonNull(patientId, "patientId");
        return engine.openAlerts().stream().filter(a -> a.patientId().equals(patientId)).toList();
    }

    /**
     * One patient's latest plausible reading of each vital the monitor has seen for them (artefacts set
     * aside are not readings), by vital; empty for a patient never seen or discharged. A snapshot: it does
     * not change as readings arrive.
     *
     * @param patientId the patient
     * @return one patient's latest plausible reading of each vital the monitor has seen for them (artefacts
     *     set aside are not readings), by vital; empty for a patient never seen or discharged
     * @since 0.3
     */
    public Map<Vital, VitalReading> latestReadings(String patientId) {
        return engine.latestReadings(Objects.requireNonNull(patientId, "patientId"));
    }

    /**
     * An alert by id, active or resolved; {@code null} if it was never raised here. A resolved alert
     * is returned as it resolved (state {@code RESOLVED}, {@link Alert#resolvedAt()}): the monitor
     * keeps the last 1,000 resolved alerts in memory, and finds older ones in the journal (the last
     * record of the alert); without a journal an older one gives {@code null}. Before 0.2 a resolved
     * alert gave {@code null}.
     *
     * @param alertId the alert's id, as in {@link Alert#alertId()}
     * @return the alert, or {@code null} if it was never raised here (or resolved long ago without a journal)
     */
    public Alert alert(String alertId) {
        return engine.alert(alertId);
    }

    /**
     * The open incidents (each patient's concurrent alerts), ordered by id.
     *
     * @return the open incidents (each patient's concurrent alerts), ordered by id
     */
    public List<Incident> incidents() {
        return engine.incidents();
    }

    /**
     * Acknowledges an active alert: it is owned, re-notification stops at once. If it is still active
     * after {@link MonitorConfig#ackTimeout()}, or its severity rises, it alerts again.
     *
     * <p>Acknowledging an alert that is already acknowledged is a no-op (since 0.3; before, it threw
     * {@link IllegalTransitionException}): two people answering one alarm both want it owned, and it is. The
     * first acknowledgement stands (actor, time, timeout), nothing is recorded or announced, and the alert is
     * returned as it is; {@link #acknowledgeAndReport(String, String, String)} says which case it was.
     *
     * @param actor  who acknowledges (required)
     * @param reason their comment, may be empty
     * @param alertId the alert, active
     * @return the alert after the call
     * @throws IllegalTransitionException if the alert is resolved
     * @throws IllegalArgumentException   if no such alert was raised by this monitor
     */
    public Alert acknowledge(String alertId, String actor, String reason) {
        return engine.acknowledge(alertId, actor, reason);
    }

    /**
     * As {@link #acknowledge(String, String, String)}, and says whether this call acknowledged the alert or
     * found it already acknowledged (a no-op).
     *
     * @param alertId the alert, active
     * @param actor who acknowledges (required)
     * @param reason their comment, may be empty
     * @return the alert after the call, and whether this call acknowledged it ({@code false}: it was already
     *     acknowledged, nothing changed)
     * @throws IllegalTransitionException if the alert is resolved
     * @throws IllegalArgumentException   if no such alert was raised by this monitor
     * @since 0.3
     */
    public Acknowledged acknowledgeAndReport(String alertId, String actor, String reason) {
        return engine.acknowledgeAndReport(alertId, actor, reason);
    }

    /**
     * Acknowledges every active, unacknowledged alert of an open incident (stops all its paging).
     *
     * @param incidentId an open incident's id
     * @param actor who acknowledges (required)
     * @param reason their comment, may be empty
     * @return the alerts acknowledged
     * @throws IllegalArgumentException if there is no such open incident
     */
    public List<Alert> acknowledgeIncident(String incidentId, String actor, String reason) {
        return engine.acknowledgeIncident(incidentId, actor, reason);
    }

    /**
     * Resolves an active alert by hand. If its rule still finds the condition, the next signal raises
     * a new alert (a person said this one is dealt with; a condition that persists is news again).
     *
     * @param alertId the alert, active
     * @param actor who resolves it (required, not blank); recorded in the journal
     * @param reason why, in words; recorded in the journal
     * @return the alert as resolved (state {@code RESOLVED})
     * @throws IllegalTransitionException if the alert is already resolved
     * @throws IllegalArgumentException   if no such alert was raised by this monitor
     */
    public Alert resolve(String alertId, String actor, String reason) {
        return engine.resolve(alertId, actor, reason);
    }

    /**
     * Raises an alert on a person's word rather than a rule's: a clinician's concern, a call from the
     * bedside, an alert entered by an integration that has no EPL rule. It goes through the same
     * lifecycle as a rule's alert (incident, suppression, paging, journal), and its {@code raised}
     * event and journal record carry {@code actor} and {@code reason}. A second raise of the same
     * patient, rule and key while the first is active updates that alert, as a repeated rule signal
     * does. It is not signalled again, so it resolves only after {@code ttl} or by
     * {@link #resolve(String, String, String)}.
     *
     * @param ruleId   the alert's rule id, e.g. {@code "manual"}
     * @param key      one alert per patient, rule and key; {@code null} or empty for none
     * @param evidence values to show with it; may be empty
     * @param ttl      how long it stays active without being raised again, e.g. 24 h; positive
     * @param actor    who raised it (required)
     * @param reason   why (required)
     * @param patientId the patient
     * @param severity the alert's severity; not {@code null}
     * @param category clinical or technical; not {@code null}
     * @param message what the person reported, shown to whoever is paged; not blank
     * @return the alert after the raise
     * @throws IllegalArgumentException if a required argument is blank, {@code ttl} is not positive, or the
     *                                  patient id contains a control character
     * @throws IllegalStateException    if the monitor is closed, warming up, or on an event-time clock that has
     *                                  no time yet (no observation, {@code advanceTo} or restored journal)
     * @since 0.1
     */
    public Alert raise(String patientId, String ruleId, String key, Severity severity, Category category,
                       String message, Map<String, Object> evidence, Duration ttl, String actor, String reason) {
        for (String[] f : new String[][] {{"patientId", patientId}, {"ruleId", ruleId}, {"message", message},
                {"actor", actor}, {"reason", reason}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException(f[0] + " is required, but was " + (f[1] == null ? "null" : "blank"));
            }
        }
        if (ttl == null || ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive, but was " + ttl);
        }
        if (patientId.chars().anyMatch(Character::isISOControl)) {
            // Not echoed: a newline in it would forge a line of a log or a page.
            throw new IllegalArgumentException("patientId must not contain control characters");
        }
        return engine.raise(patientId, ruleId, key == null || key.isEmpty() ? null : key,
                Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(category, "category"), message,
                evidence == null ? Map.of() : evidence, ttl, actor, reason);
    }

    /**
     * Adds a silence: the alerts it matches are recorded but not notified while it is in force.
     *
     * @param silence what to silence (patient, rule, alert or "until resolved") and until when; its id and
     *     start are assigned here
     * @return the silence with its id and start
     * @throws IllegalArgumentException if it ends before the monitor clock, or is "until resolved" for
     *                                  an alert that is not active
     */
    public Silence silence(Silence silence) {
        return engine.silence(Objects.requireNonNull(silence, "silence"));
    }

    /**
     * Ends a silence before its time; returns false if there is no such silence in force.
     *
     * @param silenceId the id {@link #silence(Silence)} returned
     * @param actor who ends it, recorded in the journal's {@code silence.expired} record
     * @param reason why it ends early, recorded with it
     * @return {@code true} if the silence was ended by this call; {@code false} if there is no such silence
     *     not yet ended
     */
    public boolean expireSilence(String silenceId, String actor, String reason) {
        return engine.expireSilence(silenceId, actor, reason);
    }

    /**
     * The journal's records matching the query: every alert transition, incident change, suppression
     * and silence, with time, actor and reason. Empty without a journal.
     *
     * @param query the criteria (patient, alert, incident, time range, types, limit);
     *     {@link JournalQuery#all()} for every record
     * @return the journal's records matching the query: every alert transition, incident change, suppression
     *     and silence, with time, actor and reason
     */
    public List<JournalRecord> history(JournalQuery query) {
        return engine.history(Objects.requireNonNull(query, "query"));
    }

    /**
     * The alert transitions among the journal's records matching the query, typed: each {@code alert.*}
     * record as the {@link AlertEvent} the listeners received then (type, the alert as it was after the
     * transition, time, actor, reason), in journal order. Incident, silence, paging and bookkeeping records
     * are left out ({@link #history(JournalQuery)} has them). Empty without a journal.
     *
     * @param query the criteria (patient, alert, incident, time range, limit); {@link JournalQuery#all()} for
     *     every record
     * @return the alert transitions among the journal's records matching the query, typed: each
     *     {@code alert.*} record as the {@link AlertEvent} the listeners received then (type, the alert as it was
     *     after the transition, time, actor, reason), in journal order
     * @since 0.3
     */
    public List<AlertEvent> alertHistory(JournalQuery query) {
        return engine.alertHistory(Objects.requireNonNull(query, "query"));
    }

    /**
     * What the journal's recovery at {@code build()} found wrong (a half-written last record after a
     * crash, a corrupt record) with its position; everything before it was restored. Empty when clean.
     *
     * @return what the journal's recovery at {@code build()} found wrong (a half-written last record after a
     *     crash, a corrupt record) with its position; everything before it was restored
     */
    public List<JournalProblem> journalProblems() {
        return engine.journalProblems();
    }

    /**
     * Whether every journal record reached the journal. False while appends fail (disk full, an I/O
     * error): the records wait in a bounded backlog, are retried with every later record, and the
     * {@code journal-failed} technical alert is open; true again once they are all appended. Stays
     * false for the life of the monitor once a record was lost because the backlog was full
     * ({@link #journalRecordsLost()}). Also false while the journal reports records waiting in a
     * buffer of its own ({@link com.nexussaude.monitor.journal.AlertJournal#journalHealth()}, e.g. a
     * database journal during an outage). Always true without a journal. See {@code JOURNAL.md}.
     *
     * @return whether every journal record reached the journal
     * @since 0.3
     */
    public boolean journalHealthy() {
        return engine.journalHealthy();
    }

    /**
     * Journal records lost: not appended, and dropped because the retry backlog (10,000 records) was
     * full; each was logged at ERROR with its type and ids.
     *
     * @return journal records lost: not appended, and dropped because the retry backlog (10,000 records) was
     *     full; each was logged at ERROR with its type and ids
     * @since 0.3
     */
    public long journalRecordsLost() {
        return engine.journalRecordsLost();
    }

    /**
     * Journal records waiting for their failed append to be retried, plus those the journal reports
     * waiting in a buffer of its own (0 when the journal works).
     *
     * @return journal records waiting for their failed append to be retried, plus those the journal reports
     *     waiting in a buffer of its own (0 when the journal works)
     * @since 0.3
     */
    public int journalBacklog() {
        return engine.journalBacklog();
    }

    /**
     * Pages submitted and not yet delivered or given up (0 without {@link Builder#paging(Paging)}).
     *
     * @return pages submitted and not yet delivered or given up (0 without {@link Builder#paging(Paging)})
     */
    public int pendingNotifications() {
        return engine.pendingNotifications();
    }

    /**
     * How many patients the monitor keeps state for now: every patient with an accepted observation
     * who has not been discharged or released since (registering alone does not count). Takes the engine lock briefly,
     * so a metrics scrape may call it from any thread.
     *
     * @return how many patients the monitor keeps state for now: every patient with an accepted observation
     *     who has not been discharged or released since (registering alone does not count)
     * @since 0.2
     */
    public int monitoredPatients() {
        return engine.monitoredPatients();
    }

    /**
     * How many patients were released for sending nothing for {@link Builder#idlePatientRelease} since the
     * monitor was built.
     *
     * @return how many patients were released for sending nothing for {@link Builder#idlePatientRelease}
     *     since the monitor was built
     * @since 0.3
     */
    public long releasedPatients() {
        return engine.releasedPatients();
    }

    /**
     * The silences not yet ended (in force, or starting later).
     *
     * @return the silences not yet ended (in force, or starting later)
     */
    public List<Silence> silences() {
        return engine.silences();
    }

    /**
     * The rules whose alert signals broke the alert contract and were dropped, each with its count and
     * what was wrong with its first one, in the order the rules first did so; empty when none did. The
     * monitor logs only a rule's first drop; {@link MonitorStats#invalidSignals()} is the total.
     *
     * @return the rules whose alert signals broke the alert contract and were dropped, each with its count
     *     and what was wrong with its first one, in the order the rules first did so; empty when none did
     * @since 0.3
     */
    public List<InvalidSignals> invalidSignals() {
        return engine.invalidSignals();
    }

    /**
     * Counters since the monitor was built.
     *
     * @return a consistent snapshot of the counters; it does not change afterwards
     */
    public MonitorStats stats() {
        return engine.stats();
    }

    /**
     * Ends the warm-up phase ({@link Builder#warmUp(boolean)}): the monitor goes live at its current clock
     * time. From then on it behaves like the monitor that wrote the journal, had it run without interruption:
     * the same rules signal on the rebuilt state, restored alerts resolve, step down and are paged at the times
     * that monitor would have, restored escalations step at their due times, and new alerts, incidents and pages
     * continue its ids and idempotency keys.
     *
     * <p>A restored alert's ttl runs from its last signal: its journalled one, or a later one the warm-up
     * replayed. A restored alert whose deadline has already passed now (last signalled by something the
     * warm-up does not replay, e.g. before the replayed window) is refreshed as if signalled now instead, so a
     * failover never resolves an alert as stale. Pages the journal holds as pending are resubmitted now; the
     * restored alerts' vitals that no warm-up observation read are watched for signal loss from their
     * journalled last reading, as after a plain restore. Without any warm-up observation this is a plain
     * restore.
     *
     * @throws IllegalStateException if the monitor was not built with {@code warmUp(true)}, if the warm-up has
     *                               already ended, or if the monitor is closed
     * @since 0.4
     */
    public void endWarmUp() {
        engine.endWarmUp();
    }

    /**
     * Whether the monitor is in its warm-up phase: built with {@link Builder#warmUp(boolean) warmUp(true)} and
     * {@link #endWarmUp()} not called yet.
     *
     * @return whether the monitor is warming up
     * @since 0.4
     */
    public boolean warmingUp() {
        return engine.warmingUp();
    }

    /**
     * How much event time of observations before the resume point a host must replay in the warm-up so that
     * the deployed rules' state is rebuilt: the longest window, persistence, staleness, trend, minute-median
     * and signal-loss horizon of the deployed packs (from their current settings) and the
     * {@link Builder#idlePatientRelease idle release} (a patient idle since before the window would never be
     * released), plus one minute (a minute summary and the 5-s sweep in progress); at least
     * {@link Builder#warmUpWindow(Duration)}. With the defaults: 16 h 1 min (the idle release; the packs' longest is
     * 12 h, charted oxygen and consciousness). Integrator rule files are not inspected: a host with its own
     * longer windows raises it with the builder.
     *
     * <p>One state is not bounded by any window: the anomaly pack's per-patient baseline is an exponentially
     * weighted mean and variance (time constant {@code anomaly_tau_ms}, 1 h); replayed over the window it
     * differs from the uninterrupted one by a weight of about e<sup>-window/tau</sup> (e<sup>-16</sup> with the
     * defaults), see {@code JOURNAL.md}.
     *
     * @return the event time to replay before the resume point, positive
     * @since 0.4
     */
    public Duration warmUpWindow() {
        Duration computed = Duration.ofMillis(engine.rulesHorizonMs()).plusMinutes(1);
        return warmUpWindowAtLeast != null && warmUpWindowAtLeast.compareTo(computed) > 0 ? warmUpWindowAtLeast : computed;
    }

    /**
     * Stops the monitor: no more observations are accepted, pending events are delivered to the
     * listeners (waiting up to 10 s for the default listener thread), and Esper is shut down.
     */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        engine.close();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                ownExecutor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        engine.closeJournal();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleCompilationException(file.toString(), List.of(new RuleCompilationException.Problem(
                    file.toString(), 0, "cannot read the file: " + e)), e);
        }
    }

    static String readResource(String resource) {
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (cl != null ? cl : VitalMonitor.class.getClassLoader()).getResourceAsStream(r)) {
            if (in == null) {
                throw new RuleCompilationException(resource, List.of(new RuleCompilationException.Problem(resource, 0,
                        "no such resource on the classpath")), null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a {@link VitalMonitor}. Each setter validates its argument and may be called once;
     * listeners and rule files may be added repeatedly.
     */
    public static final class Builder {
        private MonitorConfig config = MonitorConfig.defaults();
        private MonitorClock clock = MonitorClock.eventTime();
        private final List<AlertListener> listeners = new ArrayList<>();
        private final List<ScoreListener> scoreListeners = new ArrayList<>();
        private final List<IncidentListener> incidentListeners = new ArrayList<>();
        private final List<SubmitLatencyListener> latencyListeners = new ArrayList<>();
        private java.util.function.LongSupplier nanoClock = System::nanoTime;
        private boolean nanoClockSet;
        private AlertJournal journal;
        private Paging paging;
        private Executor listenerExecutor;
        private Duration signalTtl = DEFAULT_SIGNAL_TTL;
        private boolean strictInput;
        private Duration eventTimeFutureTolerance = DEFAULT_EVENT_TIME_FUTURE_TOLERANCE;
        private UnknownPatientPolicy unknownPatients = UnknownPatientPolicy.WARN;
        private Duration idlePatientRelease = DEFAULT_IDLE_PATIENT_RELEASE;
        private int maxPatients = DEFAULT_MAX_PATIENTS;
        private boolean warmUp;
        private Duration warmUpWindow;
        private final Map<String, String[]> rules = new LinkedHashMap<>();
        private boolean configSet;
        private boolean clockSet;

        private Builder() {
        }

        /**
         * The configuration; default {@link MonitorConfig#defaults()}.
         *
         * @param config the configuration; not {@code null}
         * @return this builder
         */
        public Builder config(MonitorConfig config) {
            if (configSet) { // the message only when thrown: building it (a record's toString) costs a fresh JVM tens of ms
                throw new IllegalStateException("config was already set to " + this.config);
            }
            this.config = Objects.requireNonNull(config, "config");
            configSet = true;
            return this;
        }

        /**
         * The monitor clock; default {@link MonitorClock#eventTime()}.
         *
         * @param clock the monitor clock, e.g. {@link MonitorClock#eventTime()} or a live clock; not
         *     {@code null}
         * @return this builder
         */
        public Builder clock(MonitorClock clock) {
            if (clockSet) {
                throw new IllegalStateException("clock was already set to " + this.clock);
            }
            this.clock = Objects.requireNonNull(clock, "clock");
            clockSet = true;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param listener told of every alert event, on the listener thread; not {@code null}
         * @return this builder
         */
        public Builder listener(AlertListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The journal that records every lifecycle transition and restores open alerts, incidents,
         * acknowledgements and silences when a monitor is built on it again (e.g.
         * {@code FileJournal.open(path)}; see {@code JOURNAL.md}). {@code build()} recovers it; the
         * monitor closes it on {@link VitalMonitor#close()}. Default: none (nothing survives a restart).
         *
         * @param journal the journal to recover at {@code build()} and append to; the monitor owns and closes
         *     it
         * @return this builder
         */
        public Builder journal(AlertJournal journal) {
            if (this.journal != null) {
                throw new IllegalStateException("journal was already set to " + this.journal);
            }
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Pages people per incident through the given channels; default none (listeners only). See {@link Paging}.
         *
         * @param paging the channels and escalation that page people; not {@code null}
         * @return this builder
         */
        public Builder paging(Paging paging) {
            requireState(this.paging == null, "paging was already set");
            this.paging = Objects.requireNonNull(paging, "paging");
            return this;
        }

        /**
         * Adds a listener for incident changes; called on the alert listeners' thread, in order with them.
         *
         * @param listener told of every incident change, on the listener thread
         * @return this builder
         */
        public Builder incidentListener(IncidentListener listener) {
            incidentListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds a listener for the submit-to-alert latency of every alert event a submit causes (for metrics);
         * called on the alert listeners' thread, just before them. See {@link SubmitLatencyListener}.
         *
         * @param listener told the latency of every alert event a submit causes, on the listener thread
         * @return this builder
         * @since 0.3
         */
        public Builder submitLatencyListener(SubmitLatencyListener listener) {
            latencyListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The monitor's nano source, which {@link SubmitLatencyListener}s are measured on: a monotonic count of
         * nanoseconds like {@link System#nanoTime()}, the default. Tests inject one they move by hand. It never
         * affects the monitor clock, rules or alerts.
         *
         * @param nanoClock a monotonic nanosecond count; not {@code null}
         * @return this builder
         * @since 0.3
         */
        public Builder nanoClock(java.util.function.LongSupplier nanoClock) {
            if (nanoClockSet) {
                throw new IllegalStateException("nanoClock was already set to " + this.nanoClock);
            }
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            nanoClockSet = true;
            return this;
        }

        /**
         * Adds a listener for NEWS2 score changes (the {@code news2} pack).
         *
         * @param listener told of every NEWS2 score change, on the listener thread
         * @return this builder
         */
        public Builder scoreListener(ScoreListener listener) {
            scoreListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The executor that runs listeners; default one daemon thread per monitor. Tests and replays
         * may pass {@code Runnable::run} to deliver on the submitting thread after the engine lock is
         * released, which makes delivery synchronous with {@link #submit}.
         *
         * @param executor runs listener deliveries, one task at a time in order; not {@code null}
         * @return this builder
         */
        public Builder listenerExecutor(Executor executor) {
            if (listenerExecutor != null) {
                throw new IllegalStateException("listenerExecutor was already set to " + listenerExecutor);
            }
            this.listenerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Strict input: an observation with any invalid value, or ({@link VitalMonitor#submitFields}) any
         * unknown field, is rejected as a whole with an {@link InvalidObservationException}. Default
         * {@code false}: the invalid value or unknown field is rejected alone, reported and counted, and the
         * observation's valid values are monitored.
         *
         * @param strict {@code true} to reject a whole observation for any invalid value or unknown field
         * @return this builder
         * @since 0.2
         */
        public Builder strictInput(boolean strict) {
            this.strictInput = strict;
            return this;
        }

        /**
         * Event-time clock: how far ahead of the monitor clock an observation may be; default
         * {@link VitalMonitor#DEFAULT_EVENT_TIME_FUTURE_TOLERANCE} (24 h; 5 min suits a live ward feed). One further ahead (a device whose
         * clock is a year off) is rejected with a {@link LateObservationException} naming its timestamp and
         * the tolerance, and does not move the clock: moved, it would make every later valid reading of every
         * patient late. The clock jumps only when the next observation agrees with it (lies within the tolerance
         * of the rejected one): that is the data moving on after a gap, and that next observation is accepted.
         * The first observation of a monitor sets the clock; to check it too, start the clock with
         * {@link VitalMonitor#advanceTo} before it. {@code null} disables the check (the 0.2 behaviour).
         * Unused with a live clock, which has {@link MonitorConfig#futureTolerance()}.
         *
         * @param tolerance how far ahead of the monitor clock an observation may be, positive; {@code null}
         *     disables the check
         * @return this builder
         * @throws IllegalArgumentException if the tolerance is zero or negative
         * @since 0.3
         */
        public Builder eventTimeFutureTolerance(Duration tolerance) {
            if (tolerance != null && (tolerance.isNegative() || tolerance.isZero())) {
                throw new IllegalArgumentException("eventTimeFutureTolerance must be greater than 0, but was " + tolerance);
            }
            // Beyond the whole timestamp range a tolerance is no limit; capping it keeps toMillis() from overflowing.
            Duration range = Duration.between(Observation.EARLIEST_TIMESTAMP, Observation.LATEST_TIMESTAMP);
            this.eventTimeFutureTolerance = tolerance == null || tolerance.compareTo(range) > 0 ? null : tolerance;
            return this;
        }

        /**
         * What to do with observations of patients nobody registered; default {@link UnknownPatientPolicy#WARN}.
         *
         * @param policy what to do with an unregistered patient's observation; not {@code null}
         * @return this builder
         * @since 0.2
         */
        public Builder unknownPatients(UnknownPatientPolicy policy) {
            this.unknownPatients = Objects.requireNonNull(policy, "unknownPatients");
            return this;
        }

        /**
         * How long a patient may send nothing before the monitor releases it; default
         * {@link VitalMonitor#DEFAULT_IDLE_PATIENT_RELEASE} (16 h). A patient who stops sending without being
         * discharged (a monitor unplugged, a transfer nobody reported) would otherwise be kept forever, with
         * its rule state and its signal-loss alerts re-signalled every 5 s. At release the monitor first
         * raises a technical alert, rule {@code monitoring-ended}, severity medium, category technical:
         * "monitoring of patient p-17 ended: no reading for 16 h 0 min (last at ...)" — it says what the
         * monitor stopped doing, never what the patient's condition is. It is paged like any new condition of
         * the patient, stays open 24 h and clears when a reading of the patient arrives. Then the patient's
         * technical alerts about the feed (signal loss, dropout, probe off) resolve with resolution
         * {@code "released"} (the signal did not come back), and its state is freed: readings, trend lines,
         * artefact screening, and the rule packs' rows (the engine sends {@code PatientDischarged}). Its
         * registration is kept. A later reading monitors the patient afresh: no earlier baseline, trend or
         * NEWS2 value. The release happens at the monitor clock's time (event time: exactly the idle time after
         * the last reading, whatever else the input holds). {@code null}: never release.
         *
         * @param idle how long without an accepted reading before release, positive; {@code null} never
         *     releases
         * @return this builder
         * @throws IllegalArgumentException if the duration is zero or negative
         * @since 0.3
         */
        public Builder idlePatientRelease(Duration idle) {
            if (idle != null && (idle.isNegative() || idle.isZero())) {
                throw new IllegalArgumentException("idlePatientRelease must be greater than 0, but was " + idle);
            }
            // Beyond the whole timestamp range a release never happens; capping keeps toMillis() from overflowing.
            Duration range = Duration.between(Observation.EARLIEST_TIMESTAMP, Observation.LATEST_TIMESTAMP);
            this.idlePatientRelease = idle == null || idle.compareTo(range) > 0 ? null : idle;
            return this;
        }

        /**
         * The most patients monitored at once; default {@link VitalMonitor#DEFAULT_MAX_PATIENTS} (100,000,
         * about 400 MB of patient state). An observation of a new patient beyond it is rejected with a
         * {@link PatientLimitException} naming the limit (counted in {@code stats().rejected()}); the patients
         * already monitored keep flowing. A slot frees when a patient is discharged or released
         * ({@link #idlePatientRelease}).
         *
         * @param max the most patients, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         * @since 0.3
         */
        public Builder maxPatients(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxPatients must be at least 1, but was " + max);
            }
            this.maxPatients = max;
            return this;
        }

        /**
         * Builds the monitor in its warm-up phase, for a host that takes over a monitor's work (a failover): the
         * {@link #journal journal} is recovered in {@code build()} as always, so the lifecycle is restored (open
         * alerts, incidents, escalation steps and their due times, silences, id counters, pending pages); then
         * the monitor stays in warm-up until {@link VitalMonitor#endWarmUp()}.
         *
         * <p>During the warm-up the host replays the observations of the last
         * {@link VitalMonitor#warmUpWindow()} before the journal's last record. {@code submit},
         * {@code submitAndReport}, {@code submitFields} and {@code advanceTo} run them through validation, the
         * per-patient state and the rules exactly as live, so windows, episodes, medians, trends and timers
         * fill; but the lifecycle ignores every rule signal and timer: nothing is raised, updated, resolved,
         * journalled, announced to any listener (score listeners included) or paged; restored escalations do
         * not step and restored alerts do not resolve. Replayed signals after a restored alert's last journal
         * record only move its last-signal time (its ttl), count, message and evidence, and signals since its
         * last severity change how long it has been signalled below its severity, which the journal does not
         * hold. Warm-up observations may be older than the journal's last record; the event-time clock starts
         * at the first of them. A person's action ({@code acknowledge}, {@code acknowledgeIncident},
         * {@code resolve}, {@code raise}, {@code silence}, {@code expireSilence}) and {@code discharge} throw
         * {@link IllegalStateException} during the warm-up: they are journalled already. The replay ends at
         * the resume point: the last input the journal accounts for (the journal's last record, or a later input
         * of the previous monitor that changed nothing in the lifecycle); the inputs after it are then submitted
         * after {@link VitalMonitor#endWarmUp()}. A warm-up that went further would lose what those inputs raised
         * or resolved: the lifecycle does not act on signals it ignored.
         *
         * <p>Event-time clock only: {@code build()} throws {@link IllegalStateException} with a live clock.
         * Default {@code false}.
         *
         * @param warmUp {@code true} to build the monitor in its warm-up phase
         * @return this builder
         * @since 0.4
         */
        public Builder warmUp(boolean warmUp) {
            this.warmUp = warmUp;
            return this;
        }

        /**
         * Raises {@link VitalMonitor#warmUpWindow()} to at least {@code window}, for a host whose own rule files
         * look back further than the bundled packs. Default: none (the packs' horizon).
         *
         * @param window the least event time a warm-up replays, positive; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the window is zero or negative
         * @since 0.4
         */
        public Builder warmUpWindow(Duration window) {
            Objects.requireNonNull(window, "warmUpWindow");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("warmUpWindow must be greater than 0, but was " + window);
            }
            this.warmUpWindow = window;
            return this;
        }

        /**
         * How long an alert whose signals carry no ttl stays open unsignalled; default 2 min.
         *
         * @param ttl how long an alert stays open after its last signal when the signal sets no ttl; positive
         * @return this builder
         */
        public Builder signalTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "signalTtl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("signalTtl must be greater than 0, but was " + ttl);
            }
            this.signalTtl = ttl;
            return this;
        }

        /**
         * An integrator rule file to deploy at build, read now.
         *
         * @param file the EPL file; read when this method is called, not at {@code build()}
         * @return this builder
         */
        public Builder rules(Path file) {
            rules.put(file.getFileName().toString(), new String[] {file.toString(), read(file)});
            return this;
        }

        /**
         * An integrator rule file on the classpath to deploy at build.
         *
         * @param resource the classpath resource name, e.g. {@code "rules/ward7.epl"}; read at
         *     {@code build()}
         * @return this builder
         */
        public Builder rulesResource(String resource) {
            rules.put(resource, new String[] {resource, readResource(resource)});
            return this;
        }

        /**
         * Builds and starts the monitor: deploys the bundled packs (precompiled at build time) and
         * the rule files given.
         *
         * @return the running monitor; the caller owns it and must {@link VitalMonitor#close() close} it
         * @throws RuleCompilationException if a rule file does not compile
         */
        public VitalMonitor build() {
            return new VitalMonitor(this);
        }

        private static void requireState(boolean ok, String message) {
            if (!ok) {
                throw new IllegalStateException(message);
            }
        }
    }
}
