package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Half-up rounding: the fast path for values already at the scale agrees with BigDecimal everywhere. */
class ArgsTest {
    static double reference(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    @Test
    void agreesWithBigDecimalOnEveryHundredthFromZeroTo400AndOnRandomValues() {
        for (int i = 0; i <= 40_000; i++) {
            double v = i / 100.0;
            assertThat(Args.halfUp(v, 0)).as("%s to 0 places", v).isEqualTo(reference(v, 0));
            assertThat(Args.halfUp(v, 1)).as("%s to 1 place", v).isEqualTo(reference(v, 1));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            double v = random.nextDouble(0, 400);
            assertThat(Args.halfUp(v, 0)).as("%s", v).isEqualTo(reference(v, 0));
            assertThat(Args.halfUp(v, 1)).as("%s", v).isEqualTo(reference(v, 1));
        }
    }

    @Test
    void halvesRoundUpAsWritten() {
        assertThat(Args.halfUp(20.5, 0)).isEqualTo(21.0);
        assertThat(Args.halfUp(38.05, 1)).isEqualTo(38.1); // 38.05 is 38.04999... in binary, 38.05 as written
        assertThat(Args.halfUp(91.0, 0)).isEqualTo(91.0);
        assertThat(Args.halfUp(36.1, 1)).isEqualTo(36.1);
    }
}
