package com.nexussaude.monitor.examples;

import static com.nexussaude.monitor.examples.WardSim.Disturbance.Kind.MOVEMENT;
import static com.nexussaude.monitor.examples.WardSim.Disturbance.Kind.PROBE_OFF;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.examples.WardSim.Curve;
import com.nexussaude.monitor.examples.WardSim.Patient;
import com.nexussaude.monitor.notify.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The scenario suite's patients and, beside each, the ground truth: what a clinical engineer says the
 * monitor must do, written from the patient's true physiology before any run (times in minutes from
 * the start of the scenario). A deadline allows for the alarm delay and, for the intermittent vitals,
 * for the next nurse's set of observations.
 */
final class WardScenarios {

    /** What must (or must not) happen; {@code why} is shown when it does not. */
    sealed interface Expect permits Detect, Quiet, Technical, ResolvedBy, AtMostPages {
        String why();
    }

    /**
     * A physiological alert of at least {@code severity} is raised (or rises to it) by {@code alertBy},
     * and the bedside nurse (escalation level 1) is paged with at least that severity by {@code pageBy}.
     */
    record Detect(String why, double onset, Severity severity, double alertBy, double pageBy) implements Expect {
    }

    /** No physiological alert reaches {@code severity} or above between {@code from} and {@code to}. */
    record Quiet(String why, Severity severity, double from, double to) implements Expect {
    }

    /**
     * A technical alert is open by {@code by} and still open at {@code stillOpenAt}, and nothing
     * physiological of medium or above is raised between {@code from} and {@code stillOpenAt}.
     */
    record Technical(String why, double from, double by, double stillOpenAt) implements Expect {
    }

    /** Every physiological alert is resolved by {@code minute}. */
    record ResolvedBy(String why, double minute) implements Expect {
    }

    /** At most {@code pages} level-1 pages of physiological alerts in the whole scenario. */
    record AtMostPages(String why, int pages) implements Expect {
    }

    /** A scenario: a patient, how long, and the truth. */
    record Scenario(String name, Patient patient, Duration length, List<Expect> truth) {
    }

    private WardScenarios() {
    }

    static Patient normal(String id, String kind, long seed) {
        Random r = new Random(seed * 31 + 7);
        return new Patient(id, kind, seed)
                .vital(Vital.HEART_RATE, Curve.flat(76).wobble(4, 70, r.nextDouble() * 6))
                .vital(Vital.SPO2, Curve.flat(97).wobble(0.6, 45, r.nextDouble() * 6))
                .vital(Vital.RESPIRATORY_RATE, Curve.flat(16).wobble(1.2, 55, r.nextDouble() * 6))
                .vital(Vital.SYSTOLIC_BP, Curve.flat(122).wobble(5, 120, r.nextDouble() * 6))
                .vital(Vital.DIASTOLIC_BP, Curve.flat(74).wobble(3, 120, r.nextDouble() * 6))
                .vital(Vital.TEMPERATURE, Curve.flat(36.8).wobble(0.2, 240, r.nextDouble() * 6));
    }

    static List<Scenario> all() {
        List<Scenario> s = new ArrayList<>();
        s.addAll(deteriorations());
        s.addAll(stable());
        return s;
    }

