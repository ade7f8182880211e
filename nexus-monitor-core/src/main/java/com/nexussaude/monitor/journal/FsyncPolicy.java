package com.nexussaude.monitor.journal;

/**
 * When a {@link FileJournal} forces appended records from the operating system's page cache to the
 * storage device, and so what a crash can lose. {@link FileJournal#close()} forces under every
 * policy, so an orderly shutdown loses nothing.
 *
 * @since 0.1
 */
public enum FsyncPolicy {
    /**
     * The default. Each {@code append} writes its line and then calls {@code fsync} on the file
     * (through {@link java.io.FileDescriptor#sync()}, the same system call as
     * {@link java.nio.channels.FileChannel#force(boolean) FileChannel.force(true)}) before it returns.
     * A record whose {@code append} returned survives a process crash, a kernel panic and a power
     * loss (given a device that honours flushes). A crash can lose only the record being appended —
     * its {@code append} had not returned — and may leave part of its line, which recovery cuts off.
     * Costs one device flush per record: a few milliseconds on an SSD, well within the lifecycle's
     * rate of a few thousand records a day per ward.
     */
    EVERY_RECORD,

    /**
     * Each {@code append} writes its line to the operating system and returns without
     * {@code fsync}. A record whose {@code append} returned survives a crash of the process (the JVM
     * is killed, runs out of memory, the host calls {@code System.exit}), because the kernel holds
     * the data. A power loss or kernel panic loses the records the kernel had not yet written back —
     * on Linux typically the last 5 to 30 seconds — and can leave a partial or zero-filled last line,
     * which recovery reports.
     */
    OS_BUFFERED
}
