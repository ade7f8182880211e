package com.nexussaude.monitor.score;

import java.time.Duration;

/**
 * RCP minimum frequency of monitoring for a NEWS2 result (Chart 4): 12-hourly for a total of 0,
 * 4–6-hourly for 1–4 (low risk), 1-hourly for low-medium and medium, continuous for high.
 */
public enum News2Monitoring {
    /** Total 0: minimum 12-hourly. */
    TWELVE_HOURLY("12-hourly", "minimum 12-hourly", Duration.ofHours(12), Duration.ofHours(12)),
    /** Total 1–4, low risk: minimum 4–6-hourly. */
    FOUR_TO_SIX_HOURLY("4-6-hourly", "minimum 4–6-hourly", Duration.ofHours(4), Duration.ofHours(6)),
    /** Low-medium or medium risk: minimum 1-hourly. */
    HOURLY("1-hourly", "minimum 1-hourly", Duration.ofHours(1), Duration.ofHours(1)),
    /** High risk: continuous monitoring of vital signs. */
    CONTINUOUS("continuous", "continuous monitoring of vital signs", Duration.ZERO, Duration.ZERO);

    private final String wireName;
    private final String text;
    private final Duration minInterval;
    private final Duration maxInterval;

    News2Monitoring(String wireName, String text, Duration minInterval, Duration maxInterval) {
        this.wireName = wireName;
        this.text = text;
        this.minInterval = minInterval;
        this.maxInterval = maxInterval;
    }

    /**
     * Short wire name: {@code 12-hourly}, {@code 4-6-hourly}, {@code 1-hourly}, {@code continuous}.
     *
     * @return short wire name: {@code 12-hourly}, {@code 4-6-hourly}, {@code 1-hourly}, {@code continuous}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Human-readable text as in the RCP chart.
     *
     * @return human-readable text as in the RCP chart
     */
    public String text() {
        return text;
    }

    /**
     * Shorter end of the RCP interval (4 h for 4–6-hourly; zero for continuous).
     *
     * @return shorter end of the RCP interval (4 h for 4–6-hourly; zero for continuous)
     */
    public Duration minInterval() {
        return minInterval;
    }

    /**
     * Longest permitted interval between observation sets (6 h for 4–6-hourly; zero for continuous).
     *
     * @return longest permitted interval between observation sets (6 h for 4–6-hourly; zero for continuous)
     */
    public Duration maxInterval() {
        return maxInterval;
    }

    /**
     * The minimum monitoring frequency for a total and its risk.
     *
     * @param total the aggregate, 0–20
     * @param risk  the risk derived from it
     * @return the minimum monitoring frequency for a total and its risk
     * @throws IllegalArgumentException if total is outside 0–20 or risk is null
     */
    public static News2Monitoring forScore(int total, News2Risk risk) {
        News2.checkTotal(total);
        Args.notNull("risk", risk);
        return switch (risk) {
            case HIGH -> CONTINUOUS;
            case MEDIUM, LOW_MEDIUM -> HOURLY;
            case LOW -> total == 0 ? TWELVE_HOURLY : FOUR_TO_SIX_HOURLY;
        };
    }
}
