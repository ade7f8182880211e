package com.nexussaude.monitor.score;

/**
 * NEWS2 clinical risk (RCP 2017, Chart 2): the aggregate is applied first (≥7 high, 5–6 medium),
 * otherwise a score of 3 in any single parameter is low-medium, otherwise low.
 */
public enum News2Risk {
    /** Aggregate 0–4 with no single parameter scoring 3. */
    LOW("low"),
    /** Aggregate 0–4 with a 3 in a single parameter. */
    LOW_MEDIUM("low-medium"),
    /** Aggregate 5–6. */
    MEDIUM("medium"),
    /** Aggregate 7 or more. */
    HIGH("high");

    private final String wireName;

    News2Risk(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The lower-case wire name: {@code low}, {@code low-medium}, {@code medium}, {@code high}.
     *
     * @return the lower-case wire name: {@code low}, {@code low-medium}, {@code medium}, {@code high}
     */
    public String wireName() {
        return wireName;
    }
}
