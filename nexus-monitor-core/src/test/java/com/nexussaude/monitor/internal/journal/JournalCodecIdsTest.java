package com.nexussaude.monitor.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Alert, incident and silence ids: six or more ASCII digits whatever the host's locale, and read back. */
class JournalCodecIdsTest {
    @Test
    void idsArePaddedToSixDigitsAndReadBack() {
        assertThat(JournalCodec.idOf("alert", 1)).isEqualTo("alert-000001");
        assertThat(JournalCodec.idOf("incident", 42)).isEqualTo("incident-000042");
        assertThat(JournalCodec.idOf("silence", 999_999)).isEqualTo("silence-999999");
        assertThat(JournalCodec.idOf("alert", 1_234_567)).isEqualTo("alert-1234567");
        for (long n : new long[] {1, 9, 10, 99_999, 100_000, 1_000_000, 123_456_789}) {
            assertThat(JournalCodec.seqOf(JournalCodec.idOf("alert", n))).isEqualTo(n);
        }
    }

    @Test
    void idsAreWhatTheConcatenationOfThePaddedDigitsGives() {
        java.util.Random random = new java.util.Random(21);
        java.util.List<Long> seqs = new java.util.ArrayList<>(java.util.List.of(0L, 1L, 9L, 10L, 99_999L, 100_000L,
                999_999L, 1_000_000L, Long.MAX_VALUE, -1L, -99_999L, -100_000L, Long.MIN_VALUE));
        for (int i = 0; i < 10_000; i++) {
            seqs.add(i % 2 == 0 ? random.nextInt(2_000_000) : random.nextLong());
        }
        for (String prefix : new String[] {"alert", "incident", "silence", ""}) {
            for (long seq : seqs) {
                assertThat(JournalCodec.idOf(prefix, seq)).as("%s %d", prefix, seq).isEqualTo(plainIdOf(prefix, seq));
            }
        }
    }

    /** The id as it was written before the builder: the digits, padded by a substring of zeros, concatenated. */
    private static String plainIdOf(String prefix, long seq) {
        String digits = Long.toString(seq);
        return digits.length() >= 6 ? prefix + "-" + digits : prefix + "-" + "000000".substring(digits.length()) + digits;
    }

    @Test
    void anArabicDefaultLocaleStillGivesAsciiDigits() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("ar-EG-u-nu-arab"));
            assertThat(String.format("%06d", 7)).as("what String.format would have written").isNotEqualTo("000007");
            assertThat(JournalCodec.idOf("alert", 7)).isEqualTo("alert-000007");
        } finally {
            Locale.setDefault(before);
        }
    }
}
