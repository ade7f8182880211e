package com.nexussaude.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * A zombie: the child node stops itself with SIGSTOP in the middle of a transaction (outputs sent, offsets not
 * committed) and stays stopped past its session timeout and its transaction timeout; the survivor takes its
 * partitions and finishes the ward. Then the child is resumed with SIGCONT: it completes its batch and tries
 * to commit it, the broker refuses the transaction (stale group generation or aborted transaction), and the
 * child gives up its partitions. In the read_committed outputs nothing is duplicated and nothing lost: they
 * are exactly the single-process replay's.
 */
class ZombieTest {
    static final Instant STALL_AT = Ward.START.plus(Duration.ofMinutes(40));

    @Test
    void aStalledNodesLateWritesAreFencedAndItGivesUpItsPartitions() throws Exception {
        Reference ref = Reference.ward();
        List<Observation> ward = Ward.observations();
        KafkaTopics topics = KafkaTopics.withPrefix("zombie");
        TestBroker.createTopics(topics, WardRun.PARTITIONS);
        String group = "zombie-group";
        Path childLog = Path.of("target", "zombie-child.log");
        Files.createDirectories(childLog.getParent());
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-D" + StallingWardSetup.STALL_AT + "=" + STALL_AT, "-cp", System.getProperty("java.class.path"),
                KafkaMonitorMain.class.getName(),
                "--bootstrap", TestBroker.bootstrap(), "--group", group, "--prefix", "zombie",
                "--setup", StallingWardSetup.class.getName(), "--client-id", "zombie", "--tick-seconds", "0",
                "--session-timeout-ms", "3000", "--heartbeat-interval-ms", "500", "--delivery-timeout-ms", "300000",
                "--transaction-timeout-ms", "5000")
                .redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
        ExecutorService exec = Executors.newSingleThreadExecutor();
        try (KafkaMonitorNode survivor = KafkaMonitorNode.builder(TestBroker.bootstrap(), group, topics, new WardSetup())
                .clientId("survivor").tickInterval(Duration.ZERO).producerProperty("delivery.timeout.ms", 300_000)
                .producerProperty("transaction.timeout.ms", 5000)
                .consumerProperty("session.timeout.ms", 3000).consumerProperty("heartbeat.interval.ms", 500).build();
             KafkaProducer<String, String> producer = TestBroker.producer();
             Outputs out = new Outputs(topics, WardRun.PARTITIONS);
             Admin admin = Admin.create(Map.of("bootstrap.servers", TestBroker.bootstrap()))) {
            Future<?> running = exec.submit(survivor::run);
            Runnable check = () -> {
                SingleInstanceReplayTest.failIfEnded(running);
                if (!child.isAlive()) {
                    throw new AssertionError("the child node ended (exit " + child.exitValue() + "); see " + childLog);
                }
            };
            Set<Integer> zombies = FailoverTest.awaitTwoMembers(admin, group, out, check).get("zombie");

            WardRun.produce(producer, topics, ward);
            WardRun.produceEnd(producer, topics, Ward.end());
            awaitStopped(child, out, check, childLog);
            // The survivor takes the stopped child's partitions and finishes the whole ward.
            WardRun.awaitProcessed(group, topics, out, check);
            // Published after the commit awaited above: read once they have caught up with it.
            assertThat(WardRun.awaitStats(survivor, topics, out, check).partitions().keySet())
                    .containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(WardRun.alertEvents(out)).containsExactlyInAnyOrderElementsOf(ref.alertEvents);

            new ProcessBuilder("kill", "-CONT", Long.toString(child.pid())).inheritIO().start().waitFor();
            // Woken, the zombie finds its transaction refused: either the broker answers with a stale epoch (it
            // logs the refusal, drops its monitors and rejoins) or, its transaction having timed out meanwhile, with
            // ProducerFencedException (its producer is unusable: it stops, exit 1, so a supervisor restarts it).
            // Both are fenced: what matters below is that none of its late writes is visible.
            Runnable survivorAlive = () -> SingleInstanceReplayTest.failIfEnded(running);
            long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
            while (true) {
                survivorAlive.run();
                String log = Files.readString(childLog);
                if (log.contains("transaction refused or failed")
                        || !child.isAlive() && child.exitValue() == 1 && log.contains("ProducerFencedException")) {
                    break;
                }
                if (!child.isAlive()) {
                    throw new AssertionError("the child node ended (exit " + child.exitValue() + ") without being "
                            + "fenced; see " + childLog);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the child's transaction was not refused within " + WardRun.WAIT + "; see "
                            + childLog);
                }
                out.poll();
            }
            Runnable afterWake = child.isAlive() ? check : survivorAlive;
            // Let the group settle (the child may rejoin and be given partitions back, rebuilt from the commits).
            WardRun.awaitProcessed(group, topics, out, afterWake);
            out.readToEnd();

            assertThat(WardRun.raised(out)).containsExactlyInAnyOrderElementsOf(ref.raised);
            assertThat(WardRun.alertEvents(out)).containsExactlyInAnyOrderElementsOf(ref.alertEvents);
            assertThat(WardRun.incidentEvents(out)).containsExactlyInAnyOrderElementsOf(ref.incidentEvents);
            assertThat(WardRun.pages(out)).containsExactlyInAnyOrderElementsOf(ref.pages);
            assertThat(out.pages.stream().map(p -> p.s("idempotency_key")).distinct().count())
                    .as("no idempotency key twice").isEqualTo(out.pages.size());
            assertThat(out.alerts.stream().map(a -> a.s("event_id")).distinct().count()).isEqualTo(out.alerts.size());
            System.out.printf("zombie: child owned %s, stopped at its first alert event from %s; after SIGCONT its "
                            + "transaction was refused; read_committed outputs: %d alert events, %d incident events, "
                            + "%d pages, each the replay's once; survivor %s%n", zombies, STALL_AT, out.alerts.size(),
                    out.incidents.size(), out.pages.size(), survivor.stats());
            survivor.close();
            running.get();
        } finally {
            child.destroyForcibly();
            exec.shutdownNow();
        }
    }

    /** Waits until the child has stopped itself (state T in /proc), past the point it logged. */
    private static void awaitStopped(Process child, Outputs out, Runnable check, Path childLog) throws Exception {
        awaitLogLine(childLog, "stalling (SIGSTOP)", out, check);
        Path stat = Path.of("/proc", Long.toString(child.pid()), "stat");
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (true) {
            check.run();
            String s = Files.readString(stat);
            if (s.substring(s.lastIndexOf(')') + 2).startsWith("T")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child did not stop within " + WardRun.WAIT + ": " + s);
            }
            out.poll();
        }
    }

    private static void awaitLogLine(Path log, String text, Outputs out, Runnable check) throws Exception {
        long deadline = System.nanoTime() + WardRun.WAIT.toNanos();
        while (!Files.readString(log).contains(text)) {
            check.run();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child did not log '" + text + "' within " + WardRun.WAIT + "; see " + log);
            }
            out.poll();
        }
    }
}
