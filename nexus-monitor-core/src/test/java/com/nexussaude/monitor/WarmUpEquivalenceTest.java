package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's promise, as an equivalence: monitor A runs a seeded ward ({@link WarmUpWard}: 8 beds, 18 h,
 * episodes, probe-offs, a patient whose monitoring ends, acknowledgements and a manual resolve) with a journal
 * and five-level paging. At each cut instant T, monitor B is built from A's journal as of T with
 * {@code warmUp(true)}, fed A's observations of [T - warmUpWindow(), T], {@code endWarmUp()}, then fed
 * everything after T (observations and people's actions). B's alert events, incident events and pages must
 * equal A's after T: ids, times, levels, idempotency keys, states, counts and messages.
 */
class WarmUpEquivalenceTest {
    static final Duration IDLE = Duration.ofHours(4);
    /** The baseline's age at the end of a baseline-deviation message: "(13 h)", "(45 min)". */
    static final java.util.regex.Pattern BASELINE_AGE = java.util.regex.Pattern.compile("\\((\\d+) (h|min)\\)(?=\\|)");

    /** A channel that writes down every page it is given, with its own name. */
    record Channel(String name, List<String> out) implements NotificationChannel {
        @Override
        public DeliveryResult deliver(Notification n) {
            out.add(name + "|" + n.idempotencyKey() + "|" + n.recipient().id() + "|L" + n.escalationLevel() + "|"
                    + n.event() + "|" + n.alertId() + "|" + n.incidentId() + "|" + n.timestamp() + "|" + n.severity() + "|"
                    + n.message());
            return DeliveryResult.delivered("ok");
        }
    }

    /** What a monitor announced and paged, in order. */
    static final class Outputs {
        /** The alert events, a baseline-deviation message's baseline age left out (see theBaselineAge...). */
        final List<String> alerts = new ArrayList<>();
        /** The alert events as sent. */
        final List<String> alertsAsSent = new ArrayList<>();
        final List<String> incidents = new ArrayList<>();
        final List<String> pages = new ArrayList<>();
        final List<AlertEvent> alertEvents = new ArrayList<>();
        final List<IncidentEvent> incidentEvents = new ArrayList<>();
        final List<Cut> cuts = new ArrayList<>();
        Duration warmUpWindow;

        VitalMonitor build(Setup setup, com.nexussaude.monitor.journal.AlertJournal journal, boolean warmUp) {
            return VitalMonitor.builder()
                    .config(setup.config())
                    .idlePatientRelease(setup.idle())
                    .journal(journal).warmUp(warmUp)
                    .paging(Paging.builder().channel(new Channel("push", pages)).channel(new Channel("sms", pages))
                            .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                    .listener(e -> {
                        alertEvents.add(e);
                        Alert a = e.alert();
                        String text = e.type() + "|" + a.alertId() + "|" + a.patientId() + "|" + a.ruleId() + "|" + a.key() + "|"
                                + a.severity() + "|" + a.state() + "|" + a.incidentId() + "|" + e.timestamp() + "|" + e.actor()
                                + "|" + e.reason() + "|n=" + a.signalCount() + "|last=" + a.lastSeenAt() + "|" + a.message()
                                + "|" + a.resolution() + "|" + a.suppression();
                        alertsAsSent.add(text);
                        alerts.add(a.ruleId().equals("baseline-deviation") ? BASELINE_AGE.matcher(text).replaceFirst("(age)") : text);
                    })
                    .incidentListener(e -> {
                        incidentEvents.add(e);
                        Incident i = e.incident();
                        incidents.add(e.type() + "|" + i.incidentId() + "|" + i.patientId() + "|" + i.state() + "|"
                                + i.severity() + "|" + i.headlineAlertId() + "|" + i.alertIds() + "|" + i.activeAlertIds()
                                + "|" + e.timestamp());
                    })
                    .listenerExecutor(Runnable::run).build();
        }
    }

    /** The monitor's configuration and idle release, the same for A and B. */
    record Setup(MonitorConfig config, Duration idle) {
    }

    /** A's journal and outputs as they stood at a cut. */
    record Cut(Instant at, List<JournalRecord> journal, java.nio.file.Path file, int alerts, int incidents, int pages) {
        /** The journal as of the cut: a copy of A's records, or a FileJournal on the copy of A's file. */
        com.nexussaude.monitor.journal.AlertJournal open() {
            return file == null ? new InMemoryJournal(journal) : com.nexussaude.monitor.journal.FileJournal.open(file);
        }
    }

    @Test
    void aMonitorWarmedUpFromTheJournalContinuesExactlyAsTheOneThatWroteIt() {
        List<WarmUpWard.Input> inputs = WarmUpWard.inputs(8, 18, 7);
        List<Instant> cutTimes = new ArrayList<>();
        for (int minute = 12 * 60 + 15; minute < 18 * 60; minute += 50) {
            cutTimes.add(WarmUpWard.START.plus(Duration.ofMinutes(minute)));
        }
        Setup setup = new Setup(MonitorConfig.defaults(), IDLE);
        Outputs a = runA(setup, inputs, cutTimes, null);
        assertThat(a.warmUpWindow).isEqualTo(Duration.ofHours(12).plusMinutes(1)); // all packs; the idle release is 4 h
        assertCoverage(a, a.cuts, true);
        assertEquivalentAtEveryCut(setup, inputs, a);
    }

    /**
     * The same promise on real ICU recordings: the 53 BIDMC records (8 min of 1 Hz HR, RR, SpO2 each), one
     * patient each, starting 6 min apart, so the ward runs 5.4 h and a warm-up window (76 min with the
     * threshold, technical and anomaly packs and a 30-min idle release) holds a few of them. Skipped, saying
     * so, when {@code shared/data/bidmc} is absent.
     */
    @Test
    void theSameOnTheBidmcRecordings() throws java.io.IOException {
        java.nio.file.Path dir = null;
        for (String c : new String[] {"../shared/data/bidmc", "../../shared/data/bidmc"}) {
            java.nio.file.Path p = java.nio.file.Paths.get(System.getProperty("user.dir")).resolve(c).normalize();
            if (java.nio.file.Files.isDirectory(p)) {
                dir = p;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "shared/data/bidmc is absent (looked in ../shared/data and"
                + " ../../shared/data from " + System.getProperty("user.dir") + "): skipping the BIDMC warm-up equivalence");
        List<WarmUpWard.Input> inputs = WarmUpWard.bidmc(dir, Duration.ofMinutes(6));
        MonitorConfig.Builder config = MonitorConfig.builder().packs(java.util.Set.of("threshold", "technical", "anomaly"));
        for (Vital v : List.of(Vital.SYSTOLIC_BP, Vital.DIASTOLIC_BP, Vital.TEMPERATURE)) {
            config.persistence(v, PersistencePolicy.discrete(Duration.ofMinutes(30)));
        }
        Setup setup = new Setup(config.build(), Duration.ofMinutes(30));
        List<Instant> cutTimes = new ArrayList<>();
        for (int minute = 100; minute < 320; minute += 37) {
            cutTimes.add(WarmUpWard.START.plus(Duration.ofMinutes(minute)));
        }
        Outputs a = runA(setup, inputs, cutTimes, null);
        assertThat(a.warmUpWindow).isEqualTo(Duration.ofMinutes(76)); // signal_loss_nibp_ms 75 min, plus a minute
        assertCoverage(a, a.cuts, false);
        assertEquivalentAtEveryCut(setup, inputs, a);
    }

    /**
     * The promise with the journal a host keeps on disk: A writes a {@code FileJournal}, and B recovers a copy of
     * the file (and its head file) taken at the cut, as after a crash, so every restored value has made the
     * round trip through the journal's JSON lines. Three cuts of the seeded ward.
     */
    @Test
    void theSameFromACopyOfAFileJournalTakenAtTheCut(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<WarmUpWard.Input> inputs = WarmUpWard.inputs(8, 18, 7);
        List<Instant> cutTimes = List.of(WarmUpWard.START.plus(Duration.ofMinutes(12 * 60 + 15)),
                WarmUpWard.START.plus(Duration.ofMinutes(14 * 60 + 45)), WarmUpWard.START.plus(Duration.ofMinutes(17 * 60 + 15)));
        Setup setup = new Setup(MonitorConfig.defaults(), IDLE);
        Outputs a = runA(setup, inputs, cutTimes, dir);
        assertEquivalentAtEveryCut(setup, inputs, a);
    }

    /**
     * Runs A over every input, taking its journal and outputs at each cut time: with {@code dir}, A writes a file
     * journal there and each cut is a copy of it; otherwise an in-memory journal and a copy of its records.
     */
    static Outputs runA(Setup setup, List<WarmUpWard.Input> inputs, List<Instant> cutTimes, java.nio.file.Path dir) {
        Instant end = inputs.get(inputs.size() - 1).at().plus(Duration.ofHours(2));
        Outputs a = new Outputs();
        InMemoryJournal memory = new InMemoryJournal();
        java.nio.file.Path file = dir == null ? null : dir.resolve("a.journal");
        com.nexussaude.monitor.journal.AlertJournal journal = dir == null ? memory
                : com.nexussaude.monitor.journal.FileJournal.builder(file)
                        .fsync(com.nexussaude.monitor.journal.FsyncPolicy.OS_BUFFERED).build();
        List<Cut> cuts = a.cuts;
        try (VitalMonitor monitor = a.build(setup, journal, false)) {
            a.warmUpWindow = monitor.warmUpWindow();
            int next = 0;
            for (WarmUpWard.Input in : inputs) {
                while (next < cutTimes.size() && in.at().isAfter(cutTimes.get(next))) {
                    java.nio.file.Path copy = file == null ? null : copyJournal(file, dir.resolve("cut-" + next + ".journal"));
                    cuts.add(new Cut(cutTimes.get(next++), file == null ? memory.records() : null, copy, a.alerts.size(),
                            a.incidents.size(), a.pages.size()));
                }
                in.applyTo(monitor);
            }
            monitor.advanceTo(end);
        }
        assertThat(cuts).hasSize(cutTimes.size());
        return a;
    }

    /** Builds B at each of A's cuts, warms it up on A's observations of the window, and compares what follows. */
    static int assertEquivalentAtEveryCut(Setup setup, List<WarmUpWard.Input> inputs, Outputs a) {
        int ageDifferences = 0;
        Instant end = inputs.get(inputs.size() - 1).at().plus(Duration.ofHours(2));
        for (Cut cut : a.cuts) {
            Outputs b = new Outputs();
            try (VitalMonitor monitor = b.build(setup, cut.open(), true)) {
                Instant from = cut.at().minus(monitor.warmUpWindow());
                for (WarmUpWard.Input in : inputs) {
                    if (in.observation() != null && !in.at().isBefore(from) && !in.at().isAfter(cut.at())) {
                        in.applyTo(monitor);
                    }
                }
                assertThat(b.alerts).as("warm-up to %s announces nothing", cut.at()).isEmpty();
                assertThat(b.pages).as("warm-up to %s pages nothing", cut.at()).isEmpty();
                monitor.endWarmUp();
                for (WarmUpWard.Input in : inputs) {
                    if (in.at().isAfter(cut.at())) {
                        in.applyTo(monitor);
                    }
                }
                monitor.advanceTo(end);
            }
            assertSame("alert events after " + cut.at(), a.alerts.subList(cut.alerts(), a.alerts.size()), b.alerts);
            int younger = assertOnlyBaselineAgesDiffer(a.alertsAsSent.subList(cut.alerts(), a.alerts.size()),
                    b.alertsAsSent);
            ageDifferences += younger;
            assertSame("incident events after " + cut.at(), a.incidents.subList(cut.incidents(), a.incidents.size()),
                    b.incidents);
            assertSame("pages after " + cut.at(), a.pages.subList(cut.pages(), a.pages.size()), b.pages);
            System.out.printf("warm-up equivalence at %s: %d alert events, %d incident events, %d pages after the cut"
                    + " equal A's; %d baseline-deviation messages state a younger baseline%n", cut.at(),
                    b.alerts.size(), b.incidents.size(), b.pages.size(), younger);
        }
        return ageDifferences;
    }

    /**
     * What a bounded warm-up cannot rebuild, shown: the anomaly pack's baseline started at the warm-up's first
     * reading, so a baseline-deviation message states the baseline's age counted from the warm-up's start
     * where the uninterrupted monitor states its whole age. Everything else in the event is the same (checked
     * by the comparison without the age). Returns how many events differ so.
     */
    static int assertOnlyBaselineAgesDiffer(List<String> expected, List<String> actual) {
        int differing = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).equals(actual.get(i))) {
                continue;
            }
            differing++;
            java.util.regex.Matcher was = BASELINE_AGE.matcher(expected.get(i));
            java.util.regex.Matcher is = BASELINE_AGE.matcher(actual.get(i));
            assertThat(was.find() && is.find()).as("only a baseline age differs: %s / %s", expected.get(i), actual.get(i))
                    .isTrue();
            Duration ageA = was.group(2).equals("h") ? Duration.ofHours(Long.parseLong(was.group(1)))
                    : Duration.ofMinutes(Long.parseLong(was.group(1)));
            Duration ageB = is.group(2).equals("h") ? Duration.ofHours(Long.parseLong(is.group(1)))
                    : Duration.ofMinutes(Long.parseLong(is.group(1)));
            assertThat(ageB).as("the warmed-up baseline's age").isLessThan(ageA);
        }
        return differing;
    }

    /** Copies a file journal and its head file, as a crash would leave them. */
    static java.nio.file.Path copyJournal(java.nio.file.Path file, java.nio.file.Path to) {
        try {
            java.nio.file.Files.copy(file, to);
            java.nio.file.Path head = file.resolveSibling(file.getFileName() + ".head");
            if (java.nio.file.Files.exists(head)) {
                java.nio.file.Files.copy(head, to.resolveSibling(to.getFileName() + ".head"));
            }
            return to;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Names the first difference, so that a failure says which event and what differs. */
    static void assertSame(String what, List<String> expected, List<String> actual) {
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            assertThat(actual.get(i)).as("%s: #%d of %d (A's next: %s)", what, i, expected.size(),
                    i + 1 < expected.size() ? expected.get(i + 1) : "none").isEqualTo(expected.get(i));
        }
        assertThat(actual).as("%s: count", what).hasSameSizeAs(expected);
        assertThat(expected).as("%s: something happens", what).isNotEmpty();
    }

    /**
     * The cuts cover what the promise is about: a cut mid-incident with an escalation step pending (a page at
     * level 2 or above after the cut for an incident opened before it), one just after an alert resolved inside
     * the warm-up window whose rule raises again after the cut, one with a technical alert (signal loss) open,
     * and one with the monitoring-ended alert pending or open.
     */
    private static void assertCoverage(Outputs a, List<Cut> cuts, boolean ward) {
        boolean escalationPending = false;
        boolean resolvedInWindowThenRaised = false;
        boolean resolvedInWindow = false;
        boolean technicalOpen = false;
        boolean monitoringEnded = false;
        for (Cut cut : cuts) {
            Instant t = cut.at();
            List<AlertEvent> before = a.alertEvents.subList(0, cut.alerts());
            List<AlertEvent> after = a.alertEvents.subList(cut.alerts(), a.alertEvents.size());
            java.util.Set<String> openIncidents = new java.util.HashSet<>();
            for (IncidentEvent e : a.incidentEvents.subList(0, cut.incidents())) {
                if (e.incident().resolvedAt() == null) {
                    openIncidents.add(e.incident().incidentId());
                } else {
                    openIncidents.remove(e.incident().incidentId());
                }
            }
            for (String page : a.pages.subList(cut.pages(), a.pages.size())) {
                String[] f = page.split("\\|");
                int level = Integer.parseInt(f[3].substring(1));
                escalationPending |= level >= 2 && openIncidents.contains(f[6]);
            }
            java.util.Set<String> open = new java.util.HashSet<>();
            for (AlertEvent e : before) {
                if (e.type() == AlertEventType.RESOLVED) {
                    open.remove(e.alert().alertId());
                } else {
                    open.add(e.alert().alertId());
                }
            }
            for (AlertEvent e : before) {
                if (e.type() == AlertEventType.RAISED && open.contains(e.alert().alertId())) {
                    technicalOpen |= e.alert().ruleId().equals("signal-loss");
                    monitoringEnded |= e.alert().ruleId().equals("monitoring-ended");
                }
                if (e.type() == AlertEventType.RESOLVED && e.timestamp().isAfter(t.minus(Duration.ofHours(2)))) {
                    resolvedInWindow = true;
                    Alert r = e.alert();
                    resolvedInWindowThenRaised |= after.stream().anyMatch(x -> x.type() == AlertEventType.RAISED
                            && x.alert().patientId().equals(r.patientId()) && x.alert().ruleId().equals(r.ruleId())
                            && java.util.Objects.equals(x.alert().key(), r.key()));
                }
            }
        }
        assertThat(escalationPending).as("a cut with an escalation step pending").isTrue();
        assertThat(resolvedInWindow).as("a cut after an alert resolved in the window").isTrue();
        assertThat(technicalOpen).as("a cut with signal loss open").isTrue();
        if (ward) {
            assertThat(resolvedInWindowThenRaised).as("a cut after an alert resolved in the window, raised again after")
                    .isTrue();
            assertThat(monitoringEnded).as("a cut with monitoring ended open").isTrue();
        }
    }
}
