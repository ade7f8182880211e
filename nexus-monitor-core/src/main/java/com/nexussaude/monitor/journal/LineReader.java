package com.nexussaude.monitor.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/**
 * Reads a journal file line by line for recovery, keeping each line's number and byte offset for
 * problem reports. Reads in 64 KB chunks; holds at most one line, and stops a line at
 * {@code maxLine} bytes so that a damaged file with no line feeds cannot exhaust memory.
 */
final class LineReader {
    private final RandomAccessFile in;
    private final int maxLine;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkLimit;
    private long consumed; // bytes of the file taken out of chunk so far

    byte[] line = new byte[1024];
    /** Bytes of the current line, line feed excluded. */
    int length;
    /** 1-based number of the current line. */
    long number;
    /** Byte offset of the current line's first byte. */
    long offset;
    /** Whether the current line ended with a line feed (if not, it is the end of the file). */
    boolean terminated;
    /** Whether the current line is longer than {@code maxLine}; then only its start was read. */
    boolean tooLong;

    /** Reads {@code in} from its current position, which must be 0. */
    LineReader(RandomAccessFile in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        offset = consumed;
        length = 0;
        terminated = false;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLimit) {
                int n = in.read(chunk);
                if (n <= 0) {
                    if (any) {
                        number++;
                    }
                    return any;
                }
                chunkPos = 0;
                chunkLimit = n;
            }
            any = true;
            int lf = chunkPos;
            while (lf < chunkLimit && chunk[lf] != '\n') {
                lf++;
            }
            int take = lf - chunkPos;
            if (length + take >= maxLine) { // a line of maxLine bytes would exceed it with its line feed
                tooLong = true;
                number++;
                return true;
            }
            if (length + take > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + take));
            }
            System.arraycopy(chunk, chunkPos, line, length, take);
            length += take;
            consumed += take;
            chunkPos = lf;
            if (lf < chunkLimit) { // found the line feed
                chunkPos++;
                consumed++;
                terminated = true;
                number++;
                return true;
            }
        }
    }
}
