package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Two nodes share the ward, one in a child JVM. The child is killed with SIGKILL in the middle of its
 * patients' incidents; the survivor takes its partitions, restores their monitors from the journal topic, warms
 * their rules up on the records of the warm-up window before the child's last committed offset, and goes on live
 * from that offset. Across the pair, every alert event of the single-process
 * replay is written exactly once, escalation continues on the moved partitions, and no page (idempotency
 * key) is written twice.
 */
class FailoverTest {
    /** The child is killed once the group has processed the ward up to here (event time). */
    static final Instant KILL_AT = Ward.START.plus(Duration.ofMinutes(45));

    @Test
    void theSurvivorContinuesTheKilledNodesPartitionsWithNothingLostAndNothingTwice() throws Exception {
        Reference ref = Reference.ward();
        List<Observation> ward = Ward.observations();
        List<Observation> before = ward.stream().filter(o -> o.timestamp().isBefore(KILL_AT)).toList();
        List<Observation> after = ward.stream().filter(o -> !o.timestamp().isBefore(KILL_AT)).toList();

        KafkaTopics topics = KafkaTopics.withPrefix("failover");
        TestBroker.createTopics(topics, WardRun.PARTITIONS);
        String group = "failover-group";
        Path childLog = Path.of("target", "failover-child.log");
        Files.createDirectories(childLog.getParent());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                KafkaMonitorMain.class.getName(),
                "--bootstrap", TestBroker.bootstrap(), "--group", group, "--prefix", "failover",
                "--setup", WardSetup.class.getName(), "--client-id", "child", "--tick-seconds", "0",
                "--session-timeout-ms", "3000", "--heartbeat-interval-ms", "500", "--delivery-timeout-ms", "300000")
                .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode survivor = KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new WardSetup())
                .clientId("survivor").tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000)
                .consumerProperty("session.timeout.ms", 3000).consumerProperty("heartbeat.interval.ms", 500).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, WardRun.PARTITIONS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            Future<?> running = exec.submit(survivor::run);
            Runnable check = () -> {
                SingleInstanceReplayTest.failIfEnded(running);
                if (!child.isAlive() && child.exitValue() != 137) {
                    throw new AssertionError("the child node ended by itself (exit " + child.exitValue() + "); see " + childLog);
                }
            };
            Map<String, Set<Integer>> owners = awaitTwoMembers(admin, group, out, check);
            Set<Integer> moved = owners.get("child");

            WardRun.produce(producer, topics, before);
            WardRun.awaitProcessed(group, topics, out, check);
            // Mid-incident: a patient of the child's partitions has an alert open at the kill (per the replay).
            List<String> openThere = Ward.BEDS.stream().filter(b -> moved.contains(WardRun.partitionOf(b)))
                    .filter(b -> ref.openAt(b, KILL_AT)).toList();
            assertThat(openThere).as("patients of the child's partitions %s with an alert open at the kill", moved)
                    .isNotEmpty();
            int pagesBeforeKill = out.pages.size();
            assertThat(out.pages.stream().filter(p -> moved.contains(p.partition()))).as("the child paged").isNotEmpty();

            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no leaving the group
            long killed = System.nanoTime();
            assertThat(child.waitFor()).as("killed by SIGKILL").isEqualTo(137);

            WardRun.produce(producer, topics, after);
            WardRun.produceEnd(producer, topics, Ward.end());
            long[] takenOver = {0};
            long[] live = {0};
            WardRun.awaitProcessed(group, topics, out, () -> {
                SingleInstanceReplayTest.failIfEnded(running);
                if (takenOver[0] == 0 && survivor.stats().partitions().keySet().containsAll(moved)) {
                    takenOver[0] = System.nanoTime(); // informational only: printed, never asserted
                }
                if (live[0] == 0 && moved.stream().allMatch(p -> survivor.stats().partitions().containsKey(p)
                        && survivor.stats().partitions().get(p).live())) {
                    live[0] = System.nanoTime(); // informational only
                }
            });
            long done = System.nanoTime();

            // The survivor publishes its stats after the commit awaited above: read them once they caught up with it.
            KafkaMonitorNode.Stats survivorStats = WardRun.awaitStats(survivor, topics, out,
                    () -> SingleInstanceReplayTest.failIfEnded(running));
            assertThat(survivorStats.partitions().keySet()).as("the survivor owns every partition")
                    .containsExactlyInAnyOrder(0, 1, 2, 3);
            // Exactly once across the pair: the same multisets as the replay (a duplicate would be an extra element).
            assertThat(WardRun.raised(out)).containsExactlyInAnyOrderElementsOf(ref.raised);
            assertThat(WardRun.alertEvents(out)).containsExactlyInAnyOrderElementsOf(ref.alertEvents);
            assertThat(WardRun.incidentEvents(out)).containsExactlyInAnyOrderElementsOf(ref.incidentEvents);
            assertThat(WardRun.pages(out)).containsExactlyInAnyOrderElementsOf(ref.pages);
            assertThat(out.pages.stream().map(p -> p.s("idempotency_key")).distinct().count())
                    .as("no idempotency key twice").isEqualTo(out.pages.size());
            assertThat(out.alerts.stream().map(a -> a.s("event_id")).distinct().count()).isEqualTo(out.alerts.size());
            for (String bed : Ward.BEDS) { // each patient's events in time order across the two writers
                assertThat(WardRun.alertEvents(out).stream().filter(e -> e.startsWith(bed + "|")).map(WardRun::at).toList())
                        .as(bed).isSorted();
            }
            assertThat(out.incidents.stream().map(a -> a.s("event_id")).distinct().count()).isEqualTo(out.incidents.size());
            // Escalation went on after the kill on the moved partitions: pages beyond level 1, written by the survivor.
            List<Outputs.Out> escalatedAfter = out.pages.stream().filter(p -> moved.contains(p.partition()))
                    .filter(p -> Instant.parse(p.s("at")).isAfter(KILL_AT))
                    .filter(p -> ((Number) p.fields().get("level")).intValue() > 1).toList();
            assertThat(escalatedAfter).as("escalation pages after the kill on %s", moved).isNotEmpty();
            // The survivor restored the moved partitions from their journals and warmed their rules up on the records
            // before the child's last commit: live from there, nothing of the warm-up written again.
            for (int p : moved) {
                KafkaMonitorNode.Stats.Partition s = survivorStats.partitions().get(p);
                assertThat(s.live()).as("partition %s live", p).isTrue();
                assertThat(s.replayed()).as("records replayed on partition %s", p).isPositive();
                assertThat(s.muted()).as("outputs of committed inputs on partition %s", p).isZero();
            }
            System.out.printf("failover: child owned %s, killed at %s with %d pages written; afterwards %d alert events,"
                            + " %d raised, %d incident events, %d pages (%d escalations past level 1 after the kill on the"
                            + " moved partitions); survivor %s; wall time from the kill: partitions taken over after"
                            + " %.1f s, everything processed after %.1f s (session timeout 3 s)%n", moved, KILL_AT,
                    pagesBeforeKill, out.alerts.size(), WardRun.raised(out).size(), out.incidents.size(),
                    out.pages.size(), escalatedAfter.size(), survivor.stats(),
                    takenOver[0] == 0 ? Double.NaN : (takenOver[0] - killed) / 1e9, (done - killed) / 1e9);
            System.out.printf("failover: live on the moved partitions after %.1f s from the kill%n",
                    live[0] == 0 ? Double.NaN : (live[0] - killed) / 1e9);
            survivor.close();
            running.get();
        } finally {
            child.destroyForcibly();
            exec.shutdownNow();
        }
    }

    /** Waits until both nodes are in the group with partitions; their partitions by client id. */
    static Map<String, Set<Integer>> awaitTwoMembers(Admin admin, String group, Outputs out, Runnable check)
            throws Exception {
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (true) {
            check.run();
            Collection<MemberDescription> members;
            try {
                members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                    throw e;
                }
                members = List.of(); // no member has joined yet (the nodes first set up their transactions)
            }
            Map<String, Set<Integer>> owners = new java.util.HashMap<>();
            for (MemberDescription m : members) {
                Set<Integer> ps = new TreeSet<>();
                for (TopicPartition tp : m.assignment().topicPartitions()) {
                    ps.add(tp.partition());
                }
                owners.put(m.clientId(), ps);
            }
            if (owners.size() == 2 && owners.values().stream().noneMatch(Set::isEmpty)
                    && owners.values().stream().mapToInt(Set::size).sum() == WardRun.PARTITIONS) {
                return owners;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the two nodes did not share the partitions within " + WardRun.WAIT + ": " + owners);
            }
            out.poll(); // paces the wait (blocks up to 200 ms)
        }
    }

}
