package com.nexussaude.monitor.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal contract on {@link InMemoryJournal}, plus its own constructor and {@code records()}. */
class InMemoryJournalTest extends AlertJournalContractTest {

    @Override
    protected AlertJournal newJournal() {
        return new InMemoryJournal();
    }

    @Override
    protected AlertJournal reopen(AlertJournal journal) {
        journal.close();
        return new InMemoryJournal(((InMemoryJournal) journal).records());
    }

    @Test
    void initialRecordsMustHaveIncreasingSeqs() {
        JournalRecord one = rec(1, T0, "x", null, null, null);
        assertThatThrownBy(() -> new InMemoryJournal(List.of(one, one))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last seq 1, but was 1");
    }

    @Test
    void recordsStayReadableAfterClose() {
        journal.recover();
        journal.append(rec(1, T0, "x", null, null, null));
        journal.close();
        assertThat(((InMemoryJournal) journal).records()).hasSize(1);
        assertThat(journal).hasToString("InMemoryJournal[1 records, closed]");
    }
}
