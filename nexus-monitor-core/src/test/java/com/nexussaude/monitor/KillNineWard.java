package com.nexussaude.monitor;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

/**
 * The child JVM of {@link KillNineTest}: a scripted ward on a {@link FileJournal}, run until it is killed.
 * Its pager writes every page it takes to a log file and forces it to disk before answering "delivered",
 * as a person's pager would have it once it beeped. Prints {@code obs N} after every observation, so the
 * parent can kill it at a point of its choosing.
 *
 * <p>Usage: {@code KillNineWard <journal> <pager-log>}.
 */
final class KillNineWard {
    static final Instant T0 = PagingTest.T0;

    private KillNineWard() {
    }

    /** Every page the pager took: {@code key|incidentId|event|recipient|level}, one a line. */
    static final class DurablePager implements NotificationChannel {
        private final FileChannel log;

        DurablePager(Path file) throws IOException {
            this.log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        @Override
        public String name() {
            return "pager";
        }

        @Override
        public DeliveryResult deliver(Notification n) {
            String line = n.idempotencyKey() + "|" + n.incidentId() + "|" + n.event().wireName() + "|" + n.recipient().id()
                    + "|" + n.escalationLevel() + "\n";
            try {
                ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    log.write(b);
                }
                log.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return DeliveryResult.delivered("beeped");
        }
    }

    static VitalMonitor monitor(Path journal, NotificationChannel pager) {
        return VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .paging(Paging.builder().channel(pager).recipient(PagingTest.NURSE).recipient(PagingTest.DOCTOR).build())
                .journal(FileJournal.open(journal)).listener(e -> { }).listenerExecutor(Runnable::run).build();
    }

    public static void main(String[] args) throws IOException {
        Path journal = Path.of(args[0]);
        DurablePager pager = new DurablePager(Path.of(args[1]));
        VitalMonitor m = monitor(journal, pager);
        long n = 0;
        // Rounds of 10 minutes: one bed desaturates (alert, incident, pages) and stays low for the round, so most
        // kill points find an incident open; odd rounds it recovers after 2 minutes (resolved pages) and an open
        // alert is acknowledged; a shock on another bed every third round.
        for (int round = 0; ; round++) {
            long base = round * 600L;
            String bed = "bed-" + (round % 5);
            for (long s = 0; s < 40; s++) {
                m.submit(Observation.builder(bed, T0.plusSeconds(base + s)).spo2(84).heartRate(80).build());
                System.out.println("obs " + ++n);
            }
            if (round % 3 == 2) {
                String shocked = "bed-" + (5 + round % 2);
                m.submit(Observation.builder(shocked, T0.plusSeconds(base + 40)).systolicBp(75).build());
                for (long s = 40; s < 60; s++) {
                    m.submit(Observation.builder(shocked, T0.plusSeconds(base + s)).heartRate(125).build());
                    System.out.println("obs " + ++n);
                }
            }
            if (round % 2 == 1) {
                m.openAlerts().stream().filter(a -> a.state() != AlertState.ACKNOWLEDGED).findFirst()
                        .ifPresent(a -> m.acknowledge(a.alertId(), "nurse.ana", "at the bedside"));
                System.out.println("obs " + ++n);
            }
            for (long s = 60; s < 600; s += 5) {
                double spo2 = round % 2 == 1 && s >= 120 ? 97 : 84;
                m.submit(Observation.builder(bed, T0.plusSeconds(base + s)).spo2(spo2).heartRate(80).build());
                System.out.println("obs " + ++n);
            }
        }
    }
}
