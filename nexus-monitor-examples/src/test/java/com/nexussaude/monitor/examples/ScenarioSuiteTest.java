package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.examples.WardScenarios.AtMostPages;
import com.nexussaude.monitor.examples.WardScenarios.Detect;
import com.nexussaude.monitor.examples.WardScenarios.Expect;
import com.nexussaude.monitor.examples.WardScenarios.Quiet;
import com.nexussaude.monitor.examples.WardScenarios.ResolvedBy;
import com.nexussaude.monitor.examples.WardScenarios.Scenario;
import com.nexussaude.monitor.examples.WardScenarios.Technical;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario suite: each simulated patient of {@link WardScenarios} runs alone through the command
 * line's monitor (default packs, default escalation, nobody acknowledging), and every line of its
 * ground truth becomes one test: detection by its deadline, the bedside page by its deadline, the
 * severity, resolution, and what must not fire. The outcome table is written to
 * {@code docs/scenarios.md}.
 *
 * <p>{@link #KNOWN_FAILING} lists the truths the current rules and paging do not meet yet, each
 * checked to still fail, so a fix shows up as a failure here until the line is removed.
 */
class ScenarioSuiteTest {

    /** Truths not met yet, as {@code scenario#index} (index in the scenario's truth list, from 0). */
    static final Set<String> KNOWN_FAILING = Set.of(
            // Paging: a critical (or higher) condition after a lesser alert reaches the bedside nurse only at
            // the next walk of the chain, or never (issue 13).
            "af-rapid-response#0", "bradycardia#1", "bradycardia#2", "cardiac-arrest#0", "haemorrhage#1",
            "improves-after-treatment#1",
            // Rules: single 1 Hz samples drive correlation and NEWS2; no true persistence; artefacts and a
            // detached probe reach clinical rules; SpO2 bands ignore scale 2 (issue 13).
            "probe-off#1", "stable-af-rate-controlled#0",
            "stable-af-rate-controlled#1", "stable-copd-scale-2#0", "stable-copd-scale-2#1", 
            "stable-post-op#1", "stable-sleeping#1", "walking#0", "walking#1");

    private static final Map<String, List<String>> REPORT = new LinkedHashMap<>();
    private static final Map<String, String> SUMMARY = new LinkedHashMap<>();

    @TestFactory
    Stream<DynamicContainer> everyScenarioMeetsItsGroundTruth() {
        return WardScenarios.all().stream().map(s -> {
            WardRun run = WardRun.of(List.of(s.patient()), s.length());
            SUMMARY.put(s.name(), summary(run, s));
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < s.truth().size(); i++) {
                Expect e = s.truth().get(i);
                String id = s.name() + "#" + i;
                Verdict v = judge(run, s.patient().id, e);
                REPORT.computeIfAbsent(s.name(), k -> new ArrayList<>()).add("| " + s.name() + " | " + describe(e)
                        + " | " + (v.met() ? "met" : "**not met**") + " | " + v.detail() + " |");
                tests.add(DynamicTest.dynamicTest(id + " " + e.why(), () -> assertThat(v.met())
                        .as("%s: %s — %s", id, describe(e), v.detail())
                        .isEqualTo(!KNOWN_FAILING.contains(id))));
            }
            // The standing truth of every scenario: no true condition of a minute or more goes unalerted.
            List<AlarmBurdenTest.Condition> missed = AlarmBurdenTest.sustainedConditions(s.patient(), s.length()).stream()
                    .filter(c -> !AlarmBurdenTest.alerted(run, c)).toList();
            REPORT.computeIfAbsent(s.name(), k -> new ArrayList<>()).add("| " + s.name()
                    + " | every true HR, SpO2 or RR condition of >= 60 s has an alert | "
                    + (missed.isEmpty() ? "met" : "**not met**") + " | " + (missed.isEmpty() ? "none missed" : "missed: " + missed) + " |");
            tests.add(DynamicTest.dynamicTest(s.name() + " misses no sustained condition",
                    () -> assertThat(missed).as("true conditions of >= 60 s with no alert").isEmpty()));
            return DynamicContainer.dynamicContainer(s.name(), tests);
        });
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (REPORT.isEmpty()) {
            return;
        }
        StringBuilder md = new StringBuilder("# Scenario suite: ground truth against what the monitor did\n\n")
                .append("Generated by `ScenarioSuiteTest` (nexus-monitor-examples) from the seeded 1 Hz ward simulator "
                        + "`WardSim` and the ground truth in `WardScenarios`, written before the runs. Each patient runs "
                        + "alone through the command line's monitor: default packs, the default five-level escalation, "
                        + "nobody acknowledging. Times are minutes from the start of the scenario.\n\n")
                .append("| scenario | alerts raised (physiological / technical) | bedside pages | all pages |\n|---|---|---|---|\n");
        SUMMARY.values().forEach(md::append);
        md.append("\n| scenario | ground truth | outcome | what happened |\n|---|---|---|---|\n");
        REPORT.values().forEach(lines -> lines.forEach(l -> md.append(l).append('\n')));
        Path docs = Path.of(System.getProperty("user.dir")).resolve("../docs").normalize();
        if (Files.isDirectory(docs)) {
            Files.writeString(docs.resolve("scenarios.md"), md);
        }
    }

    record Verdict(boolean met, String detail) {
    }

    static Verdict judge(WardRun run, String patient, Expect e) {
        List<AlertEvent> phys = run.physiological(patient);
        if (e instanceof Detect d) {
            Optional<AlertEvent> alert = phys.stream()
                    .filter(x -> isActiveSignal(x) && !d.severity().isAbove(x.alert().severity())).findFirst();
            Optional<Notification> page = run.bedsidePages(patient).stream()
                    .filter(n -> !d.severity().isAbove(n.severity())).findFirst();
            double alertAt = alert.map(x -> WardRun.minute(x.timestamp())).orElse(Double.NaN);
            double pageAt = page.map(n -> WardRun.minute(n.timestamp())).orElse(Double.NaN);
            boolean met = alert.isPresent() && alertAt <= d.alertBy() && page.isPresent() && pageAt <= d.pageBy();
            String detail = alert.map(x -> String.format(Locale.ROOT, "%s alert at %.1f (%s)", x.alert().severity().wireName(),
                    alertAt, x.alert().message())).orElse("no " + d.severity().wireName() + "+ alert")
                    + "; " + page.map(n -> String.format(Locale.ROOT, "bedside page at %.1f", pageAt))
                    .orElse("no " + d.severity().wireName() + "+ bedside page");
            return new Verdict(met, detail);
        }
        if (e instanceof Quiet q) {
            List<AlertEvent> loud = phys.stream().filter(x -> isActiveSignal(x)
                    && !q.severity().isAbove(x.alert().severity())
                    && WardRun.minute(x.timestamp()) >= q.from() && WardRun.minute(x.timestamp()) <= q.to()).toList();
            return new Verdict(loud.isEmpty(), loud.isEmpty() ? "quiet" : loud.size() + " events, first: "
                    + describe(loud.get(0)));
        }
        if (e instanceof Technical t) {
            List<AlertEvent> tech = run.events.stream().filter(x -> x.alert().patientId().equals(patient)
                    && x.alert().category() == Category.TECHNICAL).toList();
            Optional<AlertEvent> raised = tech.stream().filter(x -> x.type() == AlertEventType.RAISED
                    && WardRun.minute(x.timestamp()) >= t.from() && WardRun.minute(x.timestamp()) <= t.by()).findFirst();
            boolean openLongEnough = raised.isPresent() && tech.stream().noneMatch(x -> x.type() == AlertEventType.RESOLVED
                    && x.alert().alertId().equals(raised.get().alert().alertId())
                    && WardRun.minute(x.timestamp()) < t.stillOpenAt());
            List<AlertEvent> clinical = phys.stream().filter(x -> isActiveSignal(x)
                    && x.alert().severity() != Severity.LOW
                    && WardRun.minute(x.timestamp()) >= t.from() && WardRun.minute(x.timestamp()) <= t.stillOpenAt()).toList();
            boolean met = raised.isPresent() && openLongEnough && clinical.isEmpty();
            String detail = raised.map(x -> String.format(Locale.ROOT, "%s at %.1f%s", x.alert().ruleId() + "/" + x.alert().key(),
                    WardRun.minute(x.timestamp()), openLongEnough ? ", open throughout" : ", resolved too early"))
                    .orElse("no technical alert") + (clinical.isEmpty() ? "" : "; clinical: " + describe(clinical.get(0)));
            return new Verdict(met, detail);
        }
        if (e instanceof ResolvedBy r) {
            Set<String> ids = new TreeSet<>();
            Set<String> resolvedInTime = new TreeSet<>();
            List<AlertEvent> late = new ArrayList<>();
            for (AlertEvent x : phys) {
                ids.add(x.alert().alertId());
                if (x.type() == AlertEventType.RESOLVED && WardRun.minute(x.timestamp()) <= r.minute()) {
                    resolvedInTime.add(x.alert().alertId());
                }
                if (x.type() == AlertEventType.RAISED && WardRun.minute(x.timestamp()) > r.minute()) {
                    late.add(x);
                }
            }
            ids.removeAll(resolvedInTime);
            boolean met = ids.isEmpty() && late.isEmpty();
            return new Verdict(met, met ? resolvedInTime.size() + " alerts, all resolved"
                    : "still open: " + ids + (late.isEmpty() ? "" : "; raised later: " + describe(late.get(0))));
        }
        AtMostPages p = (AtMostPages) e;
        List<Notification> pages = run.bedsidePages(patient);
        return new Verdict(pages.size() <= p.pages(), pages.size() + " bedside pages"
                + (pages.isEmpty() ? "" : ", first: " + pages.get(0).severity().wireName() + " " + pages.get(0).message()));
    }

    /** An event that says the condition is (still) there: raised, updated or changed severity. */
    private static boolean isActiveSignal(AlertEvent x) {
        return x.type() == AlertEventType.RAISED || x.type() == AlertEventType.UPDATED
                || x.type() == AlertEventType.SEVERITY_CHANGED;
    }

    private static String describe(AlertEvent x) {
        return String.format(Locale.ROOT, "%s %s %s at %.1f (%s)", x.type().wireName(), x.alert().severity().wireName(),
                x.alert().ruleId(), WardRun.minute(x.timestamp()), x.alert().message());
    }

    static String describe(Expect e) {
        if (e instanceof Detect d) {
            return String.format(Locale.ROOT, "%s: %s+ alert by %.1f, bedside page by %.1f", d.why(),
                    d.severity().wireName(), d.alertBy(), d.pageBy());
        }
        if (e instanceof Quiet q) {
            return String.format(Locale.ROOT, "%s: nothing physiological %s+ in %.0f-%.0f", q.why(),
                    q.severity().wireName(), q.from(), q.to());
        }
        if (e instanceof Technical t) {
            return String.format(Locale.ROOT, "%s: technical alert by %.1f, open at %.1f, nothing clinical", t.why(),
                    t.by(), t.stillOpenAt());
        }
        if (e instanceof ResolvedBy r) {
            return String.format(Locale.ROOT, "%s: all physiological alerts resolved by %.0f", r.why(), r.minute());
        }
        AtMostPages p = (AtMostPages) e;
        return p.why() + ": at most " + p.pages() + " bedside pages";
    }

    private static String summary(WardRun run, Scenario s) {
        String id = s.patient().id;
        long phys = run.events.stream().filter(x -> x.type() == AlertEventType.RAISED && x.alert().patientId().equals(id)
                && x.alert().category() == Category.PHYSIOLOGICAL).count();
        long tech = run.events.stream().filter(x -> x.type() == AlertEventType.RAISED && x.alert().patientId().equals(id)
                && x.alert().category() == Category.TECHNICAL).count();
        return "| " + s.name() + " | " + phys + " / " + tech + " | " + run.bedsidePages(id).size() + " | "
                + run.actionablePages(id).size() + " |\n";
    }
}
