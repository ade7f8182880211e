package com.nexussaude.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records alert events in order and checks invariants as they arrive: every RESOLVED, UPDATED and
 * SEVERITY_CHANGED follows a RAISED of the same alert, and nothing follows a RESOLVED.
 */
final class RecordingListener implements AlertListener {
    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> open = new ArrayList<>();
    private final List<String> resolved = new ArrayList<>();

    @Override
    public synchronized void onAlertEvent(AlertEvent e) {
        String id = e.alert().alertId();
        if (resolved.contains(id)) {
            throw new AssertionError("event after RESOLVED: " + e);
        }
        switch (e.type()) {
            case RAISED -> {
                if (open.contains(id)) {
                    throw new AssertionError("RAISED twice: " + e);
                }
                open.add(id);
            }
            case RESOLVED -> {
                if (!open.remove(id)) {
                    throw new AssertionError("RESOLVED without RAISED: " + e);
                }
                resolved.add(id);
            }
            default -> {
                if (!open.contains(id)) {
                    throw new AssertionError(e.type() + " without RAISED: " + e);
                }
            }
        }
        events.add(e);
    }

    List<AlertEvent> of(AlertEventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    List<AlertEvent> raised(String key) {
        return events.stream().filter(e -> e.type() == AlertEventType.RAISED && e.alert().key().equals(key)).toList();
    }
}
