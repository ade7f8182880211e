package com.nexussaude.monitor.hl7;

import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.VitalMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives what each message yielded, on the connection's thread, before the ACK is sent; so an
 * AA means the observations were handed over. Called for every message, refused ones included
 * (their {@link OruResult#errors()} say why), so a host can log rejections in one place.
 *
 * <p>Calls for different connections are concurrent. A {@link RuntimeException} thrown here turns
 * the ACK into an AE (error code 207) and the listener goes on; an {@link Error} is not caught.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface OruHandler {

    /**
     * Takes one message's result.
     *
     * @param result what the message yielded: observations, measurements, ignored segments and errors
     * @return further errors found downstream (e.g. an observation the monitor refused), added to the
     *         ACK; empty if none
     */
    List<Hl7Error> handle(OruResult result);

    /**
     * This handler, then every error of the message (the parser's and this handler's) reported to
     * {@code sink} with the message's control id (MSH-10; empty if unreadable), before the ACK goes
     * out: a host's log or counter of rejected input. A sink that throws makes the ACK an AE.
     *
     * @param sink receives the control id and each error; called on the connection's thread before the ACK is
     *     sent
     * @return a handler that does what this one does, then reports every error of the message to {@code sink}
     */
    default OruHandler reportingTo(BiConsumer<String, Hl7Error> sink) {
        Objects.requireNonNull(sink, "sink");
        return result -> {
            List<Hl7Error> more = handle(result);
            result.errors().forEach(e -> sink.accept(result.controlId(), e));
            if (more != null) {
                more.forEach(e -> sink.accept(result.controlId(), e));
            }
            return more;
        };
    }

    /**
     * Submits every observation to a monitor. A patient whose PV1-3 names a ward is registered on
     * that ward (or moved to it), so ward bands apply. An observation the monitor refuses (outside
     * physiological limits, too late) becomes an AE naming the OBX it came from.
     *
     * @param monitor the monitor to submit to; not null
     * @return a handler that submits every observation to {@code monitor} and reports its refusals in the ACK
     */
    static OruHandler feeding(VitalMonitor monitor) {
        Objects.requireNonNull(monitor, "monitor");
        return result -> {
            for (Measurement m : result.measurements()) {
                String ward = m.location().ward();
                if (ward != null) {
                    PatientContext known = monitor.patient(m.patientId());
                    if (known == null) {
                        monitor.register(PatientContext.of(m.patientId()).withWard(ward));
                    } else if (!ward.equals(known.ward())) {
                        monitor.register(known.withWard(ward));
                    }
                }
            }
            List<Hl7Error> refused = new ArrayList<>();
            for (Observation o : result.observations()) {
                try {
                    monitor.submit(o);
                } catch (InvalidObservationException e) {
                    int obx = result.measurements().stream()
                            .filter(m -> m.patientId().equals(o.patientId()) && m.time().equals(o.timestamp()))
                            .mapToInt(Measurement::obx).findFirst().orElse(0);
                    refused.add(new Hl7Error("OBX", obx, 5, Hl7Error.INTERNAL, "refused by the monitor: " + e.getMessage()));
                }
            }
            return refused;
        };
    }

    /**
     * Hands every observation to a consumer; nothing is refused downstream.
     *
     * @param consumer called with every observation, on the connection's thread; not null
     * @return a handler that passes every observation to {@code consumer} and adds no error
     */
    static OruHandler forEachObservation(Consumer<Observation> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return result -> {
            result.observations().forEach(consumer);
            return List.of();
        };
    }
}
