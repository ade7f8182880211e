package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;
import java.util.EnumMap;
import java.util.Map;

/**
 * National Early Warning Score 2 (Royal College of Physicians, 2017).
 *
 * <pre>{@code
 * News2Score s = News2.score(News2Input.builder()
 *         .respiratoryRate(22).spo2(95).supplementalOxygen(false).systolicBp(105)
 *         .heartRate(112).consciousness(Consciousness.ALERT).temperature(38.2).build());
 * s.total();   // 2 + 1 + 0 + 1 + 2 + 0 + 1 = 7
 * s.risk();    // HIGH
 * }</pre>
 *
 * <p>Each value is first rounded half up to the chart's precision (integers; temperature one
 * decimal), then banded (see the package documentation). The per-parameter functions are plain
 * static methods with primitive arguments, callable from EPL.
 */
public final class News2 {

    /** The largest possible aggregate. */
    public static final int MAX_TOTAL = 20;

    private News2() {
    }

    /**
     * Scores a set of observations.
     *
     * @param in the input, not null
     * @return the total, risk, sub-scores, scored (rounded) values, partial flag and monitoring
     * @throws IllegalArgumentException if {@code in} is null
     */
    public static News2Score score(News2Input in) {
        Args.notNull("in", in);
        News2ScoredValues v = News2ScoredValues.of(in);
        Map<News2Parameter, Integer> sub = new EnumMap<>(News2Parameter.class);
        sub.put(News2Parameter.RESPIRATORY_RATE,
                v.respiratoryRate() == null ? 0 : respiratoryRatePoints(v.respiratoryRate()));
        boolean onOxygen = Boolean.TRUE.equals(v.supplementalOxygen());
        sub.put(News2Parameter.OXYGEN_SATURATION,
                v.spo2() == null ? 0 : spo2Points(v.spo2(), v.spo2Scale(), onOxygen));
        sub.put(News2Parameter.SUPPLEMENTAL_OXYGEN, supplementalOxygenPoints(onOxygen));
        sub.put(News2Parameter.BLOOD_PRESSURE_SYSTOLIC, v.systolicBp() == null ? 0 : systolicBpPoints(v.systolicBp()));
        sub.put(News2Parameter.HEART_RATE, v.heartRate() == null ? 0 : heartRatePoints(v.heartRate()));
        sub.put(News2Parameter.CONSCIOUSNESS, v.consciousness() == null ? 0 : consciousnessPoints(v.consciousness()));
        sub.put(News2Parameter.TEMPERATURE, v.temperature() == null ? 0 : temperaturePoints(v.temperature()));
        int total = 0;
        for (int points : sub.values()) {
            total += points;
        }
        News2Risk risk = risk(total, sub.containsValue(3));
        return new News2Score(in, v, sub, total, risk, !in.absentParameters().isEmpty(),
                News2Monitoring.forScore(total, risk));
    }

    /**
     * Scores boxed, nullable values (convenient from EPL, where absent values are null).
     *
     * @param respiratoryRate    breaths per minute or null
     * @param spo2               % or null
     * @param spo2Scale          1 or 2
     * @param supplementalOxygen on oxygen, or null if unknown
     * @param systolicBp         mmHg or null
     * @param heartRate          beats per minute or null
     * @param consciousness      ACVPU level or null
     * @param temperature        °C or null
     * @return the score
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static News2Score score(Double respiratoryRate, Double spo2, int spo2Scale, Boolean supplementalOxygen,
            Double systolicBp, Double heartRate, Consciousness consciousness, Double temperature) {
        return score(new News2Input(respiratoryRate, spo2, spo2Scale, supplementalOxygen, systolicBp, heartRate,
                consciousness, temperature));
    }

    /**
     * Respiration rate points: ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3 (after rounding
     * half up to an integer).
     *
     * @param respiratoryRate breaths per minute, finite and {@code >= 0}
     * @return respiration rate points: ≤8 → 3, 9–11 → 1, 12–20 → 0, 21–24 → 2, ≥25 → 3 (after rounding half
     *     up to an integer)
     * @throws IllegalArgumentException if out of range
     */
    public static int respiratoryRatePoints(double respiratoryRate) {
        double r = Args.integer("respiratoryRate", respiratoryRate);
        if (r <= 8) {
            return 3;
        } else if (r <= 11) {
            return 1;
        } else if (r <= 20) {
            return 0;
        } else if (r <= 24) {
            return 2;
        }
        return 3;
    }

    /**
     * SpO2 scale 1 points: ≤91 → 3, 92–93 → 2, 94–95 → 1, ≥96 → 0 (after rounding to an integer).
     *
     * @param spo2 %, 0–100
     * @return SpO2 scale 1 points, 0 to 3
     * @throws IllegalArgumentException if out of range
     */
    public static int spo2Scale1Points(double spo2) {
        double r = Args.percentInteger("spo2", spo2);
        if (r <= 91) {
            return 3;
        } else if (r <= 93) {
            return 2;
        } else if (r <= 95) {
            return 1;
        }
        return 0;
    }

