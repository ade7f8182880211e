package com.nexussaude.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records alert events in order and checks invariants as they arrive: every RESOLVED, UPDATED and
 * SEVERITY_CHANGED follows a RAISED of the same alert, and nothing follows a RESOLVED.
 *
 * <p>A broken invariant is recorded in {@link #failures()}, not thrown: the monitor catches and logs
 * what a listener throws (a listener must not stop the engine), so a thrown {@code AssertionError}
 * would never reach the test. Each violation is also reported to {@link LifecycleCheck}, the JUnit
 * extension (auto-detected for every test of this module) that fails the running test after it ran.
 */
final class RecordingListener implements AlertListener {
    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final List<String> resolved = new ArrayList<>();

    @Override
    public synchronized void onAlertEvent(AlertEvent e) {
        String id = e.alert().alertId();
        if (resolved.contains(id)) {
            fail("event after RESOLVED: " + e);
        }
        switch (e.type()) {
            case RAISED -> {
                if (open.contains(id)) {
                    fail("RAISED twice: " + e);
                }
                open.add(id);
            }
            case RESOLVED -> {
                if (!open.remove(id)) {
                    fail("RESOLVED without RAISED: " + e);
                }
                resolved.add(id);
            }
            default -> {
                if (!open.contains(id)) {
                    fail(e.type() + " without RAISED: " + e);
                }
            }
        }
        events.add(e);
    }

    /**
     * Alerts a monitor restored from its journal: raised before a restart, they may be updated and
     * resolved without a RAISED to this listener.
     */
    synchronized RecordingListener alreadyOpen(java.util.Collection<Alert> restored) {
        restored.forEach(a -> open.add(a.alertId()));
        return this;
    }

    private void fail(String violation) {
        failures.add(violation);
        LifecycleCheck.violated(violation);
    }

    /** The lifecycle rules this listener saw broken, in order; empty if none. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    List<AlertEvent> of(AlertEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    List<AlertEvent> raised(String key) {
        return events.stream().filter(e -> e.type() == AlertEventType.RAISED && e.alert().key().equals(key)).toList();
    }
}
