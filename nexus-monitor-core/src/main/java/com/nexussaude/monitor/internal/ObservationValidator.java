package com.nexussaude.monitor.internal;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.util.Locale;

/** Rejects observations that cannot be real measurements, naming the field, value and allowed range. */
final class ObservationValidator {
    static final int MAX_PATIENT_ID_LENGTH = 128;
    private static final Vital[] VITALS = Vital.values(); // values() copies the array on every call

    private ObservationValidator() {
    }

    static void validate(Observation o) {
        String pid = o.patientId();
        if (pid == null || pid.isBlank()) {
            throw new InvalidObservationException("patient_id", pid, "a non-blank id",
                    "patient_id is missing: every observation needs a patient id");
        }
        if (pid.length() > MAX_PATIENT_ID_LENGTH) {
            throw new InvalidObservationException("patient_id", pid.substring(0, 20) + "…",
                    "at most " + MAX_PATIENT_ID_LENGTH + " characters",
                    "patient_id must be at most " + MAX_PATIENT_ID_LENGTH + " characters, but was " + pid.length());
        }
        if (o.timestamp() == null) {
            throw new InvalidObservationException("timestamp", null, "an ISO-8601 instant",
                    "timestamp of patient " + pid + " is missing: every observation needs an event time");
        }
        boolean any = false;
        for (Vital v : VITALS) {
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            any = true;
            if (x.isNaN() || x.isInfinite()) {
                String range = range(v);
                throw new InvalidObservationException(v.fieldName(), x, "a finite number within " + range,
                        v.fieldName() + " of patient " + pid + " must be a finite number within " + range + ", but was " + x);
            }
            if (x < v.minPossible() || x > v.maxPossible()) {
                String range = range(v);
                throw new InvalidObservationException(v.fieldName(), x, range,
                        v.fieldName() + " of patient " + pid + " must be within " + range + " (physiologically possible), but was "
                                + number(x));
            }
        }
        if (!any) {
            throw new InvalidObservationException("vitals", "none", "at least one vital sign",
                    "observation of patient " + pid + " at " + o.timestamp() + " carries no vital sign");
        }
        if (o.systolicBp() != null && o.diastolicBp() != null && o.systolicBp() < o.diastolicBp()) {
            throw new InvalidObservationException(Vital.SYSTOLIC_BP.fieldName(), o.systolicBp(),
                    "at least blood_pressure_diastolic (" + number(o.diastolicBp()) + ")",
                    "blood_pressure_systolic of patient " + pid + " must not be below blood_pressure_diastolic ("
                            + number(o.diastolicBp()) + " mmHg), but was " + number(o.systolicBp()));
        }
    }

    /**
     * The allowed range as text, built only when rejecting: building it for every accepted reading
     * cost about 85 ns and 350 bytes per observation (benchmarks/RESULTS.md).
     */
    private static String range(Vital v) {
        return number(v.minPossible()) + ".." + number(v.maxPossible()) + (v.unit().isEmpty() ? "" : " " + v.unit());
    }

    static String number(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