    /**
     * SpO2 scale 2 points: ≤83 → 3, 84–85 → 2, 86–87 → 1, 88–92 → 0, ≥93 on air → 0; on oxygen
     * 93–94 → 1, 95–96 → 2, ≥97 → 3 (after rounding to an integer). The 2 points for oxygen itself
     * are separate ({@link #supplementalOxygenPoints(boolean)}).
     *
     * @param spo2     %, 0–100
     * @param onOxygen whether the patient is on supplemental oxygen
     * @return SpO2 scale 2 points, 0 to 3
     * @throws IllegalArgumentException if out of range
     */
    public static int spo2Scale2Points(double spo2, boolean onOxygen) {
        double r = Args.percentInteger("spo2", spo2);
        if (r <= 83) {
            return 3;
        } else if (r <= 85) {
            return 2;
        } else if (r <= 87) {
            return 1;
        } else if (r <= 92 || !onOxygen) {
            return 0;
        } else if (r <= 94) {
            return 1;
        } else if (r <= 96) {
            return 2;
        }
        return 3;
    }

    /**
     * SpO2 points on the given scale.
     *
     * @param spo2      %, 0–100
     * @param spo2Scale 1 or 2
     * @param onOxygen  whether the patient is on supplemental oxygen (matters on scale 2 only)
     * @return SpO2 points on the given scale, 0 to 3
     * @throws IllegalArgumentException if out of range
     */
    public static int spo2Points(double spo2, int spo2Scale, boolean onOxygen) {
        return Args.spo2Scale(spo2Scale) == 1 ? spo2Scale1Points(spo2) : spo2Scale2Points(spo2, onOxygen);
    }

    /**
     * Air or oxygen points: oxygen → 2, air → 0.
     *
     * @param onOxygen whether the patient is on supplemental oxygen
     * @return air or oxygen points: oxygen → 2, air → 0
     */
    public static int supplementalOxygenPoints(boolean onOxygen) {
        return onOxygen ? 2 : 0;
    }

    /**
     * Systolic blood pressure points: ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3
     * (after rounding to an integer).
     *
     * @param systolicBp mmHg, finite and {@code >= 0}
     * @return systolic blood pressure points: ≤90 → 3, 91–100 → 2, 101–110 → 1, 111–219 → 0, ≥220 → 3 (after
     *     rounding to an integer)
     * @throws IllegalArgumentException if out of range
     */
    public static int systolicBpPoints(double systolicBp) {
        double r = Args.integer("systolicBp", systolicBp);
        if (r <= 90) {
            return 3;
        } else if (r <= 100) {
            return 2;
        } else if (r <= 110) {
            return 1;
        } else if (r <= 219) {
            return 0;
        }
        return 3;
    }

    /**
     * Pulse points: ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3 (after
     * rounding to an integer).
     *
     * @param heartRate beats per minute, finite and {@code >= 0}
     * @return pulse points: ≤40 → 3, 41–50 → 1, 51–90 → 0, 91–110 → 1, 111–130 → 2, ≥131 → 3 (after rounding
     *     to an integer)
     * @throws IllegalArgumentException if out of range
     */
    public static int heartRatePoints(double heartRate) {
        double r = Args.integer("heartRate", heartRate);
        if (r <= 40) {
            return 3;
        } else if (r <= 50) {
            return 1;
        } else if (r <= 90) {
            return 0;
        } else if (r <= 110) {
            return 1;
        } else if (r <= 130) {
            return 2;
        }
        return 3;
    }

    /**
     * Consciousness points: Alert → 0; new Confusion, Voice, Pain, Unresponsive → 3.
     *
     * @param consciousness the ACVPU level, not null
     * @return 0 for alert, 3 for any other level
     * @throws IllegalArgumentException if null
     */
    public static int consciousnessPoints(Consciousness consciousness) {
        return Args.notNull("consciousness", consciousness) == Consciousness.ALERT ? 0 : 3;
    }

    /**
     * Temperature points: ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2
     * (after rounding half up to one decimal: 36.05 → 36.1, 36.04 → 36.0).
     *
     * @param temperature °C, finite and {@code >= 0}
     * @return temperature points: ≤35.0 → 3, 35.1–36.0 → 1, 36.1–38.0 → 0, 38.1–39.0 → 1, ≥39.1 → 2 (after
     *     rounding half up to one decimal: 36.05 → 36.1, 36.04 → 36.0)
     * @throws IllegalArgumentException if out of range
     */
    public static int temperaturePoints(double temperature) {
        double r = Args.oneDecimal("temperature", temperature);
        if (r <= 35.0) {
            return 3;
        } else if (r <= 36.0) {
            return 1;
        } else if (r <= 38.0) {
            return 0;
        } else if (r <= 39.0) {
            return 1;
        }
        return 2;
    }

    /**
     * The clinical risk of an aggregate: ≥7 high, 5–6 medium, otherwise low-medium if any single
     * parameter scored 3, otherwise low.
     *
     * @param total                     the aggregate, 0–20
     * @param anySingleParameterScored3 whether any parameter scored 3
     * @return the clinical risk of an aggregate: ≥7 high, 5–6 medium, otherwise low-medium if any single
     *     parameter scored 3, otherwise low
     * @throws IllegalArgumentException if total is outside 0–20
     */
    public static News2Risk risk(int total, boolean anySingleParameterScored3) {
        checkTotal(total);
        if (total >= 7) {
            return News2Risk.HIGH;
        } else if (total >= 5) {
            return News2Risk.MEDIUM;
        }
        return anySingleParameterScored3 ? News2Risk.LOW_MEDIUM : News2Risk.LOW;
    }

    static int checkTotal(int total) {
        if (total < 0 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("total must be between 0 and " + MAX_TOTAL + ", but was " + total);
        }
        return total;
    }
}