    static List<Scenario> deteriorations() {
        List<Scenario> s = new ArrayList<>();

        // Sepsis over four hours: HR and RR cross their normal bands at minute 111, fever from 79 (38 °C
        // at 111), SBP falls; new confusion from minute 200. True NEWS2 reaches 5 around minute 130-140
        // and 7+ by about 200.
        s.add(new Scenario("sepsis", normal("sep-1", "sepsis", 101)
                .vital(Vital.HEART_RATE, new Curve().at(0, 84).at(60, 84).at(150, 112).at(210, 124))
                .vital(Vital.RESPIRATORY_RATE, new Curve().at(0, 16).at(60, 16).at(150, 23).at(210, 27))
                .vital(Vital.TEMPERATURE, new Curve().at(0, 37.1).at(60, 37.2).at(150, 38.6).at(210, 39.4))
                .vital(Vital.SYSTOLIC_BP, new Curve().at(0, 124).at(60, 122).at(150, 104).at(210, 92))
                .vital(Vital.DIASTOLIC_BP, new Curve().at(0, 76).at(60, 72).at(150, 60).at(210, 52))
                .vital(Vital.SPO2, new Curve().at(0, 97).at(120, 96).at(210, 94))
                .consciousnessAt(200, Consciousness.CONFUSION)
                .nibpEvery(30),
                Duration.ofMinutes(240), List.of(
                        new Detect("HR and RR above their normal bands from minute 111", 111, Severity.MEDIUM, 125, 125),
                        new Detect("true NEWS2 5-6 (urgent response) from about minute 135", 135, Severity.HIGH, 175, 175),
                        new Detect("true NEWS2 >= 7 with new confusion from minute 200", 200, Severity.CRITICAL, 235, 235),
                        new Quiet("nothing high or critical while the vitals are normal", Severity.HIGH, 0, 100))));

        // Haemorrhage: HR 78 -> 128 and SBP 122 -> 84 between minutes 30 and 75 (NIBP every 15 min).
        // HR > 100 from minute 50, > 120 from minute 68; shock index >= 1 from about minute 53.
        s.add(new Scenario("haemorrhage", normal("hae-1", "haemorrhage", 102)
                .vital(Vital.HEART_RATE, new Curve().at(0, 78).at(30, 78).at(75, 128).at(120, 135))
                .vital(Vital.SYSTOLIC_BP, new Curve().at(0, 122).at(30, 122).at(75, 84).at(120, 78))
                .vital(Vital.DIASTOLIC_BP, new Curve().at(0, 74).at(30, 74).at(75, 50).at(120, 46))
                .vital(Vital.RESPIRATORY_RATE, new Curve().at(0, 15).at(30, 15).at(75, 22).at(120, 24))
                .nibpEvery(15),
                Duration.ofMinutes(120), List.of(
                        new Detect("HR above 100 from minute 50", 50, Severity.MEDIUM, 53, 53),
                        new Detect("HR above 120 from minute 68, shock index >= 1 from about 53", 53, Severity.HIGH, 72, 72),
                        new Quiet("nothing high or critical before the bleed", Severity.HIGH, 0, 40))));

        // Opioid respiratory depression: RR 14 -> 7 and SpO2 96 -> 88 between minutes 30 and 90, SpO2 84
        // by 110, responds to voice only from minute 95. RR < 12 from 47, < 9 from 73, < 8 from 81;
        // SpO2 < 94 from 45, < 90 from 75, < 85 from 105.
        s.add(new Scenario("opioid-respiratory-depression", normal("opi-1", "opioid", 103)
                .vital(Vital.RESPIRATORY_RATE, new Curve().at(0, 14).at(30, 14).at(90, 7).at(120, 6))
                .vital(Vital.SPO2, new Curve().at(0, 96).at(30, 96).at(90, 88).at(110, 84).at(120, 84))
                .vital(Vital.HEART_RATE, new Curve().at(0, 72).at(90, 64))
                .consciousnessAt(95, Consciousness.VOICE)
                .nibpEvery(30),
                Duration.ofMinutes(120), List.of(
                        new Detect("SpO2 below 94 from minute 45, RR below 12 from 47", 45, Severity.MEDIUM, 52, 52),
                        new Detect("SpO2 below 90 from minute 75, RR below 9 from 73", 73, Severity.HIGH, 80, 80),
                        new Detect("RR below 8 from minute 81", 81, Severity.CRITICAL, 85, 85),
                        new Quiet("nothing high or critical before minute 40", Severity.HIGH, 0, 40))));

        // Known AF, rate-controlled (irregular 1-s rates), develops rapid ventricular response at minute 20:
        // HR 85 -> 165 within 90 s.
        s.add(new Scenario("af-rapid-response", normal("afr-1", "af-rvr", 104)
                .vital(Vital.HEART_RATE, new Curve().at(0, 85).at(20, 85).at(21.5, 165).at(60, 170))
                .vital(Vital.SYSTOLIC_BP, new Curve().at(0, 118).at(20, 118).at(30, 104))
                .irregularRhythm(10)
                .nibpEvery(15),
                Duration.ofMinutes(60), List.of(
                        new Detect("HR above 150 from minute 21.1", 21.1, Severity.CRITICAL, 22, 22),
                        new Quiet("rate-controlled AF is quiet before the onset", Severity.HIGH, 0, 19.5))));

        // Bradycardia: HR 66 -> 36 between minutes 10 and 30. < 60 from 14, < 50 from 20.7, < 40 from 27.3.
        s.add(new Scenario("bradycardia", normal("bra-1", "bradycardia", 105)
                .vital(Vital.HEART_RATE, new Curve().at(0, 66).at(10, 66).at(30, 36).at(60, 36)),
                Duration.ofMinutes(60), List.of(
                        new Detect("HR below 60 from minute 14", 14, Severity.MEDIUM, 17, 17),
                        new Detect("HR below 50 from minute 20.7", 20.7, Severity.HIGH, 23, 23),
                        new Detect("HR below 40 from minute 27.3", 27.3, Severity.CRITICAL, 28.5, 28.5))));

        // Hypertensive crisis: SBP 150 -> 210 and DBP 92 -> 128 between minutes 20 and 50, NIBP every 15
        // min. SBP > 180 from minute 35; the next NIBP after that is at most 16 min later.
        s.add(new Scenario("hypertensive-crisis", normal("hyp-1", "hypertensive-crisis", 106)
                .vital(Vital.SYSTOLIC_BP, new Curve().at(0, 150).at(20, 150).at(50, 210).at(90, 212))
                .vital(Vital.DIASTOLIC_BP, new Curve().at(0, 92).at(20, 92).at(50, 128).at(90, 130))
                .vital(Vital.HEART_RATE, Curve.flat(88))
                .nibpEvery(15),
                Duration.ofMinutes(90), List.of(
                        new Detect("SBP above 180 from minute 35 (seen at the next NIBP)", 35, Severity.CRITICAL, 52, 52))));

        // Hypothermia over five hours: 36.4 -> 34.6 °C between minutes 30 and 270 (hourly temperature).
        // < 36.0 from 83, < 35.5 from 150, < 35.0 from 217; the next reading is at most 61 min later.
        s.add(new Scenario("hypothermia", normal("hpt-1", "hypothermia", 107)
                .vital(Vital.TEMPERATURE, new Curve().at(0, 36.4).at(30, 36.4).at(270, 34.6).at(300, 34.5))
                .vital(Vital.HEART_RATE, new Curve().at(0, 70).at(270, 62)),
                Duration.ofMinutes(300), List.of(
                        new Detect("temperature below 35.0 °C from minute 217", 217, Severity.CRITICAL, 279, 279))));

        // New confusion at minute 40 in an otherwise normal patient; the nurse's next set (every 30 min)
        // records it. NEWS2: a single 3 (low-medium risk: urgent ward-based response).
        s.add(new Scenario("new-confusion", normal("con-1", "new-confusion", 108)
                .consciousnessAt(40, Consciousness.CONFUSION)
                .nibpEvery(30),
                Duration.ofMinutes(120), List.of(
                        new Detect("new confusion from minute 40 (recorded at the next set)", 40, Severity.MEDIUM, 73, 73))));

        // Cardiac arrest at minute 15: pulse and SpO2 become unrecordable (0) and breathing stops within
        // 20 s. The zeros look like a probe that fell off, but the apnoea corroborates them.
        s.add(new Scenario("cardiac-arrest", normal("arr-1", "cardiac-arrest", 109)
                .vital(Vital.HEART_RATE, new Curve().at(0, 82).at(15, 82).at(15.1, 0).at(30, 0))
                .vital(Vital.SPO2, new Curve().at(0, 96).at(15, 96).at(15.1, 0).at(30, 0))
                .vital(Vital.RESPIRATORY_RATE, new Curve().at(0, 15).at(15, 15).at(15.33, 0).at(30, 0)),
                Duration.ofMinutes(30), List.of(
                        new Detect("no pulse, no SpO2 and no breathing from minute 15.3", 15.3, Severity.CRITICAL, 15.9, 15.9))));

        // Hypoxia that improves after treatment: SpO2 96 -> 88 (minutes 10-25), oxygen at minute 45 brings
        // it back to 96 by minute 55; RR and HR follow. SpO2 < 94 from 17.5, < 90 from 21; back >= 90 at
        // 47.5 and >= 94 at 52.5.
        s.add(new Scenario("improves-after-treatment", normal("imp-1", "improves", 110)
                .vital(Vital.SPO2, new Curve().at(0, 96).at(10, 96).at(25, 88).at(45, 88).at(55, 96))
                .vital(Vital.RESPIRATORY_RATE, new Curve().at(0, 16).at(25, 22).at(45, 22).at(60, 16))
                .vital(Vital.HEART_RATE, new Curve().at(0, 84).at(25, 98).at(45, 98).at(60, 84))
                .oxygenAt(45, true)
                .nibpEvery(30),
                Duration.ofMinutes(150), List.of(
                        new Detect("SpO2 below 94 from minute 17.5", 17.5, Severity.MEDIUM, 20, 20),
                        new Detect("SpO2 below 90 from minute 21", 21, Severity.HIGH, 23, 23),
                        new ResolvedBy("every vital back in its normal band from minute 55", 75))));
        return s;
    }

