package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.EventKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real child JVM ({@link KillNineWard}: a scripted ward on a {@code FileJournal} with a
 * pager that forces every page it takes to disk) at random points, then a restore in this JVM on the journal
 * it left. Every open incident that needs a person has been paged (by the child before the kill, or by the
 * restored monitor), and no page whose delivery the journal recorded is delivered again.
 *
 * <p>Three kills in the default suite. The longer loop: {@code -Dnexus.killnine.kills=50} (and optionally
 * {@code -Dnexus.killnine.seed=N} to repeat a run), e.g.
 * {@code mvn -B -ntp -pl nexus-monitor-core -am verify -Dtest=KillNineTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dnexus.killnine.kills=50}; it prints its counts (kills, restores, pages lost, duplicated, re-sent).
 */
class KillNineTest {
    @TempDir
    Path dir;

    record Trial(int kills, int restores, int incidentsChecked, List<String> lost, List<String> duplicated, int resent,
                 int truncatedTails, int uncommittedSteps) {
    }

    @Test
    void afterKillNineAtRandomPointsEveryPagingDutySurvivesAndNoJournalledPageIsSentTwice() throws Exception {
        int kills = Integer.getInteger("nexus.killnine.kills", 3);
        long seed = Long.getLong("nexus.killnine.seed", System.nanoTime());
        Random random = new Random(seed);
        int restores = 0;
        int checked = 0;
        int resent = 0;
        int tails = 0;
        int steps = 0;
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            // Past the first round's raise in most trials; some kills land before any page at all.
            int killAfter = 5 + random.nextInt(600);
            Trial t = trial(dir.resolve("kill-" + k), killAfter);
            restores += t.restores();
            checked += t.incidentsChecked();
            resent += t.resent();
            tails += t.truncatedTails();
            steps += t.uncommittedSteps();
            String at = "kill " + k + " after observation " + killAfter + ": ";
            t.lost().forEach(s -> lost.add(at + s));
            t.duplicated().forEach(s -> duplicated.add(at + s));
        }
        String counts = String.format("kill -9: seed %d, %d kills, %d restores, %d open incidents needing a person checked,"
                + " %d pages lost, %d duplicated, %d re-sent with their idempotency key (delivered, not yet journalled),"
                + " %d half-written last lines cut off, %d interrupted steps left out", seed, kills, restores, checked,
                lost.size(), duplicated.size(), resent, tails, steps);
        System.out.println(counts);
        assertThat(restores).isEqualTo(kills);
        assertThat(lost).as(counts).isEmpty();
        assertThat(duplicated).as(counts).isEmpty();
    }

    private Trial trial(Path where, int killAfter) throws Exception {
        Files.createDirectories(where);
        Path journal = where.resolve("ward.journal");
        Path pagerLog = where.resolve("pager.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx512m", "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                KillNineWard.class.getName(), journal.toString(), pagerLog.toString())
                .redirectError(where.resolve("child.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("obs " + killAfter)) {
                // reading to the chosen observation; the child goes on running meanwhile
            }
            assertThat(line).as("the child ran to observation %d (stderr in %s)", killAfter, where.resolve("child.err"))
                    .isNotNull();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
        }
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        List<String[]> pagedBefore = new ArrayList<>();
        if (Files.exists(pagerLog)) {
            for (String l : Files.readAllLines(pagerLog)) {
                if (l.endsWith("\n") || !l.isEmpty()) {
                    pagedBefore.add(l.split("\\|", -1));
                }
            }
        }
        PagingTest.PagerChannel pager = new PagingTest.PagerChannel();
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int resent = 0;
        int checked = 0;
        int tails;
        int uncommitted;
        try (VitalMonitor restored = KillNineWard.monitor(journal, pager)) {
            tails = (int) restored.journalProblems().stream().filter(p -> p.message().startsWith("truncated last line"))
                    .count();
            // What a kill may leave: a half-written last line (cut off) and the step it interrupted (left out whole).
            assertThat(restored.journalProblems()).as("after a kill").allSatisfy(p -> assertThat(p.message())
                    .matches("(?s)truncated last line.*|a lifecycle step of .* was never committed \\(the monitor stopped in"
                            + " the middle of it\\): it was not restored"));
            uncommitted = (int) restored.journalProblems().stream().filter(p -> p.message().contains("never committed"))
                    .count();
            List<JournalRecord> history = restored.history(JournalQuery.all());
            Set<String> journalledDelivered = new HashSet<>();
            Instant last = KillNineWard.T0;
            for (JournalRecord r : history) {
                last = r.at().isAfter(last) ? r.at() : last;
                if (r.type().equals("notification.attempt") && "delivered".equals(r.data().get("outcome"))) {
                    journalledDelivered.add(String.valueOf(r.data().get("idempotencyKey")));
                }
            }
            // The host is back two minutes after the last thing the journal saw: pending pages go out.
            restored.advanceTo(last.plusSeconds(120));
            Set<String> keysBefore = new HashSet<>();
            Set<String> incidentsPagedBefore = new HashSet<>();
            for (String[] p : pagedBefore) {
                keysBefore.add(p[0]);
                if (!p[2].equals(EventKind.RESOLVED.wireName())) {
                    incidentsPagedBefore.add(p[1]);
                }
            }
            Map<String, Integer> afterByKey = new HashMap<>();
            for (var n : pager.received) {
                afterByKey.merge(n.idempotencyKey(), 1, Integer::sum);
                if (journalledDelivered.contains(n.idempotencyKey())) {
                    duplicated.add(n.idempotencyKey() + " (" + n.event().wireName() + " to " + n.recipient().id()
                            + "): its delivery was in the journal, and the restored monitor sent it again");
                } else if (keysBefore.contains(n.idempotencyKey())) {
                    resent++;
                }
            }
            afterByKey.forEach((key, count) -> {
                if (count > 1) {
                    duplicated.add(key + " delivered " + count + " times by the restored monitor");
                }
            });
            for (Incident inc : restored.incidents()) {
                boolean needsPerson = inc.activeAlertIds().stream().map(restored::alert)
                        .anyMatch(a -> a != null && a.state() != AlertState.ACKNOWLEDGED && !a.isSuppressed());
                if (!needsPerson) {
                    continue;
                }
                checked++;
                boolean pagedAfter = pager.received.stream()
                        .anyMatch(n -> inc.incidentId().equals(n.incidentId()) && n.event() != EventKind.RESOLVED);
                if (!incidentsPagedBefore.contains(inc.incidentId()) && !pagedAfter) {
                    lost.add(inc.incidentId() + " (" + inc.headline() + ") is open and was never paged");
                }
            }
        }
        return new Trial(1, 1, checked, lost, duplicated, resent, tails, uncommitted);
    }
}
