package com.nexussaude.monitor.score;

import com.nexussaude.monitor.Consciousness;

/**
 * The values a NEWS2 score actually banded, after rounding half up to the chart's precision
 * (integers for RR, SpO2, SBP and HR; one decimal for temperature). Absent parameters are null.
 *
 * @param respiratoryRate    rounded respiration rate
 * @param spo2               rounded SpO2
 * @param spo2Scale          scale used, 1 or 2
 * @param supplementalOxygen oxygen flag as given
 * @param systolicBp         rounded systolic pressure
 * @param heartRate          rounded pulse
 * @param consciousness      ACVPU level as given
 * @param temperature        temperature rounded to one decimal
 */
public record News2ScoredValues(
        Double respiratoryRate,
        Double spo2,
        int spo2Scale,
        Boolean supplementalOxygen,
        Double systolicBp,
        Double heartRate,
        Consciousness consciousness,
        Double temperature) {

    static News2ScoredValues of(News2Input in) {
        return new News2ScoredValues(
                in.respiratoryRate() == null ? null : Args.halfUp(in.respiratoryRate(), 0),
                in.spo2() == null ? null : Args.halfUp(in.spo2(), 0),
                in.spo2Scale(),
                in.supplementalOxygen(),
                in.systolicBp() == null ? null : Args.halfUp(in.systolicBp(), 0),
                in.heartRate() == null ? null : Args.halfUp(in.heartRate(), 0),
                in.consciousness(),
                in.temperature() == null ? null : Args.halfUp(in.temperature(), 1));
    }
}
