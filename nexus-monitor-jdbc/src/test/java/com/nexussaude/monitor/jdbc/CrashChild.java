package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.journal.Recovery;
import java.io.IOException;
import java.util.List;

/**
 * The child JVM of {@link JdbcCrashTest}: a ward monitor writing through a {@link JdbcJournal}, which
 * prints {@code APPENDING seq} as each append starts (so its parent can kill it with SIGKILL while
 * that record's transaction is on its way) and {@code STEP n} after each step of its scenario.
 * Arguments: port, database, steps.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[2]);
        JdbcJournal jdbc = JdbcJournal.open(TestPostgres.configBuilder(port, args[1]).build());
        Ward ward = new Ward(new AlertJournal() {
            @Override
            public Recovery recover() {
                return jdbc.recover();
            }

            @Override
            public void append(JournalRecord record) {
                System.out.println("APPENDING " + record.seq());
                System.out.flush();
                jdbc.append(record);
            }

            @Override
            public List<JournalRecord> query(JournalQuery query) {
                return jdbc.query(query);
            }

            @Override
            public void close() {
                jdbc.close();
            }
        });
        System.out.println("READY");
        System.out.flush();
        for (int s = 0; s < steps; s++) {
            step(ward, s);
            System.out.println("STEP " + s);
            System.out.flush();
        }
        System.out.println("DONE");
        System.out.flush();
        System.in.read(); // never closes the monitor: the parent kills it
    }

    /**
     * Ten seconds of ward time: beds 2 and 10 to 21 hypoxic for 5 minutes out of 10, bed-4 in shock 200 s out of
     * 400, a silence on bed-9, and every seventh step a nurse acknowledges the oldest unacknowledged
     * alert. Deterministic: the same steps write the same records in any JVM.
     */
    static void step(Ward ward, int s) {
        long t = s * 10L;
        for (int bed = 10; bed < 22; bed++) {
            // Each bed hypoxic for 5 minutes out of 10, phases staggered so that every step writes.
            long phase = t + 50L * bed;
            ward.monitor.submit(Observation.builder("bed-" + bed, Ward.T0.plusSeconds(t))
                    .spo2((phase / 300) % 2 == 0 ? 84 : 97).build());
        }
        ward.monitor.submit(Observation.builder("bed-2", Ward.T0.plusSeconds(t)).spo2((t / 300) % 2 == 0 ? 84 : 97)
                .build());
        boolean shock = (t / 200) % 2 == 1;
        ward.monitor.submit(Observation.builder("bed-4", Ward.T0.plusSeconds(t + 1)).heartRate(shock ? 125 : 80)
                .systolicBp(shock ? 75 : 120).build());
        if (s == 5) {
            ward.monitor.silence(Silence.builder().patient("bed-9").until(Ward.T0.plusSeconds(3600)).by("nurse.ana")
                    .because("in transport").build());
        }
        if (s % 7 == 3) {
            ward.monitor.openAlerts().stream().filter(a -> a.state() == AlertState.OPEN).map(Alert::alertId).sorted()
                    .findFirst().ifPresent(id -> ward.monitor.acknowledge(id, "nurse.ana", "at bedside"));
        }
    }
}
