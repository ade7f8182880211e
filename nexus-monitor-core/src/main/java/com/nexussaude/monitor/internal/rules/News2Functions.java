package com.nexussaude.monitor.internal.rules;

import com.nexussaude.monitor.Consciousness;
import com.nexussaude.monitor.score.News2;
import com.nexussaude.monitor.score.News2Parameter;
import com.nexussaude.monitor.score.News2Risk;
import com.nexussaude.monitor.score.News2Score;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** EPL single-row functions of the news2 pack: scoring from VitalSign values, and its alert text. */
// Public, though internal (not API: no Javadoc, no compatibility check): the classes Esper generates for
// the news2 pack call these functions from Esper's own class loader.
public final class News2Functions {
    private News2Functions() {
    }

    /**
     * NEWS2 from the latest fresh values; {@code null} means absent. Supplemental oxygen is 1/0 and
     * consciousness the ACVPU ordinal, as in VitalSign.
     */
    public static News2Score news2(Double rr, Double spo2, int spo2Scale, Double oxygen, Double sbp, Double hr,
                                   Double acvpu, Double temp) {
        Boolean onOxygen = oxygen == null ? null : oxygen > 0;
        Consciousness c = acvpu == null ? null : Consciousness.values()[(int) Math.round(acvpu)];
        return News2.score(rr, spo2, spo2Scale, onOxygen, sbp, hr, c, temp);
    }

    /** True when the score event should be emitted: first score, or total, risk or completeness changed. */
    public static boolean news2Changed(News2Score previous, News2Score now) {
        return previous == null || previous.total() != now.total() || previous.risk() != now.risk()
                || previous.partial() != now.partial();
    }

    /**
     * Alert severity of a risk: low-medium (a single red parameter: urgent ward-based response) →
     * medium; medium (urgent response) → high; high (emergency response) → critical; low → null.
     */
    public static String news2Severity(News2Score score) {
        return score == null ? null : switch (score.risk()) {
            case LOW -> null;
            case LOW_MEDIUM -> "medium";
            case MEDIUM -> "high";
            case HIGH -> "critical";
        };
    }

    /** E.g. {@code "NEWS2 7 (high risk): emergency response; respiratory_rate 3, oxygen_saturation 2, heart_rate 2"}. */
    public static String news2Message(News2Score score) {
        StringBuilder sb = new StringBuilder("NEWS2 ").append(score.total()).append(" (").append(score.risk().wireName())
                .append(" risk").append(score.partial() ? ", partial" : "").append("): ").append(response(score.risk()));
        String sep = "; ";
        for (News2Parameter p : News2Parameter.values()) {
            int points = score.points(p);
            if (points > 0) {
                sb.append(sep).append(p.wireName()).append(' ').append(points);
                sep = ", ";
            }
        }
        return sb.toString();
    }

    /** Evidence: total, risk, partial and the sub-scores by wire name. */
    public static Map<String, Object> news2Evidence(News2Score score) {
        Map<String, Object> subscores = new LinkedHashMap<>();
        score.subscores().forEach((p, v) -> subscores.put(p.wireName(), v));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", score.total());
        m.put("risk", score.risk().wireName());
        m.put("partial", score.partial());
        m.put("subscores", subscores);
        return m;
    }

    static String response(News2Risk risk) {
        return switch (Objects.requireNonNull(risk)) {
            case LOW -> "routine monitoring";
            case LOW_MEDIUM -> "urgent ward-based response";
            case MEDIUM -> "urgent response";
            case HIGH -> "emergency response";
        };
    }
}
