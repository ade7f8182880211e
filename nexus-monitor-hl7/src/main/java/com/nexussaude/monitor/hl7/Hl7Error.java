package com.nexussaude.monitor.hl7;

/**
 * Something wrong in a message, located the way an HL7 ERR segment locates it (ERR-2) and coded
 * with an HL7 table 0357 error code (ERR-3).
 *
 * @param segment    the segment id, e.g. {@code OBX}; {@code MSH} for framing and header problems
 * @param occurrence which segment of that id, 1-based (the 3rd OBX of the message is 3); 0 if none
 * @param field      the field number, e.g. 6 for OBX-6; 0 if the whole segment
 * @param errorCode  HL7 table 0357: 100 segment sequence, 101 required field missing, 102 data type,
 *                   103 table value not found, 200 unsupported message type, 203 unsupported version,
 *                   207 application internal error
 * @param message    what was wrong, naming the value found and what was expected
 * @since 0.1
 */
public record Hl7Error(String segment, int occurrence, int field, int errorCode, String message) {

    /** Table 0357 code 100: segment sequence error. */
    public static final int SEGMENT_SEQUENCE = 100;
    /** Table 0357 code 101: required field missing. */
    public static final int REQUIRED_FIELD_MISSING = 101;
    /** Table 0357 code 102: data type error. */
    public static final int DATA_TYPE = 102;
    /** Table 0357 code 103: table value not found. */
    public static final int TABLE_VALUE_NOT_FOUND = 103;
    /** Table 0357 code 200: unsupported message type. */
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    /** Table 0357 code 203: unsupported version id. */
    public static final int UNSUPPORTED_VERSION = 203;
    /** Table 0357 code 207: application internal error. */
    public static final int INTERNAL = 207;

    /**
     * The location as people write it: {@code OBX[3]-6}, {@code MSH-12}, {@code PID}.
     *
     * @return the location as people write it: {@code OBX[3]-6}, {@code MSH-12}, {@code PID}
     */
    public String location() {
        return segment + (occurrence > 1 || segment.equals("OBX") || segment.equals("OBR") ? "[" + occurrence + "]" : "")
                + (field > 0 ? "-" + field : "");
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
