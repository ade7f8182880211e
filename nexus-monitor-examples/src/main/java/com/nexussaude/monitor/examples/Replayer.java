package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.RejectedValue;
import com.nexussaude.monitor.SubmitResult;
import com.nexussaude.monitor.UnknownPatientException;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.VitalMonitor;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Feeds readings to a monitor in timestamp order. Shared by {@code replay} and {@code demo} so the
 * demo exercises exactly the path a replay takes.
 */
final class Replayer {

    /**
     * What one replay did.
     *
     * @param rejectedValues  values the monitor rejected alone, their observation accepted
     * @param unknownPatients distinct patient ids nobody registered (warned or rejected once each)
     */
    record Counts(long read, long accepted, long rejected, long rejectedValues, long unknownPatients) {
    }

    private Replayer() {
    }

    /**
     * Sorts the readings by timestamp (stable, so ties keep file and line order) and submits them,
     * reporting each rejection as {@code FILE:LINE: message} on {@code err}; then advances the clock
     * to the last timestamp plus {@code drain}.
     *
     * <p>Sorting matters because the monitor clock is event time: with several files, submitting one
     * file after another would make the second file hours "late". Every timer fires at its due time
     * (the monitor steps its clock through them), so what a patient's alerts say does not depend on the
     * other files; the end of the input is the last observation, plus {@code drain} if given, to let
     * timers due after it fire (a resolve hold still running, the signal loss of a recording that ended).
     *
     * <p>A patient nobody registered (no {@code spo2_scale} on its lines, no config entry) is reported once
     * per id: {@code warn} monitors it anyway, {@code reject} skips its observations, {@code accept} says
     * nothing.
     */
    static Counts replay(VitalMonitor monitor, List<ObservationReader.Reading> readings, PrintWriter err,
                         UnknownPatientPolicy unknownPatients, Duration drain) {
        return replay(monitor, readings, report -> err.println(report), unknownPatients, drain);
    }

    /**
     * As {@link #replay(VitalMonitor, List, PrintWriter, UnknownPatientPolicy, Duration)}, handing each
     * line's report to {@code report} (the replay command sorts them into file and line order).
     */
    static Counts replay(VitalMonitor monitor, List<ObservationReader.Reading> readings,
                         Consumer<ObservationReader.ParseError> report, UnknownPatientPolicy unknownPatients,
                         Duration drain) {
        List<ObservationReader.Reading> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparing(r -> r.observation().timestamp()));
        long accepted = 0;
        long rejected = 0;
        long rejectedValues = 0;
        Set<String> unknown = new HashSet<>();
        Instant last = null;
        for (ObservationReader.Reading r : sorted) {
            String id = r.observation().patientId();
            try {
                if (r.spo2Scale() != null && id != null && !id.isBlank()) {
                    PatientContext known = monitor.patient(id);
                    int current = known == null ? 1 : known.spo2Scale();
                    if (known == null || current != r.spo2Scale()) {
                        monitor.register((known == null ? PatientContext.of(id) : known).withSpo2Scale(r.spo2Scale()));
                    }
                }
                if ((r.ward() != null || r.bed() != null) && id != null && !id.isBlank()) {
                    // The input says where the patient is (an HL7 PV1): pages name that ward and bed.
                    PatientContext known = monitor.patient(id);
                    PatientContext at = known == null ? PatientContext.of(id) : known;
                    at = r.ward() == null ? at : at.withWard(r.ward());
                    at = r.bed() == null ? at : at.withBed(r.bed());
                    if (!at.equals(known)) {
                        monitor.register(at);
                    }
                }
                SubmitResult result = monitor.submitAndReport(r.observation());
                accepted++;
                last = r.observation().timestamp();
                for (RejectedValue v : result.rejectedValues()) {
                    rejectedValues++;
                    report.accept(new ObservationReader.ParseError(r.file(), r.line(), v.message()
                            + " (value rejected; the line's other values were accepted)"));
                }
                if (!result.knownPatient() && unknownPatients == UnknownPatientPolicy.WARN && unknown.add(id)) {
                    report.accept(new ObservationReader.ParseError(r.file(), r.line(), "patient_id '" + id
                            + "' is not registered; monitored anyway (--unknown-patients warn; reported once per id)"));
                }
            } catch (UnknownPatientException e) {
                rejected++;
                if (unknown.add(id)) {
                    report.accept(new ObservationReader.ParseError(r.file(), r.line(), e.getMessage()
                            + "; its observations are skipped (--unknown-patients reject; reported once per id)"));
                }
            } catch (InvalidObservationException e) {
                rejected++;
                report.accept(new ObservationReader.ParseError(r.file(), r.line(), e.getMessage()));
            }
        }
        if (last != null && monitor.now() != null) {
            Instant end = last.plus(drain);
            if (!end.isBefore(monitor.now())) {
                monitor.advanceTo(end);
            }
        }
        return new Counts(sorted.size(), accepted, rejected, rejectedValues, unknown.size());
    }
}
