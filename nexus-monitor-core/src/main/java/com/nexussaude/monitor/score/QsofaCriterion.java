package com.nexussaude.monitor.score;

/** The three qSOFA criteria (Sepsis-3, Singer et al. 2016). */
public enum QsofaCriterion {
    /** Respiratory rate ≥22 /min. */
    RESPIRATORY_RATE,
    /** Altered mentation: anything other than Alert on ACVPU. */
    ALTERED_MENTATION,
    /** Systolic blood pressure ≤100 mmHg. */
    SYSTOLIC_BP
}
