/**
 * The alert journal: the durable, queryable history of the alert lifecycle. Every alert
 * transition, incident change, suppression, silence and notification delivery attempt is appended
 * as a {@link com.nexussaude.monitor.journal.JournalRecord} with its time, actor and reason; the
 * history can be queried by patient, alert, incident, type and time range
 * ({@link com.nexussaude.monitor.journal.JournalQuery}); and a monitor restarted on the same journal
 * rebuilds its state from {@link com.nexussaude.monitor.journal.AlertJournal#recover()}.
 *
 * <p>Two stores ship: {@link com.nexussaude.monitor.journal.FileJournal} (an append-only file of
 * checksummed JSON lines) and {@link com.nexussaude.monitor.journal.InMemoryJournal}. A host that
 * wants the history in its own database implements
 * {@link com.nexussaude.monitor.journal.AlertJournal}. {@code nexus-monitor-core/JOURNAL.md}
 * describes the file format, the fsync policies, what a crash can lose, and recovery.
 *
 * @since 0.1
 */
package com.nexussaude.monitor.journal;
