package com.nexussaude.monitor.jdbc;

import com.nexussaude.monitor.Vital;
import java.time.Instant;

/**
 * One point of a vital's history: a raw reading ({@code count == 1}, every value the reading), or a
 * minute's aggregate of its readings.
 *
 * @param vital  which vital
 * @param at     the reading's time, or the start of the minute
 * @param median the reading, or the median of the minute's readings
 * @param min    the smallest reading of the minute (the reading itself when raw)
 * @param max    the largest reading of the minute
 * @param count  how many readings it stands for
 * @since 0.1
 */
public record VitalPoint(Vital vital, Instant at, double median, double min, double max, int count) {
}
