package com.nexussaude.monitor.internal.ingest;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.RejectedValue;
import com.nexussaude.monitor.Vital;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Rejects values that cannot be real measurements, naming the field, value and allowed range. */
final class ObservationValidator {
    static final int MAX_PATIENT_ID_LENGTH = 128;
    private static final Vital[] VITALS = Vital.values(); // values() copies the array on every call

    private ObservationValidator() {
    }

    /**
     * What is left of an observation after validation.
     *
     * @param accepted the observation without its rejected values
     * @param rejected one report per rejected value, in {@link Vital} order
     */
    record Checked(Observation accepted, List<RejectedValue> rejected) {
    }

    /**
     * Checks an observation value by value. A value that cannot be a real measurement is rejected alone
     * and the others are kept (an HR of 999 must not throw away the SpO2 of the same observation).
     *
     * @param strict reject the whole observation for any invalid value (the 0.1 behaviour)
     * @throws InvalidObservationException if the patient id or timestamp is missing or bad, if the
     *                                     observation carries no vital sign, if no valid value is left
     *                                     (naming the first rejected one), or, when strict, for the
     *                                     first invalid value
     */
    static Checked check(Observation o, boolean strict) {
        return check(o, strict, false);
    }

    /**
     * As {@link #check(Observation, boolean)}; {@code idValidated}: the patient id's text passed these checks before
     * (the id of a record the observation path made), so its checks are skipped: they are a function of the text
     * alone, and an id already monitored is every observation's case.
     */
    static Checked check(Observation o, boolean strict, boolean idValidated) {
        // Small on purpose: inlined into the submitting path, the common answer (nothing rejected) is scalar-replaced
        // there instead of being one more object per observation; the checks themselves are too big to inline.
        Checked withRejections = withRejections(o, strict, idValidated);
        return withRejections != null ? withRejections : new Checked(o, List.of());
    }

    /** As {@link #check}, but null when nothing is rejected (the observation is accepted as it is). */
    private static Checked withRejections(Observation o, boolean strict, boolean idValidated) {
        String pid = o.patientId();
        if (!idValidated) {
            checkId(pid);
        }
        Instant ts = o.timestamp();
        if (ts == null) {
            throw new InvalidObservationException("timestamp", null, "an ISO-8601 instant",
                    "timestamp of patient " + pid + " is missing: every observation needs an event time");
        }
        if (ts.isBefore(Observation.EARLIEST_TIMESTAMP) || ts.isAfter(Observation.LATEST_TIMESTAMP)) {
            String allowed = Observation.EARLIEST_TIMESTAMP + ".." + Observation.LATEST_TIMESTAMP;
            throw new InvalidObservationException("timestamp", ts, allowed, "timestamp " + ts + " of patient " + pid
                    + " must be within " + allowed + " (the range the monitor's clocks and paging can count)");
        }
        List<InvalidObservationException> bad = null;
        boolean any = false;
        for (Vital v : VITALS) {
            Double x = o.value(v);
            if (x == null) {
                continue;
            }
            any = true;
            InvalidObservationException e = null;
            if (x.isNaN() || x.isInfinite()) {
                String range = range(v);
                e = new InvalidObservationException(v.fieldName(), x, "a finite number within " + range,
                        v.fieldName() + " of patient " + pid + " must be a finite number within " + range + ", but was " + x);
            } else if (x < v.minPossible() || x > v.maxPossible()) {
                String range = range(v);
                e = new InvalidObservationException(v.fieldName(), x, range,
                        v.fieldName() + " of patient " + pid + " must be within " + range + " (physiologically possible), but was "
                                + number(x));
            }
            if (e != null) {
                if (strict) {
                    throw e;
                }
                bad = bad == null ? new ArrayList<>() : bad;
                bad.add(e);
            }
        }
        if (!any) {
            throw new InvalidObservationException("vitals", "none", "at least one vital sign",
                    "observation of patient " + pid + " at " + o.timestamp() + " carries no vital sign");
        }
        boolean bpInverted = o.systolicBp() != null && o.diastolicBp() != null && o.systolicBp() < o.diastolicBp()
                && !rejects(bad, Vital.SYSTOLIC_BP) && !rejects(bad, Vital.DIASTOLIC_BP);
        if (bpInverted) {
            // Which of the two is wrong is unknowable: the pair is rejected, the rest of the observation kept.
            InvalidObservationException e = new InvalidObservationException(Vital.SYSTOLIC_BP.fieldName(),
                    o.systolicBp(), "at least blood_pressure_diastolic (" + number(o.diastolicBp()) + ")",
                    "blood_pressure_systolic of patient " + pid + " must not be below blood_pressure_diastolic ("
                            + number(o.diastolicBp()) + " mmHg), but was " + number(o.systolicBp()));
            if (strict) {
                throw e;
            }
            bad = bad == null ? new ArrayList<>() : bad;
            bad.add(e);
        }
        if (bad == null) {
            return null;
        }
        Observation.Builder kept = Observation.builder(pid, o.timestamp());
        boolean anyKept = false;
        for (Vital v : VITALS) {
            Double x = o.value(v);
            boolean bpPair = bpInverted && (v == Vital.SYSTOLIC_BP || v == Vital.DIASTOLIC_BP);
            if (x != null && !bpPair && !rejects(bad, v)) {
                kept.value(v, x);
                anyKept = true;
            }
        }
        if (!anyKept) {
            throw bad.get(0); // nothing valid is left: the observation is rejected, as before 0.2
        }
        List<RejectedValue> rejected = new ArrayList<>(bad.size());
        for (InvalidObservationException e : bad) {
            rejected.add(new RejectedValue(e.field(), e.value(), e.allowed(), e.getMessage()));
        }
        return new Checked(kept.build(), rejected);
    }

