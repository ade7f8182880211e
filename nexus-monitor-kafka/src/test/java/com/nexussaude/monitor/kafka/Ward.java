package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic 90 minutes of an eight-bed ward: HR, SpO2 and RR every 5 s, NIBP every 15 min,
 * temperature every 30 min. Six beds deteriorate at staggered times (from 10 to 38 min, fully after 10 more)
 * and stay unwell until 60 to 74 min, long enough for their incidents to escalate through the default chain;
 * bed-02 and bed-07 stay stable. Sorted by time, as the command line's replay submits.
 */
final class Ward {
    static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    static final Duration LENGTH = Duration.ofMinutes(90);
    /** After the last observation, the clock runs on this long so resolve holds and ttls fire. */
    static final Duration DRAIN = Duration.ofMinutes(10);
    static final List<String> BEDS = List.of("bed-01", "bed-02", "bed-03", "bed-04", "bed-05", "bed-06", "bed-07",
            "bed-08");

    private Ward() {
    }

    static List<Observation> observations() {
        List<Observation> out = new ArrayList<>();
        Random rnd = new Random(20260301L);
        for (long t = 0; t <= LENGTH.toSeconds(); t += 5) {
            for (int i = 0; i < BEDS.size(); i++) {
                out.add(observe(i, t, rnd));
            }
        }
        return out;
    }

    /** The last observation's time plus {@link #DRAIN}: where the input ends. */
    static Instant end() {
        return START.plus(LENGTH).plus(DRAIN);
    }

    private static Observation observe(int bed, long t, Random rnd) {
        double min = t / 60.0;
        boolean stable = bed == 1 || bed == 6;
        double onset = 10 + 4 * bed;
        double recovery = 60 + 2 * bed;
        // 0 before onset, rising over 10 min to 1, back to 0 over 5 min from the recovery.
        double x = stable ? 0 : Math.max(0, Math.min(1, (min - onset) / 10)) * Math.max(0, Math.min(1, (recovery + 5 - min) / 5));
        double hr = 78 + 3 * rnd.nextGaussian();
        double spo2 = 97 + 0.6 * rnd.nextGaussian();
        double rr = 15 + 0.8 * rnd.nextGaussian();
        switch (bed % 3) {
            case 0 -> spo2 -= 14 * x;          // hypoxic: SpO2 to about 83 (critical)
            case 1 -> hr += 60 * x;            // tachycardic: HR to about 138 (high)
            default -> {                       // tachypnoeic and desaturating: RR to 27, SpO2 to 89
                rr += 12 * x;
                spo2 -= 8 * x;
            }
        }
        Observation.Builder b = Observation.builder(BEDS.get(bed), START.plusSeconds(t))
                .heartRate(Math.round(hr))
                .spo2(Math.min(100, Math.round(spo2)))
                .respiratoryRate(Math.round(rr));
        if (t % 900 == 0) {
            b.bloodPressure(Math.round(122 + 4 * rnd.nextGaussian()), Math.round(76 + 3 * rnd.nextGaussian()));
        }
        if (t % 1800 == 0) {
            b.temperature(Math.round((36.8 + 0.2 * rnd.nextGaussian()) * 10) / 10.0);
        }
        return b.build();
    }
}
