package com.nexussaude.monitor.internal.state;

/**
 * The {@code VitalMinute} event (schema.epl documents its properties, which are the contract): the
 * mean of one vital over one minute. A Java object rather than an object-array event because a rule
 * that windows minutes keeps many of them: primitive fields make a point about a third smaller than
 * an array of boxed values. Not API; immutable.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): an Esper event type (schema.epl
// names this class): Esper's generated classes read its getters.
public final class VitalMinute {
    private final String patientId;
    private final String ward;
    private final String vital;
    private final long minuteStart;
    private final long ts;
    private final double value;
    private final int readingCount;

    VitalMinute(String patientId, String ward, String vital, long minuteStart, long ts, double value, int readingCount) {
        this.patientId = patientId;
        this.ward = ward;
        this.vital = vital;
        this.minuteStart = minuteStart;
        this.ts = ts;
        this.value = value;
        this.readingCount = readingCount;
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

    public long getMinuteStart() {
        return minuteStart;
    }

    public long getTs() {
        return ts;
    }

    public double getValue() {
        return value;
    }

    public int getReadingCount() {
        return readingCount;
    }

    @Override
    public String toString() {
        return "VitalMinute[" + patientId + " " + vital + " " + value + " x" + readingCount + " at " + ts + "]";
    }
}
