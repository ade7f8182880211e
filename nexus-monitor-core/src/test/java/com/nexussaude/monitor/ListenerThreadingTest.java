package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The threading contract of CONCURRENCY.md, tested. */
class ListenerThreadingTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aThrowingListenerBreaksNeitherTheEngineNorOtherListeners() {
        RecordingListener good = new RecordingListener();
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(e -> {
            throw new IllegalStateException("listener bug");
        }).listener(good).listenerExecutor(Runnable::run).build()) {
            m.submit(Observation.builder("p1", T0).heartRate(170).build());
            m.submit(Observation.builder("p2", T0).heartRate(170).build());
            assertThat(good.of(AlertEventType.RAISED)).hasSize(2);
            assertThat(m.stats().listenerFailures()).isEqualTo(2);
            assertThat(m.stats().accepted()).isEqualTo(2);
        }
    }

    @Test
    void defaultListenerThreadIsNotTheSubmitterAndDeliversInOrderBeforeCloseReturns() {
        List<String> threads = new CopyOnWriteArrayList<>();
        RecordingListener rec = new RecordingListener();
        VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(e -> threads.add(Thread.currentThread().getName())).listener(rec)
                .build();
        for (int p = 0; p < 50; p++) {
            m.submit(Observation.builder("p" + p, T0).heartRate(170).build());
        }
        m.close(); // drains
        assertThat(threads).hasSize(50).containsOnly("nexus-monitor-alerts");
        assertThat(rec.events).extracting(e -> e.alert().alertId())
                .isSortedAccordingTo(String::compareTo).hasSize(50);
    }

    @Test
    void listenersMayCallTheMonitorBecauseNoEngineLockIsHeld() {
        List<Integer> openSeen = new CopyOnWriteArrayList<>();
        VitalMonitor[] ref = new VitalMonitor[1];
        try (VitalMonitor m = VitalMonitor.builder().config(TestConfigs.thresholdOnly().build()).listener(e -> openSeen.add(ref[0].openAlerts().size())).build()) {
            ref[0] = m;
            m.submit(Observation.builder("p1", T0).heartRate(170).build());
            m.submit(Observation.builder("p2", T0).heartRate(170).build());
        }
        assertThat(openSeen).hasSize(2);
    }

    @Test
    void manyHostThreadsSubmitConcurrentlyWithoutLosingOrDuplicating() throws Exception {
        RecordingListener rec = new RecordingListener();
        int threads = 4;
        int patientsPerThread = 25;
        int seconds = 40;
        // What a submitting thread throws is handed back to the test, not left to the pool's uncaught handler.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (VitalMonitor m = VitalMonitor.builder().listener(rec)
                .config(TestConfigs.thresholdOnly().allowedLateness(java.time.Duration.ofHours(1)).build()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int base = t * patientsPerThread;
                pool.execute(() -> {
                    try {
                        start.await();
                        for (int s = 0; s < seconds; s++) {
                            for (int p = base; p < base + patientsPerThread; p++) {
                                // every patient: SpO2 92 for 40 s -> exactly one medium alert each
                                m.submit(Observation.builder("p" + p, T0.plusSeconds(s)).spo2(92).heartRate(80).build());
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).as("what a submitting thread threw").isNull();
            assertThat(m.stats().accepted()).isEqualTo((long) threads * patientsPerThread * seconds);
            assertThat(m.stats().rejected()).isZero();
        }
        assertThat(rec.of(AlertEventType.RAISED)).hasSize(threads * patientsPerThread);
    }

    @Test
    void peopleAcknowledgeAndReadWhileHostThreadsSubmitAndEveryTransitionIsJournalledOnce() throws Exception {
        int threads = 4;
        int patientsPerThread = 10;
        com.nexussaude.monitor.journal.InMemoryJournal journal = new com.nexussaude.monitor.journal.InMemoryJournal();
        java.util.Queue<String> toAcknowledge = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (VitalMonitor m = VitalMonitor.builder()
                .config(TestConfigs.thresholdOnly().allowedLateness(java.time.Duration.ofHours(1)).build())
                .journal(journal)
                .listener(e -> {
                    if (e.type() == AlertEventType.RAISED) {
                        toAcknowledge.add(e.alert().alertId());
                    }
                })
                .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch submitted = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                int base = t * patientsPerThread;
                pool.execute(() -> {
                    try {
                        start.await();
                        for (int s = 0; s < 40; s++) {
                            for (int p = base; p < base + patientsPerThread; p++) {
                                m.submit(Observation.builder("p" + p, T0.plusSeconds(s)).spo2(92).build());
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        submitted.countDown();
                    }
                });
            }
            // A "nurse" thread acknowledges every alert it hears of and reads the incidents meanwhile.
            pool.execute(() -> {
                try {
                    start.await();
                    int acked = 0;
                    while (acked < threads * patientsPerThread) {
                        String id = toAcknowledge.poll();
                        if (id == null) {
                            assertThat(m.incidents()).isNotNull();
                            if (submitted.getCount() == 0 && toAcknowledge.isEmpty() && m.openAlerts().stream()
                                    .allMatch(a -> a.state() == AlertState.ACKNOWLEDGED)) {
                                break;
                            }
                            Thread.onSpinWait();
                            continue;
                        }
                        m.acknowledge(id, "nurse.ana", "");
                        acked++;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isNull();
            assertThat(m.openAlerts()).hasSize(threads * patientsPerThread)
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo(AlertState.ACKNOWLEDGED));
        }
        java.util.List<com.nexussaude.monitor.journal.JournalRecord> records = journal.records();
        assertThat(records.stream().filter(r -> r.type().equals("alert.raised")).count()).isEqualTo(threads * patientsPerThread);
        assertThat(records.stream().filter(r -> r.type().equals("alert.acknowledged")).map(r -> r.alertId()).distinct()
                .count()).isEqualTo(threads * patientsPerThread);
        assertThat(records).extracting(com.nexussaude.monitor.journal.JournalRecord::seq).isSorted().doesNotHaveDuplicates();
    }
}
