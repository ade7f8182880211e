package com.nexussaude.monitor.server;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.util.Locale;

/**
 * In Kafka mode the partition's monitor validates an observation only after the API answered, so the API refuses
 * here, before writing, what the monitor would refuse whole (the same rules and messages as the library's input
 * check): a bad patient id or timestamp, no vital sign, or no valid value left. A value the monitor rejects alone
 * (HR 999 next to a valid SpO2) is written as sent, and the partition's monitor drops it and keeps the rest, as the
 * service alone does.
 */
final class KafkaValidation {
    private static final int MAX_PATIENT_ID_LENGTH = 128;

    private KafkaValidation() {
    }

    /**
     * @throws InvalidObservationException naming the field, as {@code VitalMonitor.submit} would
     */
    static void check(Observation o) {
        String pid = o.patientId();
        if (pid == null || pid.isBlank()) {
            throw new InvalidObservationException("patient_id", pid, "a non-blank id",
                    "patient_id is missing: every observation needs a patient id");
        }
        for (int i = 0; i < pid.length(); i++) {
            if (Character.isISOControl(pid.charAt(i))) {
                throw new InvalidObservationException("patient_id", null, "no control characters",
                        "patient_id contains the control character U+" + String.format(Locale.ROOT, "%04X",
                                (int) pid.charAt(i)) + " at index " + i + ": ids must be printable");
            }
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
        if (o.timestamp().isBefore(Observation.EARLIEST_TIMESTAMP) || o.timestamp().isAfter(Observation.LATEST_TIMESTAMP)) {
            String allowed = Observation.EARLIEST_TIMESTAMP + ".." + Observation.LATEST_TIMESTAMP;
            throw new InvalidObservationException("timestamp", o.timestamp(), allowed, "timestamp " + o.timestamp()
                    + " of patient " + pid + " must be within " + allowed);
        }
        InvalidObservationException first = null;
        boolean any = false;
        boolean anyValid = false;
        // An inverted pair is rejected whole by the monitor (which of the two is wrong is unknowable).
        boolean bpInverted = o.systolicBp() != null && o.diastolicBp() != null && o.systolicBp() < o.diastolicBp();
        for (Vital v : Vital.values()) {
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            any = true;
            if (bpInverted && (v == Vital.SYSTOLIC_BP || v == Vital.DIASTOLIC_BP)) {
                if (first == null) {
                    first = new InvalidObservationException(Vital.SYSTOLIC_BP.fieldName(), o.systolicBp(),
                            "at least blood_pressure_diastolic (" + number(o.diastolicBp()) + ")",
                            "blood_pressure_systolic of patient " + pid + " must not be below blood_pressure_diastolic ("
                                    + number(o.diastolicBp()) + " mmHg), but was " + number(o.systolicBp()));
                }
            } else if (!x.isNaN() && !x.isInfinite() && x >= v.minPossible() && x <= v.maxPossible()) {
                anyValid = true;
            } else if (first == null) {
                String range = number(v.minPossible()) + ".." + number(v.maxPossible())
                        + (v.unit().isEmpty() ? "" : " " + v.unit());
                first = new InvalidObservationException(v.fieldName(), x, range, v.fieldName() + " of patient " + pid
                        + " must be within " + range + " (physiologically possible), but was " + number(x));
            }
        }
        if (!any) {
            throw new InvalidObservationException("vitals", "none", "at least one vital sign",
                    "observation of patient " + pid + " at " + o.timestamp() + " carries no vital sign");
        }
        if (!anyValid) {
            throw first;
        }
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 0x1p53 ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
