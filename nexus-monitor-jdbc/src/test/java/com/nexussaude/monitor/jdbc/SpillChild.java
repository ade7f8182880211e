package com.nexussaude.monitor.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link JdbcSpillCrashTest}: appends {@link SpillRecords} through a {@link JdbcJournal}
 * with a spill file, 20 while the database is up, then (after {@code GO} on stdin) without end, printing
 * {@code APPENDED n} as each append returns and {@code HEALTHY n} when the journal is healthy again
 * after an outage. Arguments: port, database, spill file.
 */
public final class SpillChild {
    private SpillChild() {
    }

    public static void main(String[] args) throws IOException {
        JdbcConfig config = TestPostgres.configBuilder(Integer.parseInt(args[0]), args[1])
                .retryInterval(Duration.ofMillis(100)).build();
        JdbcJournal journal = JdbcJournal.open(config, Path.of(args[2]));
        long seq = journal.recover().lastSeq();
        for (int i = 0; i < 20; i++) {
            journal.append(SpillRecords.record(++seq));
            System.out.println("APPENDED " + seq);
        }
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // GO
        boolean wasDegraded = false;
        while (true) {
            journal.append(SpillRecords.record(++seq));
            System.out.println("APPENDED " + seq);
            JdbcJournal.Status status = journal.health().status();
            if (status == JdbcJournal.Status.DEGRADED) {
                wasDegraded = true;
            } else if (wasDegraded) {
                wasDegraded = false;
                System.out.println("HEALTHY " + seq);
            }
            System.out.flush();
        }
    }
}
