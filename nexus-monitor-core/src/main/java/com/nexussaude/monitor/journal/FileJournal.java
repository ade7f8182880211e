package com.nexussaude.monitor.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertJournal} in an append-only file: one record per line, each line the CRC-32C of the
 * record's JSON followed by the JSON itself, for example
 * <pre>{@code
 * 0edb0787 {"seq":7,"at":"2026-11-25T08:00:03Z","type":"alert.acknowledged","patientId":"bed-12","alertId":"a-41","actor":"nurse.ana","reason":"at bedside","data":{"state":"ACKNOWLEDGED"}}
 * }</pre>
 * {@code nexus-monitor-core/JOURNAL.md} documents the format.
 *
 * <pre>{@code
 * try (FileJournal journal = FileJournal.open(Path.of("/var/lib/ward-3/alerts.journal"))) {
 *     Recovery recovery = journal.recover();      // replay recovery.records(); report recovery.problems()
 *     journal.append(new JournalRecord(recovery.lastSeq() + 1, now, "alert.raised", ...));
 * }
 * }</pre>
 *
 * <p><b>Durability.</b> Under the default {@link FsyncPolicy#EVERY_RECORD}, {@code append} returns
 * after the line was written and {@code fsync}ed: a returned append survives a process crash and a
 * power loss. Under {@link FsyncPolicy#OS_BUFFERED} it returns after the {@code write}: it survives a
 * process crash, not a power loss or kernel panic. {@link #close()} {@code fsync}s under both. If a
 * write or {@code fsync} fails, {@code append} throws {@link JournalException}, cuts the file back to
 * the end of the last record whose append returned, and the journal stays usable: a later append
 * (the same record again, to retry it) writes from there. Under {@link FsyncPolicy#EVERY_RECORD} every
 * earlier record was already forced to the device, so only the failed record is in question, and the
 * retry writes it again.
 *
 * <p><b>Recovery.</b> {@link #recover()} reads the file from the start and stops at the first bad
 * line. A last line without a line feed (a crash in the middle of an append) is reported and cut off.
 * Any other bad line — checksum mismatch, invalid JSON, a missing or ill-typed field, a seq not
 * greater than the previous one, a line over {@link #MAX_LINE_BYTES} — is reported with its line
 * number and byte offset; it and everything after it are copied byte for byte to the side file
 * {@code <name>.corrupt-<offset>} (flushed to disk before anything is removed), and the journal is
 * truncated at that offset. The records before it are recovered, later appends continue the clean
 * prefix, the next recovery is clean, and nothing is silently dropped. Recovery stops rather than
 * skipping the bad line because replaying the records after a lost transition could rebuild a wrong
 * state (an alert acknowledged twice, a silence that never ends).
 *
 * <p><b>Chain and head (format 3, since 0.4).</b> Each line names the checksum of the line before it
 * ({@code "prev"}), and {@code <name>.head} holds the seq and checksum of the last append. So a deleted or
 * moved line, a cut at a line boundary and a replaced file are reported; a single damaged line whose
 * successor names it is left out alone (reported, left in the file) instead of moving the rest aside; and
 * seqs named by the head file are never given again. JOURNAL.md, "Integrity", has the details.
 *
 * <p><b>Queries</b> are answered from an in-memory index (byte offset, time, type and ids of every
 * record: about 100 bytes a record, see JOURNAL.md), and only the
 * matching lines are read back from the file. Records are not kept in memory.
 *
 * <p><b>Thread safety.</b> Every method may be called from any thread. Appends are serialised by
 * one lock, which they hold during their write and {@code fsync}; {@code query} does not take that
 * lock — it copies the positions of its matches from the index and reads them through its own file
 * handle — so it runs concurrently with appends and never waits for an {@code fsync}. A query sees a
 * record only once its append has written it completely. Threads may be interrupted freely:
 * the file is accessed through {@link RandomAccessFile}, not an interruptible {@code FileChannel},
 * so an interrupt cannot close the journal under the other threads.
 *
 * <p>The file is locked ({@link FileChannel#tryLock()}) while open, so a second {@code FileJournal}
 * on it, in this or another process, fails to open instead of interleaving lines. The journal must
 * be on the default file system ({@link Path#toFile()}).
 *
 * @since 0.1
 */
public final class FileJournal implements AlertJournal {
    /** The policy when the builder sets none. */
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.EVERY_RECORD;
    /**
     * The longest line, in bytes with its line feed (1 MiB): {@code append} rejects a record that would
     * need more, and recovery treats a longer line as corruption.
     */
    public static final int MAX_LINE_BYTES = LineCodec.MAX_LINE_BYTES;

    private static final Logger log = LoggerFactory.getLogger(FileJournal.class);

    private enum State { OPENED, RECOVERED, FAILED, CLOSED }

    private final Path file;
    private final FsyncPolicy fsync;
    /** Told each append's fsync time in nanoseconds (for metrics); null for none. */
    private final java.util.function.LongConsumer fsyncTimes;
    private final OffsetIndex index = new OffsetIndex();
    private final Object writeLock = new Object();
    // guarded by writeLock: the writer handle (its file lock is released when it closes), and where
    // the next line goes
    private final RandomAccessFile out;
    private long end;
    private long lastSeq;
    /** The highest seq found in lines recovery moved to a side file: never given again. */
    private long setAsideSeq;
    /** The checksum of the last line in the file, which the next line names as its {@code prev}; -1: none. */
    private long lastCrc = -1;
    /** {@code <name>.head}: the seq and checksum of the last line appended, to tell a cut from a journal that ended. */
    private final Path headFile;
    private RandomAccessFile head;
    private boolean headFailed;
    /** The seq the head file says was appended last: appends continue above it even if the file was cut. */
    private long headSeqFloor;
    /** Tests only: the next write fails with this (a full disk, an I/O error), as the device would make it. */
    private IOException writeFault;
    // written under writeLock; volatile so that query() can check it without the lock
    private volatile State state = State.OPENED;

    private FileJournal(Path file, FsyncPolicy fsync, java.util.function.LongConsumer fsyncTimes) {
        this.file = file;
        this.headFile = file.resolveSibling(file.getFileName() + ".head");
        this.fsync = fsync;
        this.fsyncTimes = fsyncTimes;
        Path dir = file.toAbsolutePath().getParent();
        boolean existed = Files.exists(file);
        RandomAccessFile raf = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            raf = new RandomAccessFile(file.toFile(), "rw");
            FileLock lock;
            try {
                lock = raf.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another FileJournal in this JVM
            }
            if (lock == null) {
                throw new JournalException("journal is already open: its file is locked by another FileJournal, "
                        + "in this or another process", file, null);
            }
            this.out = raf;
        } catch (IOException | RuntimeException e) {
            closeQuietly(raf, e);
            throw e instanceof JournalException je ? je : new JournalException("cannot open journal", file, e);
        }
        if (!existed) {
            syncDirectory(dir); // so that the new file's name, not only its content, survives a power loss
        }
    }

    /**
     * Opens (creating it and its parent directories if needed) the journal at {@code file} with
     * {@link #DEFAULT_FSYNC}. Call {@link #recover()} next.
     *
     * @param file the journal file; created with its parent directories if absent
     * @return the open journal, holding the file's lock until {@link #close()}
     * @throws JournalException if the file cannot be created, opened for writing or locked
     */
    public static FileJournal open(Path file) {
        return builder(file).build();
    }

    /**
     * A builder for a journal at {@code file}, to choose the {@link FsyncPolicy}.
     *
     * @param file the journal file; created with its parent directories if absent
     * @return a builder for a journal at {@code file}, to choose the {@link FsyncPolicy}
     */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /**
     * The journal file.
     *
     * @return the journal file
     */
    public Path file() {
        return file;
    }

    /**
     * The fsync policy.
     *
     * @return the fsync policy
     */
    public FsyncPolicy fsyncPolicy() {
        return fsync;
    }

    /**
     * Reads the whole file, repairs it as the class documentation describes, builds the query index,
     * and returns the valid records and the problems found (each also logged at WARN).
     *
     * @throws IllegalStateException if called twice or after {@link #close()}
     * @throws JournalException      if the file or a side file cannot be read, written or truncated;
     *                               the journal is then closed
     */
    @Override
    public Recovery recover() {
        synchronized (writeLock) {
            if (state != State.OPENED) {
                throw new IllegalStateException(state == State.CLOSED ? "journal is closed: " + file
                        : "recover() was already called on journal " + file);
            }
            List<JournalRecord> records = new ArrayList<>();
            List<JournalProblem> problems = new ArrayList<>();
            try {
                Head appended = readHead(problems);
                int problemsBefore = problems.size();
                out.seek(0);
                LineReader lines = new LineReader(out, MAX_LINE_BYTES);
                boolean chained = false;
                Damaged damaged = null; // a bad line whose fate the next line decides (format 3)
                long crcAtHeadSeq = -1;
                while (lines.next()) {
                    String bad = null;
                    LineCodec.Decoded decoded = null;
                    if (lines.tooLong) {
                        bad = "line longer than the maximum of " + MAX_LINE_BYTES + " bytes";
                    } else if (!lines.terminated) {
                        if (damaged != null) {
                            moveToSideFile(damaged.offset, damaged.number, damaged.why, problems);
                            damaged = null;
                        } else {
                            cutTail(lines, problems);
                        }
                        break;
                    } else {
                        try {
                            decoded = LineCodec.decodeChained(lines.line, lines.length);
                            if (decoded.record().seq() <= lastSeq) {
                                bad = "seq " + decoded.record().seq() + " is not greater than the previous record's seq "
                                        + lastSeq;
                            }
                        } catch (LineCodec.BadLine e) {
                            bad = e.getMessage();
                        }
                    }
                    if (damaged != null) {
                        // The line after a damaged one names the damaged line's checksum: only that line was hit.
                        if (bad == null && decoded.prev() != null && damaged.storedCrc >= 0
                                && decoded.prev().equals(String.format("%08x", damaged.storedCrc))) {
                            problems.add(new JournalProblem(file.toString(), damaged.number, damaged.offset, damaged.why
                                    + "; only this line" + (damaged.seq > 0 ? " (seq " + damaged.seq + ")" : "")
                                    + " is left out: the next line's chain names it, so nothing else is missing."
                                    + " The line stays in the file for inspection"));
                            lastCrc = damaged.storedCrc;
                            damaged = null;
                        } else {
                            moveToSideFile(damaged.offset, damaged.number, damaged.why, problems);
                            damaged = null;
                            break;
                        }
                    }
                    if (bad != null) {
                        boolean mayBeAlone = decoded == null && !lines.tooLong && (chained || records.isEmpty());
                        if (mayBeAlone) {
                            damaged = new Damaged(lines.offset, lines.number, bad,
                                    LineCodec.storedCrc(lines.line, lines.length), seqIn(lines.line, lines.length));
                            continue;
                        }
                        moveToSideFile(lines.offset, lines.number, bad, problems);
                        break;
                    }
                    JournalRecord record = decoded.record();
                    if (decoded.prev() != null) {
                        String expected = lastCrc < 0 ? LineCodec.FIRST : String.format("%08x", lastCrc);
                        if (chained && !decoded.prev().equals(expected) || !chained && records.isEmpty()
                                && !decoded.prev().equals(LineCodec.FIRST)) {
                            problems.add(new JournalProblem(file.toString(), lines.number, lines.offset,
                                    "chain broken: this line (seq " + record.seq() + ") follows the line with checksum "
                                            + decoded.prev() + ", but the line before it in the file has " + expected
                                            + (records.isEmpty() ? "" : " (seq " + lastSeq + ")")
                                            + ": lines were deleted or moved here; the records around the break are kept"));
                        }
                        chained = true;
                    }
                    long lineEnd = lines.offset + lines.length + 1;
                    index.add(record, lines.offset, lineEnd);
                    records.add(record);
                    lastSeq = record.seq();
                    lastCrc = decoded.crc();
                    if (appended != null && record.seq() == appended.seq) {
                        crcAtHeadSeq = decoded.crc();
                    }
                    end = lineEnd;
                }
                if (damaged != null) { // the damaged line was the last: nothing vouches for what followed it
                    moveToSideFile(damaged.offset, damaged.number, damaged.why, problems);
                }
                checkHead(appended, crcAtHeadSeq, lines.number, problems.size() > problemsBefore, problems);
                out.seek(end);
                setAsideSeq = Math.max(setAsideSeq, highestSeqInSideFiles());
            } catch (IOException e) {
                // Half-built index, maybe a side file written but the journal not yet truncated: close,
                // and let the host open it again once the cause (disk full, permissions) is fixed.
                state = State.CLOSED;
                closeQuietly(out, e);
                throw new JournalException("cannot recover journal; it is closed, open it again", file, e);
            }
            problems.forEach(p -> log.warn("journal recovery: {}", p));
            state = State.RECOVERED;
            long floor = Math.max(setAsideSeq, headSeqFloor);
            lastSeq = Math.max(lastSeq, floor);
            return new Recovery(records, problems, floor);
        }
    }

    /**
     * Writes {@code record} as one line at the end of the file and, under
     * {@link FsyncPolicy#EVERY_RECORD}, forces it to the device before returning.
     *
     * @throws IllegalArgumentException if the seq is not greater than the last one, or the record
     *                                  needs more than {@link #MAX_LINE_BYTES}
     * @throws IllegalStateException    before {@link #recover()} or after {@link #close()}
     * @throws JournalException         if the write or fsync fails, or an earlier one did
     */
    @Override
    public void append(JournalRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] unchained = LineCodec.encode(record); // outside the lock: serialising needs no ordering
        synchronized (writeLock) {
            switch (state) {
                case OPENED -> throw new IllegalStateException("call recover() before append() on journal " + file);
                case CLOSED -> throw new IllegalStateException("journal is closed: " + file);
                case FAILED, RECOVERED -> { }
            }
            InMemoryJournal.checkSeq(record, lastSeq);
            byte[] line = LineCodec.chain(unchained, lastCrc, record.seq(), record.type());
            try {
                if (state == State.FAILED) {
                    // Cut whatever the failed append left behind: the file ends after the last good record.
                    out.setLength(end);
                }
                out.seek(end);
                if (writeFault != null) {
                    IOException fault = writeFault;
                    writeFault = null;
                    throw fault;
                }
                out.write(line);
                if (fsync == FsyncPolicy.EVERY_RECORD) {
                    long syncStart = fsyncTimes == null ? 0L : System.nanoTime();
                    out.getFD().sync();
                    if (fsyncTimes != null) {
                        reportFsync(System.nanoTime() - syncStart);
                    }
                }
            } catch (IOException e) {
                state = State.FAILED;
                try {
                    out.setLength(end); // best effort: do not leave a partial line behind
                } catch (IOException e2) {
                    e.addSuppressed(e2);
                }
                throw new JournalException("cannot append record seq " + record.seq() + " (" + record.type()
                        + "); nothing after seq " + lastSeq + " is in the file; retry the append", file, e);
            }
            state = State.RECOVERED;
            // Indexed only now, so a query never finds a record that is not completely written.
            index.add(record, end, end + line.length);
            end += line.length;
            lastSeq = record.seq();
            lastCrc = LineCodec.storedCrc(line, line.length);
            writeHead(lastSeq, lastCrc);
        }
    }

    /** A metrics bug must not fail an append whose record is on the device. */
    private void reportFsync(long nanos) {
        try {
            fsyncTimes.accept(nanos);
        } catch (RuntimeException e) {
            log.warn("fsync listener {} failed; the record was written", fsyncTimes, e);
        }
    }

    /**
     * The matching records: positions from the in-memory index, lines read back from the file
     * through a file handle of this query's own. Does not wait for appends in progress.
     *
     * @throws IllegalStateException before {@link #recover()} or after {@link #close()}
     * @throws JournalException      if the file cannot be read, or a line no longer reads back as the
     *                               record that was indexed (the file was changed by someone else)
     */
    @Override
    public List<JournalRecord> query(JournalQuery query) {
        Objects.requireNonNull(query, "query");
        State s = state;
        if (s == State.OPENED) {
            throw new IllegalStateException("call recover() before query() on journal " + file);
        }
        if (s == State.CLOSED) {
            throw new IllegalStateException("journal is closed: " + file);
        }
        List<OffsetIndex.Hit> hits = index.select(query);
        if (hits.isEmpty()) {
            return List.of();
        }
        List<JournalRecord> records = new ArrayList<>(hits.size());
        byte[] buf = new byte[1024];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (OffsetIndex.Hit hit : hits) {
                if (hit.length() > buf.length) {
                    buf = new byte[hit.length()];
                }
                in.seek(hit.offset());
                in.readFully(buf, 0, hit.length());
                try {
                    records.add(LineCodec.decode(buf, hit.length() - 1));
                } catch (LineCodec.BadLine e) {
                    throw new JournalException("the record at byte offset " + hit.offset()
                            + " no longer reads back (" + e.getMessage() + "); was the file changed by another program?",
                            file, null);
                }
            }
        } catch (IOException e) {
            throw new JournalException("cannot read journal", file, e);
        }
        return List.copyOf(records);
    }

    /**
     * Forces the file to the device (under {@link FsyncPolicy#OS_BUFFERED}; every record already is
     * under {@link FsyncPolicy#EVERY_RECORD}), releases the file lock and closes the file. Waits for
     * an append in progress. Idempotent.
     *
     * @throws JournalException if the final fsync or the close fails; the file is released anyway
     */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (state == State.CLOSED) {
                return;
            }
            boolean flush = state == State.RECOVERED && fsync != FsyncPolicy.EVERY_RECORD;
            state = State.CLOSED;
            IOException failure = null;
            try {
                if (flush) {
                    out.getFD().sync();
                }
            } catch (IOException e) {
                failure = e;
            }
            try {
                if (head != null) {
                    head.close();
                }
            } catch (IOException e) {
                log.warn("cannot close {}: {}", headFile, e.toString());
            }
            try {
                out.close(); // also releases the file lock
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw new JournalException("cannot flush and close journal", file, failure);
            }
        }
    }

    /** Tests only: makes the next append's write fail with {@code fault}, as a full disk or an I/O error would. */
    void failNextWrite(IOException fault) {
        synchronized (writeLock) {
            this.writeFault = fault;
        }
    }

    @Override
    public String toString() {
        return "FileJournal[" + file + ", " + fsync + ", " + state + "]";
    }

    // A crash in the middle of an append leaves a last line without a line feed. Its append never
    // returned, so cutting it off loses nothing that was promised durable.
    private void cutTail(LineReader lines, List<JournalProblem> problems) throws IOException {
        out.setLength(lines.offset);
        out.getFD().sync();
        problems.add(new JournalProblem(file.toString(), lines.number, lines.offset, "truncated last line ("
                + lines.length + " bytes without a line feed: a crash during an append?); cut off so that later "
                + "appends start on a clean line"));
    }

    // A bad line elsewhere is damage, not an unfinished append: keep it and everything after it, byte
    // for byte, in a side file for a person to look at, and continue the journal from the good prefix.
    private void moveToSideFile(long from, long lineNumber, String why, List<JournalProblem> problems) throws IOException {
        long length = out.length();
        Path side = sideFile(from);
        long movedLines = 0;
        int lastByte = '\n';
        try (FileChannel ch = FileChannel.open(side, StandardOpenOption.WRITE)) {
            out.seek(from);
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = out.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        movedLines++;
                    }
                }
                setAsideSeq = Math.max(setAsideSeq, highestSeqIn(buf, n));
                lastByte = buf[n - 1];
                ByteBuffer bytes = ByteBuffer.wrap(buf, 0, n);
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            }
            // The copy must be on disk before the journal is truncated, or a power loss in between
            // would lose both.
            ch.force(true);
        }
        syncDirectory(side.getParent());
        out.setLength(from);
        end = Math.min(end, from);
        out.getFD().sync();
        if (lastByte != '\n') {
            movedLines++;
        }
        problems.add(new JournalProblem(file.toString(), lineNumber, from, why + "; moved this line"
                + (movedLines > 1 ? " and the " + (movedLines - 1) + " after it" : "") + " (" + (length - from)
                + " bytes) to " + side.getFileName() + " and truncated the journal there"));
    }


    private void closeHeadQuietly() {
        try {
            if (head != null) {
                head.close();
            }
        } catch (IOException e) {
            // already failing; reported by the caller
        }
        head = null;
    }

    /** A bad line that may be the only one damaged: kept pending until the next line's chain says so. */
    private record Damaged(long offset, long number, String why, long storedCrc, long seq) {
    }

    /** The {@code "seq":N} a damaged line still shows, or 0. For the report only: the line's checksum failed. */
    private static long seqIn(byte[] line, int length) {
        java.util.regex.Matcher m = SEQ.matcher(new String(line, 0, Math.min(length, 64),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** What the head file says: the seq and line checksum of the last record appended. */
    private record Head(long seq, long crc) {
    }

    private static final int HEAD_BYTES = 19 + 1 + 8 + 1 + 8 + 1;

    /**
     * Reads {@code <name>.head}. Absent (a new journal, or one written before format 3): null, nothing to
     * check. Damaged (its own checksum fails): reported, null.
     */
    private Head readHead(List<JournalProblem> problems) {
        if (!Files.exists(headFile)) {
            return null;
        }
        try {
            byte[] b = Files.readAllBytes(headFile);
            String text = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            java.util.zip.CRC32C check = new java.util.zip.CRC32C();
            check.update(b, 0, Math.min(b.length, 28));
            if (b.length != HEAD_BYTES || !text.matches("\\d{19} [0-9a-f]{8} [0-9a-f]{8}\n")
                    || Long.parseLong(text.substring(29, 37), 16) != check.getValue()) {
                problems.add(new JournalProblem(headFile.toString(), 1, 0, "head file damaged (" + b.length
                        + " bytes); whether records were cut off the journal's end cannot be checked this time"));
                return null;
            }
            return new Head(Long.parseLong(text.substring(0, 19)), Long.parseLong(text.substring(20, 28), 16));
        } catch (IOException | RuntimeException e) {
            problems.add(new JournalProblem(headFile.toString(), 1, 0, "cannot read the head file (" + e
                    + "); whether records were cut off the journal's end cannot be checked this time"));
            return null;
        }
    }

    /**
     * Compares the file with what was appended last: a journal that ends before the head's seq was cut
     * (lines deleted from the end, the file truncated or replaced by an older copy); a record at the head's
     * seq with another checksum was rewritten. Records that recovery itself moved aside are reported already.
     */
    private void checkHead(Head appended, long crcAtHeadSeq, long lineCount, boolean repaired,
                           List<JournalProblem> problems) {
        if (appended == null) {
            return;
        }
        headSeqFloor = appended.seq;
        long fileEnd = end;
        if (appended.seq > lastSeq && appended.seq > setAsideSeq && !repaired) {
            // (after a repair, the lines it cut off or moved aside are the missing ones, and already reported)
            problems.add(new JournalProblem(file.toString(), Math.max(1, lineCount), fileEnd, "the journal ends at seq " + lastSeq
                    + ", but seq " + appended.seq + " was appended (" + headFile.getFileName() + "): the records after seq "
                    + lastSeq + " were cut off its end. New records continue after seq " + appended.seq));
        } else if (appended.seq <= lastSeq && crcAtHeadSeq >= 0 && crcAtHeadSeq != appended.crc) {
            problems.add(new JournalProblem(file.toString(), Math.max(1, lineCount), fileEnd, String.format("the record seq %d in the"
                    + " file has checksum %08x, but the one appended had %08x (%s): the journal was rewritten or replaced",
                    appended.seq, crcAtHeadSeq, appended.crc, headFile.getFileName())));
        }
    }

    /**
     * Records the last append in the head file: overwritten in place, fixed length, with its own checksum,
     * not fsynced (it is written after the journal line, so it is never ahead of what the journal made
     * durable under {@link FsyncPolicy#EVERY_RECORD}). A failure is logged once and costs only the cut check.
     */
    private void writeHead(long seq, long crc) {
        try {
            if (head == null) {
                head = new RandomAccessFile(headFile.toFile(), "rw");
            }
            byte[] b = String.format("%019d %08x ", seq, crc).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.util.zip.CRC32C check = new java.util.zip.CRC32C();
            check.update(b, 0, 28);
            byte[] line = (new String(b, java.nio.charset.StandardCharsets.US_ASCII)
                    + String.format("%08x", check.getValue()) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            head.seek(0);
            head.write(line);
            headFailed = false;
        } catch (IOException e) {
            closeHeadQuietly();
            if (headFailed) {
                return;
            }
            headFailed = true;
            log.warn("cannot write the journal's head file {} ({}); a cut at the journal's end will not be detected"
                    + " until it can be written again (tried at every append)", headFile, e.toString());
        }
    }

    private static final java.util.regex.Pattern SEQ = java.util.regex.Pattern.compile("\\{\"seq\":(\\d{1,18})[,}]");

    /**
     * The highest {@code "seq":N} opening a record in the bytes moved aside (damaged lines, whose
     * checksum may not hold): appends continue above it, so no seq names two different records. A line
     * cut by the buffer's edge may be missed; its neighbours' seqs bound it closely.
     */
    private static long highestSeqIn(byte[] buf, int n) {
        java.util.regex.Matcher m = SEQ.matcher(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(1)));
        }
        return max;
    }

    /**
     * The highest seq in this journal's side files, from this and every earlier recovery: the journal was
     * truncated where they start, so they alone remember which seqs were used. Unreadable ones are skipped.
     */
    private long highestSeqInSideFiles() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = file.getFileName() + ".corrupt-";
        long max = 0;
        try (java.util.stream.Stream<Path> siblings = Files.list(dir)) {
            for (Path side : (Iterable<Path>) siblings::iterator) {
                if (!side.getFileName().toString().startsWith(prefix)) {
                    continue;
                }
                try (java.io.InputStream in = Files.newInputStream(side)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = in.readNBytes(buf, 0, buf.length)) > 0; ) {
                        max = Math.max(max, highestSeqIn(buf, n));
                    }
                } catch (IOException e) {
                    log.warn("cannot read side file {} for the seqs it holds: {}", side, e.toString());
                }
            }
        }
        return max;
    }

    /** {@code <name>.corrupt-<offset>}, or with {@code .1}, {@code .2}... if that exists (a second corruption at the same offset). */
    private Path sideFile(long offset) throws IOException {
        String base = file.getFileName() + ".corrupt-" + offset;
        for (int n = 0; ; n++) {
            Path candidate = file.resolveSibling(n == 0 ? base : base + "." + n);
            try {
                return Files.createFile(candidate);
            } catch (FileAlreadyExistsException e) {
                // try the next name
            }
        }
    }

    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the file data itself is synced.
            log.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    private static void closeQuietly(RandomAccessFile raf, Exception primary) {
        if (raf != null) {
            try {
                raf.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }
    }

    /**
     * Builds a {@link FileJournal}. Each setting may be set once. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Path file;
        private FsyncPolicy fsync;
        private java.util.function.LongConsumer fsyncTimes;

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /**
         * When appends are forced to the device; default {@link FileJournal#DEFAULT_FSYNC}.
         *
         * @param policy when appends are forced to the device; not {@code null}
         * @return this builder
         */
        public Builder fsync(FsyncPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            if (fsync != null) {
                throw new IllegalStateException("fsync was already set to " + fsync);
            }
            this.fsync = policy;
            return this;
        }

        /**
         * Told how long each append's {@code fsync} took, in nanoseconds of {@link System#nanoTime()} (for
         * metrics: {@code VitalMonitorMetrics#fsyncListener()}); only under {@link FsyncPolicy#EVERY_RECORD},
         * and only for an fsync that succeeded. Called on the appending thread while it holds the journal's
         * write lock, so it must return quickly; an exception it throws is logged and does not fail the
         * append. Default none.
         *
         * @param nanos told each fsync's duration in nanoseconds; must return quickly
         * @return this builder
         * @since 0.3
         */
        public Builder fsyncListener(java.util.function.LongConsumer nanos) {
            Objects.requireNonNull(nanos, "nanos");
            if (fsyncTimes != null) {
                throw new IllegalStateException("fsyncListener was already set to " + fsyncTimes);
            }
            this.fsyncTimes = nanos;
            return this;
        }

        /**
         * Opens the journal, creating the file and its parent directories if needed. Call
         * {@link FileJournal#recover()} next.
         *
         * @return the open journal, holding the file's lock until {@link FileJournal#close()}
         * @throws JournalException if the file cannot be created, opened for writing or locked
         */
        public FileJournal build() {
            return new FileJournal(file, fsync == null ? DEFAULT_FSYNC : fsync, fsyncTimes);
        }
    }
}
