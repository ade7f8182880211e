package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link VitalMonitor#submitAll} takes a list as the same {@link VitalMonitor#submitAndReport} calls one after another
 * would, though it looks up and loads later observations' patients before the current one is processed: over seeded
 * streams (new and repeated patients, invalid values, missing and bad ids, late observations, unknown patients, the
 * patient limit, patients released for being idle and coming back, discharges and registrations between lists) fed
 * once one by one and once in lists of random sizes (0, 1, a few, many) to two fresh monitors, the alert, score and
 * incident events, each observation's result or refusal (class and message) and the stats are the same.
 */
class BatchSubmitTest {
    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final int IDS = 14;

    @ParameterizedTest(name = "seed {0}, strict {1}, unknown patients {2}")
    @CsvSource({
        "1, false, WARN", "2, true, WARN", "3, false, REJECT", "4, true, REJECT",
        "5, false, WARN", "6, false, REJECT", "7, true, WARN", "8, true, REJECT"})
    void aListIsTakenAsTheSameObservationsOneByOne(long seed, boolean strict, UnknownPatientPolicy policy) {
        List<Step> stream = stream(seed);
        Run oneByOne = run(strict, policy, stream, (monitor, list) -> list.forEach(o -> oneByOne(monitor, o)),
                null);
        Random sizes = new Random(seed * 31 + 7);
        Run inLists = run(strict, policy, stream, null, sizes);
        assertThat(oneByOne.outcomes).as("the stream's refusals").anyMatch(s -> s.startsWith("refused"));
        assertThat(oneByOne.events).hasSizeGreaterThan(20);
        assertThat(inLists.outcomes).isEqualTo(oneByOne.outcomes);
        assertThat(inLists.events).isEqualTo(oneByOne.events);
        assertThat(inLists.stats).isEqualTo(oneByOne.stats);
    }

