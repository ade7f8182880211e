/**
 * Pure clinical scoring functions: NEWS2, qSOFA, SIRS, MEWS and the shock index. Nothing here
 * depends on Esper or the monitoring engine; every function is a deterministic, thread-safe function
 * of its arguments and every result is an immutable record. The static per-parameter functions (for
 * example {@link com.nexussaude.monitor.score.News2#respiratoryRatePoints(double)}) take primitive
 * arguments so they can be called from EPL as plain static methods.
 *
 * <h2>Rounding</h2>
 * Charts band integers (temperature: one decimal). A value between bands is first rounded half up
 * to the chart's precision — integers for respiratory rate, heart rate, systolic blood pressure and
 * SpO2; one decimal for temperature — and then banded: 36.04 °C → 36.0, 36.05 °C → 36.1,
 * HR 90.5 → 91. Rounding uses the shortest decimal representation of the {@code double}
 * ({@link java.math.BigDecimal#valueOf(double)}), so the literal {@code 36.05} rounds to 36.1 even
 * though its binary value is slightly below 36.05. The same rule applies to every score in this
 * package (NEWS2, qSOFA, SIRS, MEWS; not the shock index, which is a continuous ratio), so a value
 * never counts differently between two scores.
 *
 * <h2>Validation</h2>
 * Numeric inputs must be finite and {@code >= 0} (SpO2 also {@code <= 100}); a bad argument throws
 * {@link java.lang.IllegalArgumentException} naming the argument, the value and the allowed range,
 * for example {@code "spo2Scale must be 1 or 2, but was 3"}. Absent parameters are {@code null},
 * contribute 0 and mark the result {@code partial}.
 *
 * <p>Reference: {@code docs/CLINICAL.md} (shared project docs).
 */
package com.nexussaude.monitor.score;
