package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packs' places in the patients' records: each state finds what it keeps for a patient with the patient, the
 * count of patients it keeps anything for stays exact (the tests of bounded state read it through the engine), and
 * a discharge forgets it while still showing it to the state's discharge hook.
 */
class PackSlotTest {
    final EPRuntime runtime = EPRuntimeProvider.getRuntime("pack-slot-test-" + System.identityHashCode(this),
            EsperSetup.configuration());
    final PatientReadings readings = new PatientReadings(runtime.getEventService());
    final Keeper first = new Keeper();
    final Keeper second = new Keeper();

    PackSlotTest() {
        readings.homes(new PackState[] {first, second});
    }

    @AfterEach
    void destroy() {
        runtime.destroy();
    }

    /** A pack state that keeps one string per patient, and records what its discharge hook was shown. */
    static final class Keeper extends PackState {
        final List<Object> shownAtDischarge = new ArrayList<>();

        @Override
        public void discharged(PatientReadings.Patient patient, long ts) {
            shownAtDischarge.add(slot.get(patient));
        }
    }

    @Test
    void eachStateHasItsOwnPlaceAndItsOwnCount() {
        PatientReadings.Patient p1 = readings.patient("p1");
        PatientReadings.Patient p2 = readings.patient("p2");
        first.slot.set(p1, "first's p1");
        first.slot.set(p2, "first's p2");
        second.slot.set(p2, "second's p2");
        first.slot.set(p2, "first's p2, again"); // replacing is not another patient

        assertThat(first.slot.get(p1)).isEqualTo("first's p1");
        assertThat(first.slot.get(p2)).isEqualTo("first's p2, again");
        assertThat(second.slot.get(p1)).isNull();
        assertThat(second.slot.get(p2)).isEqualTo("second's p2");
        assertThat(first.patients()).isEqualTo(2);
        assertThat(second.patients()).isEqualTo(1);

        first.slot.set(p1, null); // a state that drops a patient when it holds nothing for them
        first.slot.set(p1, null);
        assertThat(first.patients()).isEqualTo(1);
        assertThat(first.slot.existing("p1")).isSameAs(p1);
        assertThat(first.slot.existing("p3")).isNull();
    }

    @Test
    void aDischargeForgetsEveryStatesPlaceAndShowsItToTheirHook() {
        PatientReadings.Patient p1 = readings.patient("p1");
        first.slot.set(p1, "first's p1");
        second.slot.set(p1, "second's p1");
        first.slot.set(readings.patient("p2"), "first's p2");

        PatientReadings.Patient gone = readings.discharge("p1");
        assertThat(gone).isSameAs(p1);
        assertThat(first.patients()).isEqualTo(1);
        assertThat(second.patients()).isZero();
        first.discharged(gone, 0L);
        second.discharged(gone, 0L);
        assertThat(first.shownAtDischarge).containsExactly("first's p1");
        assertThat(second.shownAtDischarge).containsExactly("second's p1");
        assertThat(readings.discharge("p1")).isNull(); // twice: nothing left to forget

        // Monitored afresh: a new record, nothing kept.
        PatientReadings.Patient again = readings.patient("p1");
        assertThat(again).isNotSameAs(p1);
        assertThat(first.slot.get(again)).isNull();
        assertThat(second.slot.get(again)).isNull();
        assertThat(first.patients()).isEqualTo(1);
    }
}
