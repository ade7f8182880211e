package com.nexussaude.monitor.score;

/** The SIRS criteria available from a vital-signs stream (Bone et al. 1992; WBC is not a vital sign). */
public enum SirsCriterion {
    /** Temperature &gt;38 °C (fever) or &lt;36 °C (hypothermia). */
    TEMPERATURE,
    /** Heart rate &gt;90 /min. */
    HEART_RATE,
    /** Respiratory rate &gt;20 /min (the PaCO2 &lt;32 mmHg alternative is not a vital sign). */
    RESPIRATORY_RATE
}
