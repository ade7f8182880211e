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
