package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.VitalMonitor;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ward's setup for a zombie: the first alert event at or after the instant in system property
 * {@value #STALL_AT} stops this whole process with SIGSTOP, from inside the node's transaction (outputs of the
 * batch already sent, offsets not yet), as a long GC pause or a frozen VM would. Only once per process. Public
 * with a no-argument constructor: the zombie test's child JVM loads it by name.
 */
public final class StallingWardSetup implements MonitorSetup {
    static final String STALL_AT = "nexus.test.stallAt";
    private static final AtomicBoolean STALLED = new AtomicBoolean();
    private final WardSetup ward = new WardSetup();
    private final Instant stallAt = Instant.parse(System.getProperty(STALL_AT));

    public StallingWardSetup() {
    }

    @Override
    public VitalMonitor.Builder monitor() {
        return ward.monitor().listener(e -> {
            if (!e.timestamp().isBefore(stallAt) && STALLED.compareAndSet(false, true)) {
                stopThisProcess();
            }
        });
    }

    private static void stopThisProcess() {
        System.out.println("stalling (SIGSTOP) at an alert event, inside the transaction");
        System.out.flush();
        try {
            // Returns only once the test has sent SIGCONT.
            new ProcessBuilder("kill", "-STOP", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                    .waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop this process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("resumed (SIGCONT)");
        System.out.flush();
    }

    @Override
    public Paging.Builder paging() {
        return ward.paging();
    }

    @Override
    public Set<String> pageChannels() {
        return ward.pageChannels();
    }

    @Override
    public void prepare(VitalMonitor monitor) {
        ward.prepare(monitor);
    }
}