    /** Refuses a missing or blank id, one with a control character, and one too long, in that order. */
    private static void checkId(String pid) {
        if (pid == null || pid.isBlank()) {
            throw new InvalidObservationException("patient_id", pid, "a non-blank id",
                    "patient_id is missing: every observation needs a patient id");
        }
        int control = firstControlCharacter(pid);
        if (control >= 0) {
            // The id is quoted escaped: printed as is, a newline in it would forge a line of the log or of stderr.
            throw new InvalidObservationException("patient_id", escaped(pid), "no control characters",
                    "patient_id '" + escaped(pid) + "' contains the control character U+"
                            + String.format(Locale.ROOT, "%04X", (int) pid.charAt(control)) + " at index " + control
                            + ": ids must be printable");
        }
        if (pid.length() > MAX_PATIENT_ID_LENGTH) {
            throw new InvalidObservationException("patient_id", pid.substring(0, 20) + "…",
                    "at most " + MAX_PATIENT_ID_LENGTH + " characters",
                    "patient_id must be at most " + MAX_PATIENT_ID_LENGTH + " characters, but was " + pid.length());
        }
    }

    /** The index of the first ISO control character (C0, DEL, C1) in {@code s}, or -1. */
    static int firstControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with control characters written as {@code \\uXXXX}, safe to print on one line. */
    static String escaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean rejects(List<InvalidObservationException> bad, Vital v) {
        if (bad == null) {
            return false;
        }
        for (InvalidObservationException e : bad) {
            if (e.field().equals(v.fieldName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The allowed range as text, built only when rejecting: building it for every accepted reading
     * cost about 85 ns and 350 bytes per observation (benchmarks/RESULTS.md).
     */
    private static String range(Vital v) {
        return number(v.minPossible()) + ".." + number(v.maxPossible()) + (v.unit().isEmpty() ? "" : " " + v.unit());
    }

    static String number(double x) {
        // Whole numbers print without ".0", but only where a long holds them exactly: 1e308 cast to long
        // would print as 9223372036854775807, a different number than the one rejected.
        return x == Math.rint(x) && Math.abs(x) < 0x1p53 ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
