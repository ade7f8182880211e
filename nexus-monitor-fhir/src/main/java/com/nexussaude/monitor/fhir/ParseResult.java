package com.nexussaude.monitor.fhir;

import com.nexussaude.monitor.Observation;
import java.util.List;

/**
 * What one FHIR document (an Observation or a Bundle) yielded.
 *
 * @param observations core observations, one per patient and time, ready for
 *                     {@link com.nexussaude.monitor.VitalMonitor#submit(Observation)}
 * @param measurements every vital value read, including those core has no parameter for (mean BP)
 * @param ignored      what was read but not used, each with its reason
 * @param rejections   what was wrong, each naming the element
 * @since 0.1
 */
public record ParseResult(List<Observation> observations, List<FhirMeasurement> measurements, List<Ignored> ignored,
                          List<Rejection> rejections) {

    /**
     * Copies every list, so a result is immutable and safe to share between threads.
     *
     * @param observations core observations, one per patient and time, ready for
     *     {@link com.nexussaude.monitor.VitalMonitor#submit(Observation)}
     * @param measurements every vital value read, including those core has no parameter for (mean BP)
     * @param ignored what was read but not used, each with its reason
     * @param rejections what was wrong, each naming the element
     */
    public ParseResult {
        observations = List.copyOf(observations);
        measurements = List.copyOf(measurements);
        ignored = List.copyOf(ignored);
        rejections = List.copyOf(rejections);
    }
}
