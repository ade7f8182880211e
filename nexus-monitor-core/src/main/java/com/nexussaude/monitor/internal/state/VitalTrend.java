package com.nexussaude.monitor.internal.state;

/**
 * The {@code VitalTrend} event (schema.epl documents its properties, which are the contract): the
 * least-squares line through one vital's recent points, its minute means (heart rate, SpO2,
 * respiratory rate) or its readings (systolic BP, temperature), published with each point. Not API;
 * immutable.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): an Esper event type (schema.epl
// names this class): Esper's generated classes read its getters.
public final class VitalTrend {
    private final String patientId;
    private final String ward;
    private final String vital;
    private final int windowMin;
    private final long ts;
    private final double value;
    private final long dataPoints;
    private final double slope;
    private final double spanMin;
    private final double startValue;
    private final double endValue;
    private final int spo2Scale;
    private final long motionTs;

    /** A line of a patient with no SpO2 reading and no movement yet (scale 1, no movement: for the tests). */
    VitalTrend(String patientId, String ward, String vital, int windowMin, long ts, double value, long dataPoints, double slope,
            double spanMin, double startValue, double endValue) {
        this(patientId, ward, vital, windowMin, ts, value, dataPoints, slope, spanMin, startValue, endValue, 1, -1L);
    }

    VitalTrend(String patientId, String ward, String vital, int windowMin, long ts, double value, long dataPoints, double slope,
            double spanMin, double startValue, double endValue, int spo2Scale, long motionTs) {
        this.patientId = patientId;
        this.ward = ward;
        this.vital = vital;
        this.windowMin = windowMin;
        this.ts = ts;
        this.value = value;
        this.dataPoints = dataPoints;
        this.slope = slope;
        this.spanMin = spanMin;
        this.startValue = startValue;
        this.endValue = endValue;
        this.spo2Scale = spo2Scale;
        this.motionTs = motionTs;
    }

    public String getPatientId() {
        return patientId;
    }

    public String getWard() {
        return ward;
    }

    public String getVital() {
        return vital;
    }

    /** The newest point's time (for a minute mean, the mean time of its readings). */
    public long getTs() {
        return ts;
    }

    /** The newest point's value. */
    public double getValue() {
        return value;
    }

    public long getDataPoints() {
        return dataPoints;
    }

    /** Change per hour; NaN with fewer than two points. */
    public double getSlope() {
        return slope;
    }

    public double getSpanMin() {
        return spanMin;
    }

    public double getStartValue() {
        return startValue;
    }

    public double getEndValue() {
        return endValue;
    }

    public int getWindowMin() {
        return windowMin;
    }

    /** The patient's SpO2 scale at their latest SpO2 reading before this point was published; 1 before any. */
    public int getSpo2Scale() {
        return spo2Scale;
    }

    /** The time of the patient's latest movement before this point was published; -1 before any. */
    public long getMotionTs() {
        return motionTs;
    }

    @Override
    public String toString() {
        return "VitalTrend[" + patientId + " " + vital + " " + slope + "/h over " + dataPoints + " points at " + ts + "]";
    }
}
