package com.nexussaude.monitor.internal.state;

import com.nexussaude.monitor.Vital;

/**
 * An {@code ObservationEnd} row (schema.epl: patientId, ward, ts, spo2Scale, a value and time per vital in {@link
 * Vital} order, then the HR, SpO2 and RR medians) read as {@link LatestReadings}, for the tests that feed the packs'
 * Java state rows, as it took them before it read the patient's record; and the way back, for the reference
 * implementations that still read rows.
 */
record RowReadings(Object[] row) implements LatestReadings {
    static final int MEDIANS = 4 + 2 * Vital.values().length;

    @Override
    public boolean has(int vital) {
        return row[5 + 2 * vital] != null;
    }

    @Override
    public double value(int vital) {
        return (Double) row[4 + 2 * vital];
    }

    @Override
    public long at(int vital) {
        return (Long) row[5 + 2 * vital];
    }

    @Override
    public double median(int channel) {
        Object m = row[MEDIANS + channel];
        return m == null ? Double.NaN : (Double) m;
    }

    /** Shows the row to {@code state} as the engine shows an observation's end, with the row's patient's record. */
    static void end(PackState state, PatientReadings readings, Object[] row) {
        state.observationEnd(readings.patient((String) row[0]), new RowReadings(row), (Long) row[2], (Integer) row[3]);
    }

    /** The row an observation's end of {@code patientId} in {@code ward} carries (absent: null). */
    static Object[] row(String patientId, String ward, long ts, int spo2Scale, LatestReadings latest) {
        Object[] row = new Object[MEDIANS + 3];
        row[0] = patientId;
        row[1] = ward;
        row[2] = ts;
        row[3] = spo2Scale;
        for (int v = 0; v < Vital.values().length; v++) {
            if (latest.has(v)) {
                row[4 + 2 * v] = latest.value(v);
                row[5 + 2 * v] = latest.at(v);
            }
        }
        for (int c = 0; c < 3; c++) {
            double m = latest.median(c);
            row[MEDIANS + c] = Double.isNaN(m) ? null : m;
        }
        return row;
    }
}
