package com.nexussaude.monitor.testing;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.AlertListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An {@link AlertListener} that records every alert event in order and checks expectations as the
 * events arrive: the alert lifecycle (every UPDATED, SEVERITY_CHANGED, ACKNOWLEDGED … and RESOLVED
 * follows a RAISED of the same alert; nothing follows a RESOLVED; nothing is RAISED twice), and the
 * host's own expectations given with {@link #never} and {@link #expectEach}.
 *
 * <p>A broken expectation is recorded, never thrown from {@link #onAlertEvent}: the monitor catches
 * and logs what a listener throws (a listener must not stop the engine), so a thrown
 * {@code AssertionError} would never reach the test. {@link #assertNoFailures()} throws it on the
 * calling thread instead; {@link MonitorFixture} calls it after every submit, every clock move and on
 * close, so with the fixture a broken expectation fails the test at the step that broke it. Used on a
 * monitor of your own, call {@link #assertNoFailures()} at the end of the test (or in an
 * {@code @AfterEach}).
 *
 * <p>Thread-safe: events may arrive on the monitor's listener thread while the test reads.
 *
 * @since 0.4
 */
public final class RecordingAlertListener implements AlertListener {
    private final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Consumer<AlertEvent>> checks = new CopyOnWriteArrayList<>();
    private final Set<String> open = new HashSet<>();
    private final Set<String> resolved = new HashSet<>();
    /** How many failures {@link #assertNoFailures()} has already thrown. */
    private int reported;

    /** A listener with the lifecycle checks only. */
    public RecordingAlertListener() {
    }

    /**
     * Alerts a monitor restored from its journal: raised before a restart, they may be updated and
     * resolved without a RAISED to this listener.
     *
     * @param restored the monitor's {@link com.nexussaude.monitor.VitalMonitor#openAlerts()} after build
     * @return this listener
     */
    public synchronized RecordingAlertListener alreadyOpen(Collection<Alert> restored) {
        restored.forEach(a -> open.add(a.alertId()));
        return this;
    }

    /**
     * Expects that no event matches {@code condition}; one that does is a failure naming
     * {@code description} and the event.
     *
     * @param description what must never happen, for the failure message ("a critical alert for bed-4")
     * @param condition   the events that break the expectation
     * @return this listener
     */
    public RecordingAlertListener never(String description, Predicate<? super AlertEvent> condition) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(condition, "condition");
        checks.add(e -> {
            if (condition.test(e)) {
                throw new AssertionError("expected never " + description + ", but got " + describe(e));
            }
        });
        return this;
    }

    /**
     * Runs {@code check} on every event as it arrives. What it throws (an {@code AssertionError} from
     * any assertion library, or any exception) is recorded as a failure with the event, and thrown
     * again on the test thread by {@link #assertNoFailures()}.
     *
     * @param description what the check expects, for the failure message
     * @param check       the check of one event
     * @return this listener
     */
    public RecordingAlertListener expectEach(String description, Consumer<? super AlertEvent> check) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(check, "check");
        checks.add(e -> {
            try {
                check.accept(e);
            } catch (AssertionError | RuntimeException broken) {
                throw new AssertionError(description + ": " + broken.getMessage() + " (event " + describe(e) + ")", broken);
            }
        });
        return this;
    }

    @Override
    public synchronized void onAlertEvent(AlertEvent e) {
        String id = e.alert().alertId();
        if (resolved.contains(id)) {
            fail("event after RESOLVED: " + describe(e));
        }
        switch (e.type()) {
            case RAISED -> {
                if (!open.add(id)) {
                    fail("RAISED twice: " + describe(e));
                }
            }
            case RESOLVED -> {
                if (!open.remove(id)) {
                    fail("RESOLVED without RAISED: " + describe(e));
                }
                resolved.add(id);
            }
            default -> {
                if (!open.contains(id)) {
                    fail(e.type() + " without RAISED: " + describe(e));
                }
            }
        }
        events.add(e);
        for (Consumer<AlertEvent> check : checks) {
            try {
                check.accept(e);
            } catch (AssertionError broken) {
                fail(broken.getMessage());
            } catch (RuntimeException broken) {
                // A condition that throws (a null it did not expect) is a broken expectation too; thrown on,
                // the monitor would only log it.
                fail("an expectation threw " + broken + " on " + describe(e));
            }
        }
    }

    private void fail(String failure) {
        failures.add(failure);
    }

    /**
     * Throws an {@link AssertionError} listing the expectations broken since the last call, on the
     * calling thread; does nothing if none was. A failure is thrown once, so a test that already
     * failed on it does not fail again on close.
     *
     * @throws AssertionError if an expectation was broken since the last call
     */
    public void assertNoFailures() {
        List<String> fresh;
        synchronized (this) {
            List<String> all = List.copyOf(failures);
            fresh = all.subList(reported, all.size());
            reported = all.size();
        }
        if (!fresh.isEmpty()) {
            throw new AssertionError(fresh.size() + " alert expectation(s) broken:\n  " + String.join("\n  ", fresh));
        }
    }

    /**
     * Every expectation broken so far, in order, including those already thrown; empty if none.
     *
     * @return every expectation broken so far, in order, including those already thrown; empty if none
     */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Every event received, in order.
     *
     * @return every event received, in order
     */
    public List<AlertEvent> events() {
        return List.copyOf(events);
    }

    /**
     * The events of one type, in order.
     *
     * @param type the event type
     * @return the events of that type
     */
    public List<AlertEvent> events(AlertEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    /**
     * The alerts raised for one patient, as they were when raised, in order.
     *
     * @param patientId the patient
     * @return the alerts raised for that patient
     */
    public List<Alert> raised(String patientId) {
        return events.stream()
                .filter(e -> e.type() == AlertEventType.RAISED && e.alert().patientId().equals(patientId))
                .map(AlertEvent::alert)
                .toList();
    }

    /** Forgets the events received so far (not the failures, nor which alerts are open). */
    public void clearEvents() {
        events.clear();
    }

    static String describe(AlertEvent e) {
        Alert a = e.alert();
        return e.type() + " " + a.alertId() + " " + a.patientId() + " " + a.ruleId() + "/" + a.key() + " "
                + a.severity() + " at " + e.timestamp();
    }

    /** The open alert ids, for tests of this package. */
    synchronized List<String> openIds() {
        return new ArrayList<>(open);
    }
}
