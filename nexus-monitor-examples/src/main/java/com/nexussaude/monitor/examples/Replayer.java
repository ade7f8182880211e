package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Feeds readings to a monitor in timestamp order. Shared by {@code replay} and {@code demo} so the
 * demo exercises exactly the path a replay takes.
 */
final class Replayer {

    /** What one replay did. */
    record Counts(long read, long accepted, long rejected) {
    }

    private Replayer() {
    }

    /**
     * Sorts the readings by timestamp (stable, so ties keep file and line order) and submits them,
     * reporting each rejection as {@code FILE:LINE: message} on {@code err}; then advances the clock
     * to the last timestamp so due timers fire.
     *
     * <p>Sorting matters because the monitor clock is event time: with several files, submitting one
     * file after another would make the second file hours "late".
     */
    static Counts replay(VitalMonitor monitor, List<ObservationReader.Reading> readings, PrintWriter err) {
        List<ObservationReader.Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparing(r -> r.observation().timestamp()));
        long accepted = 0;
        long rejected = 0;
        Instant last = null;
        for (ObservationReader.Reading r : sorted) {
            String id = r.observation().patientId();
            try {
                if (r.spo2Scale() != null && id != null && !id.isBlank()) {
                    PatientContext known = monitor.patient(id);
                    int current = known == null ? 1 : known.spo2Scale();
                    if (known == null || current != r.spo2Scale()) {
                        monitor.register((known == null ? PatientContext.of(id) : known).withSpo2Scale(r.spo2Scale()));
                    }
                }
                monitor.submit(r.observation());
                accepted++;
                last = r.observation().timestamp();
            } catch (InvalidObservationException e) {
                rejected++;
                err.println(r.file() + ":" + r.line() + ": " + e.getMessage());
            }
        }
        if (last != null && monitor.now() != null && !last.isBefore(monitor.now())) {
            monitor.advanceTo(last);
        }
        return new Counts(sorted.size(), accepted, rejected);
    }
}
