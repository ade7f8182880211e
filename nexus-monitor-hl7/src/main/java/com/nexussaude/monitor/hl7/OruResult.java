package com.nexussaude.monitor.hl7;

import com.nexussaude.monitor.Observation;
import java.util.List;

/**
 * What one ORU^R01 message yielded.
 *
 * @param controlId    MSH-10, echoed in the ACK's MSA-2; empty if the header could not be read
 * @param rejected     true if the whole message was refused (see {@link AckCode#AR})
 * @param observations core observations, one per patient and time, ready for
 *                     {@link com.nexussaude.monitor.VitalMonitor#submit(Observation)}
 * @param measurements every vital value read, including those core has no parameter for (mean BP)
 * @param ignored      segments read but not used, each with its reason
 * @param errors       what was wrong, each naming segment and field
 * @since 0.1
 */
public record OruResult(String controlId, boolean rejected, List<Observation> observations,
                        List<Measurement> measurements, List<Ignored> ignored, List<Hl7Error> errors) {

    /**
     * Copies every list, so a result is immutable and safe to share between threads.
     *
     * @param controlId MSH-10, echoed in the ACK's MSA-2; empty if the header could not be read
     * @param rejected true if the whole message was refused (see {@link AckCode#AR})
     * @param observations core observations, one per patient and time, ready for
     *     {@link com.nexussaude.monitor.VitalMonitor#submit(Observation)}
     * @param measurements every vital value read, including those core has no parameter for (mean BP)
     * @param ignored segments read but not used, each with its reason
     * @param errors what was wrong, each naming segment and field
     */
    public OruResult {
        observations = List.copyOf(observations);
        measurements = List.copyOf(measurements);
        ignored = List.copyOf(ignored);
        errors = List.copyOf(errors);
    }

    /** A message refused as a whole. */
    static OruResult refused(String controlId, Hl7Error error) {
        return new OruResult(controlId, true, List.of(), List.of(), List.of(), List.of(error));
    }

    /**
     * AR if refused, AE if any error, else AA.
     *
     * @return AR if refused, AE if any error, else AA
     */
    public AckCode ackCode() {
        return rejected ? AckCode.AR : errors.isEmpty() ? AckCode.AA : AckCode.AE;
    }
}