    static List<Scenario> stable() {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("stable-post-op", postOp("pop-1", 201), Duration.ofMinutes(240), stableTruth()));
        s.add(new Scenario("stable-sleeping", sleeping("slp-1", 202), Duration.ofMinutes(240), stableTruth()));
        s.add(new Scenario("stable-copd-scale-2", copd("cop-1", 203), Duration.ofMinutes(240), List.of(
                new Quiet("SpO2 88-92 % is this patient's prescribed target (scale 2)", Severity.MEDIUM, 0, 240),
                new AtMostPages("a stable patient pages rarely", 0))));
        s.add(new Scenario("stable-af-rate-controlled", afControlled("afc-1", 204), Duration.ofMinutes(240),
                stableTruth()));
        s.add(new Scenario("walking", walking("wlk-1", 205), Duration.ofMinutes(120), List.of(
                new Quiet("movement artefacts are not clinical alarms", Severity.MEDIUM, 0, 120),
                new AtMostPages("nothing clinical to page", 0))));
        s.add(new Scenario("probe-off", normal("prb-1", "probe-off", 206).disturb(PROBE_OFF, 20, 180),
                Duration.ofMinutes(60), List.of(
                        new Technical("the probe exports 0 from minute 20 for 3 min", 20, 20.5, 22.9),
                        new Quiet("a detached probe is not a clinical alarm", Severity.MEDIUM, 0, 60))));
        return s;
    }

    private static List<Expect> stableTruth() {
        return List.of(new Quiet("true vitals never leave the normal bands for more than a minute", Severity.HIGH, 0, 240),
                new AtMostPages("a stable patient pages rarely (goal: at most 4 per patient-day)", 1));
    }

    /** Post-operative: HR near the top of normal with pain, occasional coughs (HR +14 for 20 s). */
    static Patient postOp(String id, long seed) {
        Random r = new Random(seed);
        Curve hr = Curve.flat(90 + r.nextInt(4)).wobble(4, 50, r.nextDouble() * 6);
        for (int i = 0; i < 3; i++) {
            hr.excursion(600 + r.nextInt(13_000), 20, 14);
        }
        return normal(id, "post-op", seed)
                .vital(Vital.HEART_RATE, hr)
                .vital(Vital.RESPIRATORY_RATE, Curve.flat(17.5).wobble(1.2, 40, r.nextDouble() * 6))
                .vital(Vital.SPO2, Curve.flat(95.5).wobble(0.8, 35, r.nextDouble() * 6))
                .vital(Vital.TEMPERATURE, Curve.flat(37.2).wobble(0.15, 180, r.nextDouble() * 6));
    }

    /** Asleep: HR and RR near the bottom of normal, brief desaturations (SpO2 -4 for 10-25 s). */
    static Patient sleeping(String id, long seed) {
        Random r = new Random(seed);
        Curve spo2 = Curve.flat(95.8).wobble(0.5, 30, r.nextDouble() * 6);
        for (int i = 0; i < 8; i++) {
            spo2.excursion(300 + r.nextInt(14_000), 10 + r.nextInt(16), -4);
        }
        return normal(id, "sleeping", seed)
                .vital(Vital.HEART_RATE, Curve.flat(64).wobble(3, 90, r.nextDouble() * 6))
                .vital(Vital.RESPIRATORY_RATE, Curve.flat(14).wobble(1, 60, r.nextDouble() * 6))
                .vital(Vital.SPO2, spo2)
                .vital(Vital.SYSTOLIC_BP, Curve.flat(112).wobble(4, 120, r.nextDouble() * 6))
                .vital(Vital.DIASTOLIC_BP, Curve.flat(66).wobble(3, 120, r.nextDouble() * 6));
    }

    /** COPD with hypercapnic respiratory failure, SpO2 scale 2, prescribed target 88-92 %, on air. */
    static Patient copd(String id, long seed) {
        Random r = new Random(seed);
        Patient p = normal(id, "copd-scale-2", seed)
                .vital(Vital.SPO2, Curve.flat(90).wobble(1.0, 40, r.nextDouble() * 6))
                .vital(Vital.RESPIRATORY_RATE, Curve.flat(18.5).wobble(1.0, 50, r.nextDouble() * 6))
                .vital(Vital.HEART_RATE, Curve.flat(86).wobble(4, 60, r.nextDouble() * 6))
                .vital(Vital.SYSTOLIC_BP, Curve.flat(132).wobble(4, 120, r.nextDouble() * 6));
        return p.context(p.context.withSpo2Scale(2));
    }

    /** Atrial fibrillation at a controlled rate: the mean is normal, the 1-s readings scatter (SD 10). */
    static Patient afControlled(String id, long seed) {
        Random r = new Random(seed);
        return normal(id, "af-rate-controlled", seed)
                .vital(Vital.HEART_RATE, Curve.flat(84).wobble(4, 60, r.nextDouble() * 6))
                .irregularRhythm(10);
    }

    /** Walking about the ward twice, with movement artefacts of 2-8 s while walking. */
    static Patient walking(String id, long seed) {
        Random r = new Random(seed);
        Patient p = normal(id, "walking", seed)
                .vital(Vital.HEART_RATE, new Curve().at(0, 78).at(20, 78).at(22, 94).at(40, 94).at(42, 78)
                        .at(70, 78).at(72, 94).at(90, 94).at(92, 78));
        for (int walk : new int[] {20, 70}) {
            for (int i = 0; i < 8; i++) {
                p.disturb(MOVEMENT, walk + r.nextDouble() * 19, 2 + r.nextInt(7));
            }
        }
        return p;
    }

    /** The stable cohort: {@code n} patients of the four stable kinds in turn, each with its own seed. */
    static List<Patient> stableCohort(int n, long seed) {
        List<Patient> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format(java.util.Locale.ROOT, "stable-%02d", i + 1);
            long s = seed + i * 1_000L;
            Patient p = switch (i % 5) {
                case 0 -> postOp(id, s);
                case 1 -> sleeping(id, s);
                case 2 -> copd(id, s);
                case 3 -> afControlled(id, s);
                default -> normal(id, "stable", s);
            };
            if (i % 3 == 0) { // a third of them walk about or fiddle with the probe now and then
                Random r = new Random(s);
                for (int k = 0; k < 6; k++) {
                    p.disturb(MOVEMENT, 10 + r.nextDouble() * 220, 2 + r.nextInt(7));
                }
            }
            out.add(p);
        }
        return out;
    }
}
