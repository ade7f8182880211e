package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.EventKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash after every single record of a scripted run: the journal file cut at each line boundary
 * (what a {@code kill -9} after that record's append leaves on disk, every append being fsynced), and
 * a new monitor restored on each prefix. Whatever the crash point, every open incident with an alert
 * that needs a person (active, not acknowledged, not suppressed) is paged: its page was delivered
 * before the crash, or the restored monitor delivers it. Before lifecycle steps were committed as a
 * group, a cut between {@code incident.opened} and {@code notification.submitted} restored an
 * incident that was never paged.
 */
class JournalCrashPointsTest {
    static final Instant T0 = PagingTest.T0;

    @TempDir
    Path dir;

    /** Shock on bed-4 that turns critical, a silenced hypoxia on bed-9 whose silence is lifted, an acknowledgement. */
    static Instant script(VitalMonitor m) {
        m.silence(Silence.builder().patient("bed-9").until(T0.plusSeconds(3600)).by("nurse.ana").because("in transport")
                .build());
        PagingTest.shock(m, "bed-4", 0, 20);
        for (long s = 21; s <= 30; s++) {
            m.submit(Observation.builder("bed-4", T0.plusSeconds(s)).heartRate(125 + 3 * (s - 20)).build());
            m.submit(Observation.builder("bed-9", T0.plusSeconds(s)).spo2(84).build());
        }
        for (long s = 31; s <= 60; s++) {
            m.submit(Observation.builder("bed-9", T0.plusSeconds(s)).spo2(84).build());
        }
        String silence = m.silences().get(0).silenceId();
        m.expireSilence(silence, "nurse.ana", "back on the ward");
        Alert shock = m.openAlerts().stream().filter(a -> a.ruleId().equals("shock-pattern")).findFirst().orElseThrow();
        m.acknowledge(shock.alertId(), "dr.silva", "fluids running");
        for (long s = 61; s <= 70; s++) {
            m.submit(Observation.builder("bed-9", T0.plusSeconds(s)).spo2(84).build());
        }
        return T0.plusSeconds(70);
    }

    VitalMonitor monitor(Path journal, PagingTest.PagerChannel pager) {
        return VitalMonitor.builder()
                .config(MonitorConfig.builder().packs(Set.of("threshold", "correlation")).build())
                .paging(Paging.builder().channel(pager).recipient(PagingTest.NURSE).recipient(PagingTest.DOCTOR).build())
                .journal(FileJournal.open(journal)).listener(e -> { }).listenerExecutor(Runnable::run).build();
    }

    @Test
    void afterACrashAtEveryRecordEveryOpenIncidentThatNeedsAPersonIsPaged() throws IOException {
        Path full = dir.resolve("run.journal");
        PagingTest.PagerChannel firstPager = new PagingTest.PagerChannel();
        Instant end;
        try (VitalMonitor first = monitor(full, firstPager)) {
            end = script(first);
            assertThat(first.incidents()).hasSize(2);
        }
        byte[] bytes = Files.readAllBytes(full);
        List<Integer> boundaries = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                boundaries.add(i + 1);
            }
        }
        assertThat(boundaries).hasSizeGreaterThan(30);

        int crashPoints = 0;
        int incidentsChecked = 0;
        List<String> unpaged = new ArrayList<>();
        for (int cut : boundaries) {
            Path prefix = dir.resolve("crash-" + cut + ".journal");
            Files.write(prefix, java.util.Arrays.copyOf(bytes, cut));
            PagingTest.PagerChannel pager = new PagingTest.PagerChannel();
            try (VitalMonitor restored = monitor(prefix, pager)) {
                crashPoints++;
                Set<String> pagedBefore = deliveredBefore(restored.history(JournalQuery.all()), cut);
                // The host comes back a minute later: pages left pending go out again.
                restored.advanceTo(end.plusSeconds(60));
                for (Incident inc : restored.incidents()) {
                    boolean needsPerson = inc.activeAlertIds().stream().map(restored::alert)
                            .anyMatch(a -> a != null && a.state() != AlertState.ACKNOWLEDGED && !a.isSuppressed());
                    if (!needsPerson) {
                        continue;
                    }
                    incidentsChecked++;
                    boolean pagedAfter = pager.received.stream()
                            .anyMatch(n -> inc.incidentId().equals(n.incidentId()) && n.event() != EventKind.RESOLVED);
                    if (!pagedBefore.contains(inc.incidentId()) && !pagedAfter) {
                        unpaged.add("crash after byte " + cut + ": " + inc.incidentId() + " (" + inc.headline() + ")");
                    }
                }
            }
        }
        assertThat(unpaged).as("open incidents never paged, of %d checked after %d crash points", incidentsChecked,
                crashPoints).isEmpty();
        assertThat(crashPoints).isEqualTo(boundaries.size());
        assertThat(incidentsChecked).isPositive();
    }

    /**
     * A record deleted from the middle of the file (every line intact, so no checksum can see it) is
     * found by the gap in the seqs and by its step's record count: reported, and only that step is left
     * out; the steps before and after it are restored.
     */
    @Test
    void aRecordDeletedFromTheMiddleIsReportedAndOnlyItsStepIsLeftOut() throws IOException {
        Path full = dir.resolve("run.journal");
        List<String> openBefore;
        try (VitalMonitor first = monitor(full, new PagingTest.PagerChannel())) {
            script(first);
            openBefore = first.openAlerts().stream().map(Alert::alertId).toList();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(full));
        int victim = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"type\":\"incident.escalated\"")) {
                victim = i;
            }
        }
        assertThat(victim).isPositive();
        lines.remove(victim);
        Path damaged = Files.write(dir.resolve("deleted.journal"), lines);

        try (VitalMonitor restored = monitor(damaged, new PagingTest.PagerChannel())) {
            assertThat(restored.journalProblems()).extracting(p -> p.message()).anySatisfy(
                    m -> assertThat(m).contains("missing before seq")).anySatisfy(
                    m -> assertThat(m).contains("the incomplete step was not restored"));
            assertThat(restored.openAlerts()).extracting(Alert::alertId).containsExactlyInAnyOrderElementsOf(openBefore);
        }
    }

    /** Incidents with a page (not a resolved one) delivered in the journal before the crash. */
    private static Set<String> deliveredBefore(List<JournalRecord> records, int cut) {
        Map<String, JournalRecord> submitted = new HashMap<>();
        Set<String> paged = new HashSet<>();
        for (JournalRecord r : records) {
            String key = String.valueOf(r.data().get("idempotencyKey"));
            if (r.type().equals("notification.submitted") && !"resolved".equals(r.data().get("event"))) {
                submitted.put(key, r);
            } else if (r.type().equals("notification.attempt") && "delivered".equals(r.data().get("outcome"))
                    && submitted.containsKey(key)) {
                paged.add(submitted.get(key).incidentId());
            }
        }
        return paged;
    }
}