    @Test
    void aNullElementIsRefusedNamingItsIndexBeforeAnythingIsTaken() {
        try (VitalMonitor monitor = VitalMonitor.builder().listenerExecutor(Runnable::run).build()) {
            Observation o = Observation.builder("bed-1", T0).heartRate(80).build();
            assertThatThrownBy(() -> monitor.submitAll(Arrays.asList(o, null)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("observations[1] is null; nothing was submitted");
            assertThat(monitor.stats().accepted()).isZero();
            assertThatThrownBy(() -> monitor.submitAll(null)).isInstanceOf(NullPointerException.class);
            BatchResult empty = monitor.submitAll(List.of());
            assertThat(empty.size()).isZero();
            assertThat(empty.allAccepted()).isTrue();
            BatchResult one = monitor.submitAll(List.of(o));
            assertThat(one.accepted()).isEqualTo(1);
            assertThat(one.result(0)).contains(new SubmitResult(List.of(), List.of(), false));
            monitor.close();
            assertThatThrownBy(() -> monitor.submitAll(List.of(o))).isInstanceOf(IllegalStateException.class);
        }
    }

    /** A list of observations to submit, then (if not null) something a host does between lists. */
    record Step(List<Observation> observations, BiConsumer<VitalMonitor, List<String>> after) {
    }

    /** What a monitor did with the stream: each observation's outcome, the events heard, the stats at the end. */
    record Run(List<String> outcomes, List<String> events, MonitorStats stats) {
    }

    /**
     * Feeds {@code stream} to a fresh monitor: one by one ({@code sizes} null) or in lists of random sizes. The
     * monitor releases a patient after 20 s idle and monitors at most 10 at once, so releases, returns and the limit
     * happen inside lists.
     */
    private static Run run(boolean strict, UnknownPatientPolicy policy, List<Step> stream,
                           BiConsumer<VitalMonitor, List<Observation>> oneByOne, Random sizes) {
        List<String> events = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        VitalMonitor monitor = VitalMonitor.builder()
                .strictInput(strict)
                .unknownPatients(policy)
                .maxPatients(10)
                .idlePatientRelease(Duration.ofSeconds(20))
                .listenerExecutor(Runnable::run)
                .listener(e -> events.add("alert " + e))
                .scoreListener(e -> events.add("score " + e))
                .incidentListener(e -> events.add("incident " + e))
                .build();
        try {
            for (int p = 0; p < IDS; p += 2) { // half the ids registered
                monitor.register(PatientContext.of(id(p)).withWard(p < 6 ? "ward-a" : "ward-b"));
            }
            for (Step step : stream) {
                if (sizes == null) {
                    for (Observation o : step.observations) {
                        outcomes.add(oneByOne(monitor, o));
                    }
                } else {
                    inLists(monitor, step.observations, sizes, outcomes);
                }
                if (step.after != null) {
                    step.after.accept(monitor, outcomes);
                }
            }
            return new Run(outcomes, events, monitor.stats());
        } finally {
            monitor.close();
        }
    }

    private static String oneByOne(VitalMonitor monitor, Observation o) {
        try {
            return "taken " + monitor.submitAndReport(o);
        } catch (InvalidObservationException e) {
            return refused(e);
        }
    }

    /** Splits the observations into lists of sizes 0, 1, 2..5 and up to 60, and submits each. */
    private static void inLists(VitalMonitor monitor, List<Observation> observations, Random sizes,
                                List<String> outcomes) {
        int i = 0;
        while (i < observations.size()) {
            int size = switch (sizes.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> 2 + sizes.nextInt(4);
                default -> 6 + sizes.nextInt(55);
            };
            List<Observation> list = observations.subList(i, Math.min(observations.size(), i + size));
            BatchResult result = monitor.submitAll(list);
            assertThat(result.size()).isEqualTo(list.size());
            assertThat(result.accepted()).isEqualTo(list.size() - result.refusals().size());
            int r = 0;
            for (int k = 0; k < list.size(); k++) {
                if (r < result.refusals().size() && result.refusals().get(r).index() == k) {
                    assertThat(result.result(k)).isEmpty();
                    outcomes.add(refused(result.refusals().get(r++).exception()));
                } else {
                    outcomes.add("taken " + result.result(k).orElseThrow());
                }
            }
            assertThat(r).as("refusals in index order, each at a list index").isEqualTo(result.refusals().size());
            i += list.size();
        }
    }

    private static String refused(InvalidObservationException e) {
        return "refused " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String id(int p) {
        return "bed-" + p;
    }

    /**
     * A seeded stream of 30 steps: in each, about 40 ward seconds of readings from a changing half of the ids (so
     * patients are released for being idle and come back, and new ones meet the limit), a few deteriorating; some
     * readings with an impossible value, all values impossible, no or a bad id, or late; between steps, a
     * discharge or a registration.
     */
    static List<Step> stream(long seed) {
        Random r = new Random(seed);
        List<Step> steps = new ArrayList<>();
        long second = 0;
        for (int step = 0; step < 30; step++) {
            List<Observation> list = new ArrayList<>();
            int offset = r.nextInt(IDS);
            for (int s = 0; s < 40; s++, second++) {
                Instant t = T0.plusSeconds(second);
                for (int k = 0; k < IDS / 2 + 1; k++) {
                    int p = (offset + k) % IDS;
                    boolean sick = p % 3 == 0;
                    Observation.Builder b = Observation.builder(id(p), t)
                            .heartRate(sick ? 125 + r.nextInt(20) : 70 + r.nextInt(15))
                            .spo2(sick ? 84 + r.nextInt(5) : 95 + r.nextInt(4))
                            .respiratoryRate(sick ? 26 + r.nextInt(6) : 14 + r.nextInt(4));
                    if (r.nextInt(30) == 0) {
                        b.bloodPressure(sick ? 85 : 120, sick ? 50 : 75).temperature(sick ? 38.9 : 36.8);
                    }
                    list.add(odd(r, b, p, t));
                }
            }
            BiConsumer<VitalMonitor, List<String>> after = switch (r.nextInt(3)) {
                case 0 -> {
                    String pid = id(r.nextInt(IDS));
                    yield (m, outcomes) -> m.discharge(pid);
                }
                case 1 -> {
                    String pid = id(r.nextInt(IDS));
                    yield (m, outcomes) -> m.register(PatientContext.of(pid).withWard("ward-c"));
                }
                default -> null;
            };
            steps.add(new Step(list, after));
        }
        return steps;
    }

    /** Mostly the reading as built; sometimes one that a check refuses or that has a value rejected alone. */
    private static Observation odd(Random r, Observation.Builder b, int p, Instant t) {
        return switch (r.nextInt(60)) {
            case 0 -> b.heartRate(999).build(); // one value rejected (strict: the observation)
            case 1 -> Observation.builder(id(p), t).heartRate(-5).build(); // nothing valid left
            case 2 -> Observation.builder(null, t).heartRate(80).build(); // no id
            case 3 -> Observation.builder("bed\n" + p, t).heartRate(80).build(); // a control character
            case 4 -> Observation.builder(id(p), t.minusSeconds(90)).heartRate(80).build(); // late
            case 5 -> Observation.builder("visitor-" + r.nextInt(5), t).heartRate(80).spo2(97).build(); // new, unknown
            default -> b.build();
        };
    }
}
