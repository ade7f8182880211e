package com.nexussaude.monitor.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated messages (seeded, so every run is the same) never make the parser or the ACK builder
 * throw: each yields a result whose ACK names the control id it could read.
 */
class OruParserFuzzTest {
    private static final String SEED_MESSAGE = MalformedMessagesTest.MSH + MalformedMessagesTest.PID
            + MalformedMessagesTest.PV1 + MalformedMessagesTest.OBR + MalformedMessagesTest.HR
            + "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|97|262688^MDC_DIM_PERCENT^MDC|||||R|||20260101080001+0000\r"
            + "OBX|3|NM|150364^MDC_TEMP_BODY^MDC|1|98.6|266560^MDC_DIM_FAHR^MDC|||||F\r";
    private static final char[] INTERESTING = {'|', '^', '~', '\\', '&', '\r', '\n', '\u000b', '\u001c', '\u0000', '9', '.', '-', 'M'};

    @Test
    void mutatedMessagesAlwaysYieldAResultAndAnAck() {
        OruParser parser = new OruParser();
        Random random = new Random(20_2026);
        Map<AckCode, Integer> seen = new EnumMap<>(AckCode.class);
        for (int i = 0; i < 3000; i++) {
            String mutated = mutate(SEED_MESSAGE, random);
            OruResult r = parser.parse(mutated);
            String ack = OruParser.ack(mutated, r, Instant.EPOCH);
            assertThat(Acks.parse(ack).code()).isEqualTo(r.ackCode().name());
            assertThat(r.errors().isEmpty()).isEqualTo(r.ackCode() == AckCode.AA);
            seen.merge(r.ackCode(), 1, Integer::sum);
        }
        // The mutations reach all three outcomes, so the loop exercised more than one path.
        assertThat(seen).containsKeys(AckCode.AA, AckCode.AE, AckCode.AR);
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> b.setCharAt(at, (char) random.nextInt(0x100));
                default -> b.setLength(at);
            }
        }
        return b.toString();
    }
}
