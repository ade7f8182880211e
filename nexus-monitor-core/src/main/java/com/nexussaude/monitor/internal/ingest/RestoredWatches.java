package com.nexussaude.monitor.internal.ingest;

import com.espertech.esper.runtime.client.EPEventService;
import com.nexussaude.monitor.internal.state.PatientReadings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a restore from the journal: the vitals of the restored alerts, which the technical pack watches for signal
 * loss again once the monitor runs (its state is not journalled), each from its last known reading; the watched
 * patients are monitored again, so that an idle one is released in time. A warm-up rebuilds the watches of the
 * vitals it read; the others are still armed from the journal.
 *
 * <p>Under the engine lock (at the clock's first move, or at the end of the warm-up).
 */
final class RestoredWatches {
    private final MonitorTime time;
    private final EPEventService events;
    private final PatientReadings readings;
    /** Restored vitals to watch for signal loss from the first moment the monitor runs; sent once. Under the lock. */
    private List<Object[]> watchesAfterRestore;

    RestoredWatches(List<Object[]> watchesAfterRestore, MonitorTime time, EPEventService events, PatientReadings readings) {
        this.watchesAfterRestore = watchesAfterRestore;
        this.time = time;
        this.events = events;
        this.readings = readings;
    }

    /**
     * Once, at the first moment the monitor runs after a restore: the technical pack watches the restored
     * alerts' vitals for signal loss again (its state is not journalled), from now, or for an open
     * signal-loss alert from its last reading. Under the lock.
     */
    void arm() {
        if (watchesAfterRestore.isEmpty() || !time.hasStarted()) {
            return;
        }
        long engineTime = time.now();
        Map<String, Long> lastOfPatient = new LinkedHashMap<>();
        for (Object[] w : watchesAfterRestore) {
            long last = w[2] instanceof Long l ? l : engineTime;
            events.sendEventObjectArray(new Object[] {w[0], w[1], last, w[3]}, "SignalWatch");
            lastOfPatient.merge((String) w[0], last, Math::max);
        }
        watchesAfterRestore = List.of();
        // The watched patients are monitored again, so an idle one is released in time (its signal loss is
        // otherwise re-signalled for ever): as seen at their last known reading, the longest idle first.
        lastOfPatient.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> readings.patient(e.getKey()).seenAt(e.getValue()));
    }

    /**
     * At the end of a warm-up: a vital read in it is watched by the rebuilt rules; one not read since is watched
     * from its journalled last reading, as after a plain restore.
     *
     * @param readInWarmUp the patient and vital pairs ({@code patient + '\u0000' + vital}) read during the warm-up
     */
    void readInWarmUp(Set<String> readInWarmUp) {
        watchesAfterRestore = watchesAfterRestore.stream()
                .filter(w -> !readInWarmUp.contains(w[0] + "\u0000" + w[1])).toList();
    }
}
