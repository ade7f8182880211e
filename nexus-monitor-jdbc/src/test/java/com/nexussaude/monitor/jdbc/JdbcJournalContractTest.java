package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.journal.AlertJournal;
import com.nexussaude.monitor.journal.AlertJournalContractTest;

/** The journal contract (core's test-jar), run on a real PostgreSQL: a fresh database per test. */
class JdbcJournalContractTest extends AlertJournalContractTest {

    @Override
    protected AlertJournal newJournal() {
        return JdbcJournal.open(TestPostgres.freshDatabase());
    }

    @Override
    protected AlertJournal reopen(AlertJournal journal) {
        journal.close();
        return JdbcJournal.open(((JdbcJournal) journal).config());
    }
}
