package com.nexussaude.monitor.hl7;

import ca.uhn.hl7v2.AbstractHL7Exception;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.v26.datatype.CWE;
import ca.uhn.hl7v2.model.v26.datatype.PL;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v26.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v26.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.segment.OBX;
import ca.uhn.hl7v2.model.v26.segment.PID;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HL7 v2 ORU^R01 messages (IHE PCD-01, Continua WAN) into observations.
 *
 * <p>Lenient where devices differ and strict where a wrong reading could reach a patient's alarms:
 * HAPI parses without validation (devices send withdrawn fields and odd profiles), any 2.3–2.8
 * version is read with the 2.6 structures, and segments this module has no use for are skipped;
 * but a vital-sign OBX whose value is not a number, whose unit is missing or unknown, or that has
 * no time is rejected with an {@link Hl7Error} naming the segment and field, never guessed at.
 * Results that are cancelled, deleted, flagged invalid or questionable, and codes that are not vital
 * signs, are {@link Ignored} with the reason. The README has the tables of codes and units.
 *
 * <p>Thread-safe: one parser may serve many connections.
 *
 * @since 0.1
 */
public final class OruParser {

    /** MSH-12 versions read (with the 2.6 structures: the ORU^R01 fields used here did not change). */
    public static final Set<String> SUPPORTED_VERSIONS = Set.of(
            "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2");

    /** OBX-11 statuses whose value is used (table 0085); the others are ignored with a reason. */
    private static final Set<String> USABLE_STATUS = Set.of("", "R", "F", "C", "A", "P", "S", "U");
    private static final Map<String, String> UNUSABLE_STATUS = Map.of(
            "D", "deleted", "X", "cannot be obtained", "W", "posted as wrong", "N", "not asked",
            "I", "pending", "O", "order detail only");

    /** OBX-8 measurement-status flags (IHE PCD-01) that make a value unfit to alarm on. */
    private static final Map<String, String> UNFIT_FLAGS = Map.of(
            "INV", "invalid", "NAV", "not available", "QUES", "questionable", "CAL", "calibrating",
            "TEST", "test data", "DEMO", "demonstration data");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\.\\d{1,4})?([+-]\\d{4})?");

    private final ZoneId localZone;
    private final PipeParser hapi;

    /** A parser that reads times without an offset as UTC. */
    public OruParser() {
        this(ZoneOffset.UTC);
    }

    /**
     * A parser that reads times without a UTC offset (OBX-14, OBR-7 such as {@code 20081211144500})
     * in the given zone: the zone of the devices' clocks.
     *
     * @param localZone the zone of the devices' clocks; not null
     */
    public OruParser(ZoneId localZone) {
        this.localZone = Objects.requireNonNull(localZone, "localZone");
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
        this.hapi = context.getPipeParser();
    }

    /**
     * Splits the text of a file into messages: each starts at an {@code MSH} segment. CR, CRLF and LF
     * segment ends are all accepted; MLLP framing bytes are dropped.
     *
     * @param text the text of a file or stream of messages; not null
     * @return the messages, in order, each with {@code \r} segment ends
     */
    public static List<String> split(String text) {
        String normal = normalise(text.replace("\u000b", "").replace("\u001c", ""));
        List<String> messages = new ArrayList<>();
        StringBuilder current = null;
        for (String segment : normal.split("\r")) {
            if (segment.isBlank()) {
                continue;
            }
            if (segment.startsWith("MSH") || current == null) {
                if (current != null) {
                    messages.add(current.toString());
                }
                current = new StringBuilder();
            }
            current.append(segment).append('\r');
        }
        if (current != null) {
            messages.add(current.toString());
        }
        return messages;
    }

    /**
     * The ACK for a message and what it yielded: MSA-1 {@link OruResult#ackCode()}, MSA-2 its
     * control id, and one ERR segment per error (ERR-2 location, ERR-3 table 0357 code, ERR-8 the
     * message). Works for messages without a readable MSH too.
     *
     * @param now MSH-7 of the ACK
     * @param message the message as received; may lack a readable MSH
     * @param result what {@link #parse(String)} made of that message
     * @return the ACK for a message and what it yielded: MSA-1 {@link OruResult#ackCode()}, MSA-2 its control
     *     id, and one ERR segment per error (ERR-2 location, ERR-3 table 0357 code, ERR-8 the message)
     */
    public static String ack(String message, OruResult result, Instant now) {
        String normal = normalise(message).strip();
        Header h = Header.readable(normal) ? Header.read(normal)
                : new Header("|", "", "", "", "", "", "P", "2.6");
        StringBuilder b = new StringBuilder();
        String processing = h.processingId().isEmpty() ? "P" : h.processingId();
        String version = SUPPORTED_VERSIONS.contains(h.version()) ? h.version() : "2.6";
        b.append("MSH|^~\\&|NEXUS-MONITOR||").append(component(h.sendingApplication())).append('|')
                .append(component(h.sendingFacility())).append('|')
                .append(ACK_TIME.format(now.atOffset(ZoneOffset.UTC))).append("||ACK^R01^ACK|")
                .append(escape(result.controlId().isEmpty() ? "ACK" : "ACK-" + result.controlId())).append('|')
                .append(escape(processing)).append('|').append(version).append('\r');
        b.append("MSA|").append(result.ackCode()).append('|').append(escape(result.controlId())).append('\r');
        for (Hl7Error e : result.errors()) {
            b.append("ERR||").append(e.segment()).append('^').append(e.occurrence()).append('^').append(e.field())
                    .append('|').append(e.errorCode()).append("^^HL70357|E||||").append(escape(e.toString()))
                    .append('\r');
        }
        return b.toString();
    }

    private static final java.time.format.DateTimeFormatter ACK_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    /** A field of the original header reused in the ACK: kept as sent if it is plain, else escaped. */
    private static String component(String raw) {
        return raw.indexOf('|') >= 0 ? escape(raw) : raw;
    }

    /** HL7 escaping of text put into a field (ER7 with the default delimiters). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\E\\");
                case '|' -> b.append("\\F\\");
                case '^' -> b.append("\\S\\");
                case '&' -> b.append("\\T\\");
                case '~' -> b.append("\\R\\");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Reads one message. Never throws for bad content: what is wrong is in {@link OruResult#errors()}.
     *
     * @param text one ORU^R01 message; not null
     * @return the observations and measurements read, and every error found
     */
    public OruResult parse(String text) {
        String message = normalise(text).strip();
        if (!message.startsWith("MSH")) {
            String start = message.length() > 20 ? message.substring(0, 20) + "..." : message;
            return OruResult.refused("", new Hl7Error("MSH", 1, 0, Hl7Error.SEGMENT_SEQUENCE,
                    "a message must start with an MSH segment, but it starts with '" + printable(start) + "'"));
        }
        if (!Header.readable(message)) {
            return OruResult.refused("", new Hl7Error("MSH", 1, 2, Hl7Error.REQUIRED_FIELD_MISSING,
                    "the MSH segment is too short to hold the field separator and the encoding characters"));
        }
        Header header = Header.read(message);
        if (header.version().isEmpty()) {
            return OruResult.refused(header.controlId(), new Hl7Error("MSH", 1, 12, Hl7Error.REQUIRED_FIELD_MISSING,
                    "version id missing; expected 2.6 (IHE PCD-01)"));
        }
        if (!SUPPORTED_VERSIONS.contains(header.version())) {
            return OruResult.refused(header.controlId(), new Hl7Error("MSH", 1, 12, Hl7Error.UNSUPPORTED_VERSION,
                    "version '" + header.version() + "' is not supported; expected one of 2.3 to 2.8 (IHE PCD-01 is 2.6)"));
        }
        if (!header.messageType().equals("ORU") || !header.triggerEvent().equals("R01")) {
            return OruResult.refused(header.controlId(), new Hl7Error("MSH", 1, 9, Hl7Error.UNSUPPORTED_MESSAGE_TYPE,
                    "message type '" + header.messageType() + "^" + header.triggerEvent() + "' is not ORU^R01"));
        }
        try {
            Message parsed = hapi.parse(asVersion26(message, header));
            if (!(parsed instanceof ORU_R01 oru)) {
                return OruResult.refused(header.controlId(), new Hl7Error("MSH", 1, 9, Hl7Error.UNSUPPORTED_MESSAGE_TYPE,
                        "read as " + parsed.getName() + ", not ORU_R01"));
            }
            return new Reading(header.controlId()).read(oru);
        } catch (HL7Exception e) {
            return OruResult.refused(header.controlId(), fromHapi(e));
        } catch (RuntimeException e) {
            // HAPI throws unchecked exceptions on some malformed input; the contract is a result, never a throw.
            return OruResult.refused(header.controlId(), new Hl7Error("MSH", 1, 0, Hl7Error.DATA_TYPE,
                    "cannot be parsed: " + e));
        }
    }

    /** The state of reading one message: the segment counters and what was found so far. */
    private final class Reading {
        private final String controlId;
        private final List<Measurement> measurements = new ArrayList<>();
        private final List<Ignored> ignored = new ArrayList<>();
        private final List<Hl7Error> errors = new ArrayList<>();
        private int obxCount;
        private int obrCount;
        private int pidCount;

        Reading(String controlId) {
            this.controlId = controlId;
        }

        OruResult read(ORU_R01 oru) throws HL7Exception {
            for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
                PID pid = result.getPATIENT().getPID();
                String patientId = pid.getPid3_PatientIdentifierListReps() == 0 ? ""
                        : text(pid.getPid3_PatientIdentifierList(0).getIDNumber());
                pidCount++;
                Location location = location(result.getPATIENT().getVISIT().getPV1().getPv13_AssignedPatientLocation());
                if (patientId.isEmpty()) {
                    errors.add(new Hl7Error("PID", pidCount, 3, Hl7Error.REQUIRED_FIELD_MISSING,
                            "patient identifier missing (PID-3.1); the observations of this patient result were not used"));
                }
                for (ORU_R01_ORDER_OBSERVATION order : result.getORDER_OBSERVATIONAll()) {
                    obrCount++;
                    String obrTime = text(order.getOBR().getObr7_ObservationDateTime());
                    for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
                        obxCount++;
                        if (!patientId.isEmpty()) {
                            readObx(observation.getOBX(), patientId, location, obrTime);
                        }
                    }
                }
            }
            return new OruResult(controlId, false, observations(), measurements, ignored, errors);
        }

        private void readObx(OBX obx, String patientId, Location location, String obrTime) throws HL7Exception {
            String where = "OBX[" + obxCount + "]";
            CWE id = obx.getObx3_ObservationIdentifier();
            String code = id.encode();
            String value = obx.getObx5_ObservationValueReps() == 0 ? "" : obx.getObx5_ObservationValue(0).encode().strip();
            String[][] codings = {{text(id.getCwe1_Identifier()), text(id.getCwe3_NameOfCodingSystem())},
                    {text(id.getCwe4_AlternateIdentifier()), text(id.getCwe6_NameOfAlternateCodingSystem())}};
            VitalKind kind = null;
            String recognisedBy = null;
            boolean knownSystem = false;
            for (String[] c : codings) {
                VitalKind k = null;
                if (VitalCodes.isMdcSystem(c[1])) {
                    knownSystem = true;
                    k = VitalCodes.mdc(c[0]);
                } else if (VitalCodes.isLoincSystem(c[1])) {
                    knownSystem = true;
                    k = VitalCodes.loinc(c[0]);
                }
                if (k != null && kind == null) {
                    kind = k;
                    recognisedBy = c[1].toUpperCase(Locale.ROOT) + " " + c[0];
                }
            }
            if (kind == null) {
                if (codings[0][0].isEmpty() && codings[1][0].isEmpty() && !value.isEmpty()) {
                    errors.add(new Hl7Error("OBX", obxCount, 3, Hl7Error.REQUIRED_FIELD_MISSING,
                            "observation identifier missing, so value '" + value + "' cannot be attributed"));
                } else if (value.isEmpty()) {
                    ignored.add(new Ignored(where, code, value, "no value (a device, compound or setting row)"));
                } else if (knownSystem) {
                    ignored.add(new Ignored(where, code, value, "not a vital sign this module reads"));
                } else {
                    errors.add(new Hl7Error("OBX", obxCount, 3, Hl7Error.TABLE_VALUE_NOT_FOUND,
                            "code '" + code + "' is in no code system this module reads (MDC, LN), so value '"
                                    + value + "' was not used"));
                }
                return;
            }
            String status = text(obx.getObx11_ObservationResultStatus()).toUpperCase(Locale.ROOT);
            if (UNUSABLE_STATUS.containsKey(status)) {
                ignored.add(new Ignored(where, code, value,
                        "result status (OBX-11) " + status + ": " + UNUSABLE_STATUS.get(status)));
                return;
            }
            if (!USABLE_STATUS.contains(status)) {
                errors.add(new Hl7Error("OBX", obxCount, 11, Hl7Error.TABLE_VALUE_NOT_FOUND,
                        "result status '" + status + "' is not in HL7 table 0085"));
                return;
            }
            for (int i = 0; i < obx.getObx8_AbnormalFlagsReps(); i++) {
                String flag = text(obx.getObx8_AbnormalFlags(i)).toUpperCase(Locale.ROOT);
                if (UNFIT_FLAGS.containsKey(flag)) {
                    ignored.add(new Ignored(where, code, value,
                            "measurement status (OBX-8) " + flag + ": " + UNFIT_FLAGS.get(flag)));
                    return;
                }
            }
            if (value.isEmpty()) {
                ignored.add(new Ignored(where, code, value, "no value (OBX-5 empty: no reading)"));
                return;
            }
            if (!NUMBER.matcher(value).matches()) {
                errors.add(new Hl7Error("OBX", obxCount, 5, Hl7Error.DATA_TYPE,
                        "'" + value + "' is not a number; " + label(kind) + " (" + recognisedBy + ") needs one"));
                return;
            }
            CWE unitField = obx.getObx6_Units();
            String unitText = unitField.encode();
            Unit unit = Unit.lookup(text(unitField.getCwe1_Identifier()));
            if (unit == null) {
                unit = Unit.lookup(text(unitField.getCwe4_AlternateIdentifier()));
            }
            if (unit == null) {
                unit = Unit.lookup(text(unitField.getCwe2_Text()));
            }
            if (unitText.isEmpty()) {
                errors.add(new Hl7Error("OBX", obxCount, 6, Hl7Error.REQUIRED_FIELD_MISSING,
                        "unit missing; " + label(kind) + " (" + recognisedBy + ") needs one, e.g. " + kind.unit().symbol()));
                return;
            }
            double converted;
            try {
                if (unit == null) {
                    throw new IllegalArgumentException("'" + unitText + "' is not a unit this module reads");
                }
                converted = convert(Double.parseDouble(value), unit, kind.unit());
            } catch (IllegalArgumentException e) {
                errors.add(new Hl7Error("OBX", obxCount, 6, Hl7Error.TABLE_VALUE_NOT_FOUND,
                        "unit " + e.getMessage() + " for " + label(kind) + " (" + recognisedBy + "), which is in "
                                + kind.unit().symbol()));
                return;
            }
            String obxTime = text(obx.getObx14_DateTimeOfTheObservation());
            Instant time;
            try {
                time = obxTime.isEmpty() ? obrTime.isEmpty() ? null : time(obrTime) : time(obxTime);
            } catch (IllegalArgumentException e) {
                boolean obxHadIt = !obxTime.isEmpty();
                errors.add(new Hl7Error(obxHadIt ? "OBX" : "OBR", obxHadIt ? obxCount : obrCount, obxHadIt ? 14 : 7,
                        Hl7Error.DATA_TYPE, e.getMessage()));
                return;
            }
            if (time == null) {
                errors.add(new Hl7Error("OBX", obxCount, 14, Hl7Error.REQUIRED_FIELD_MISSING,
                        "no time: OBX-14 is empty and so is OBR-7 of its order"));
                return;
            }
            measurements.add(new Measurement(patientId, location, time, kind, converted, recognisedBy,
                    value + (unitText.isEmpty() ? "" : " " + unitText), obxCount));
        }

        /**
         * One core observation per patient and time, in message order. Where two values would fill
         * the same parameter, an ECG heart rate beats a pulse rate, and otherwise the first wins; the
         * other is listed as ignored, naming the one used.
         */
        private List<com.nexussaude.monitor.Observation> observations() {
            Map<String, List<Measurement>> groups = new LinkedHashMap<>();
            for (Measurement m : measurements) {
                groups.computeIfAbsent(m.patientId() + "\u0000" + m.time(), k -> new ArrayList<>()).add(m);
            }
            List<com.nexussaude.monitor.Observation> out = new ArrayList<>();
            for (List<Measurement> group : groups.values()) {
                Map<com.nexussaude.monitor.Vital, Measurement> chosen = new EnumMap<>(com.nexussaude.monitor.Vital.class);
                for (Measurement m : group) {
                    if (m.kind().vital() == null) {
                        continue;
                    }
                    Measurement previous = chosen.get(m.kind().vital());
                    if (previous == null) {
                        chosen.put(m.kind().vital(), m);
                    } else if (previous.kind() == VitalKind.PULSE_RATE && m.kind() == VitalKind.HEART_RATE) {
                        chosen.put(m.kind().vital(), m);
                        ignored.add(superseded(previous, m));
                    } else {
                        ignored.add(superseded(m, previous));
                    }
                }
                if (chosen.isEmpty()) {
                    continue;
                }
                Measurement first = group.get(0);
                com.nexussaude.monitor.Observation.Builder b =
                        com.nexussaude.monitor.Observation.builder(first.patientId(), first.time());
                chosen.forEach((vital, m) -> b.value(vital, m.value()));
                out.add(b.build());
            }
            return out;
        }
    }

    private static Ignored superseded(Measurement dropped, Measurement used) {
        return new Ignored(dropped.where(), dropped.code(), dropped.sentValue(),
                "not submitted: the " + used.kind().vital().label() + " of this patient at this time is "
                        + used.where() + " (" + used.code() + ")");
    }

    private static String label(VitalKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Converts and, if a conversion happened, rounds to 2 decimals (98.6 °F is 37.0 °C, not 36.99…). */
    static double convert(double value, Unit from, Unit to) {
        double v = from.convert(value, to);
        return from == to ? v : BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    /** Parses an HL7 DTM: {@code YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}. */
    Instant time(String dtm) {
        Matcher m = DTM.matcher(dtm);
        if (!m.matches() || m.group(3) == null) {
            throw new IllegalArgumentException("time '" + dtm + "' is not an HL7 date/time of at least day precision"
                    + " (YYYYMMDD[HHMM[SS[.SSSS]]][+/-ZZZZ])");
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : (int) Math.round(Double.parseDouble(m.group(7)) * 1_000_000_000L));
            ZoneId zone = m.group(8) == null ? localZone : ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3));
            return local.atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("time '" + dtm + "' is not a valid date/time: " + e.getMessage(), e);
        }
    }

    private static Location location(PL pl) {
        String ward = text(pl.getPl1_PointOfCare());
        String room = text(pl.getPl2_Room());
        String bed = text(pl.getPl3_Bed());
        if (ward.isEmpty() && room.isEmpty() && bed.isEmpty()) {
            return Location.UNKNOWN;
        }
        return new Location(ward.isEmpty() ? null : ward, room.isEmpty() ? null : room, bed.isEmpty() ? null : bed);
    }

    private static Hl7Error fromHapi(AbstractHL7Exception e) {
        ca.uhn.hl7v2.Location at = e.getLocation();
        String segment = at == null || at.getSegmentName() == null || at.getSegmentName().isEmpty() ? "MSH"
                : at.getSegmentName();
        int code = e.getErrorCode() <= 0 ? Hl7Error.DATA_TYPE : e.getErrorCode();
        return new Hl7Error(segment, at == null ? 1 : Math.max(at.getSegmentRepetition(), 1),
                at == null ? 0 : Math.max(at.getField(), 0), code, "cannot be parsed: " + e.getMessageWithoutLocation());
    }

    private static String text(Primitive p) {
        String v = p.getValue();
        return v == null ? "" : v.strip();
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\r").replace('\n', '\r');
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    /**
     * The message with MSH-12 set to 2.6: it is read with the 2.6 structures anyway, and HAPI 2.6.0
     * refuses versions it has no library for (2.8.2) even with a canonical model class factory.
     */
    private static String asVersion26(String message, Header header) {
        if (header.version().equals("2.6")) {
            return message;
        }
        int end = message.indexOf('\r');
        String msh = end < 0 ? message : message.substring(0, end);
        String[] f = msh.split(Pattern.quote(header.fieldSeparator()), -1);
        if (f.length < 12) {
            return message;
        }
        String cs = f[1].isEmpty() ? "^" : f[1].substring(0, 1);
        int component = f[11].indexOf(cs);
        f[11] = "2.6" + (component < 0 ? "" : f[11].substring(component));
        return String.join(header.fieldSeparator(), f) + (end < 0 ? "" : message.substring(end));
    }

    /** The MSH fields read before HAPI parses, so that even an unparseable message gets a precise ACK. */
    record Header(String fieldSeparator, String sendingApplication, String sendingFacility, String messageType,
                  String triggerEvent, String controlId, String processingId, String version) {

        /** An MSH segment long enough for MSH-1 and MSH-2, with a field separator that is not a segment end. */
        static boolean readable(String message) {
            int end = message.indexOf('\r');
            String msh = end < 0 ? message : message.substring(0, end);
            return msh.startsWith("MSH") && msh.length() >= 8;
        }

        static Header read(String message) {
            int end = message.indexOf('\r');
            String msh = end < 0 ? message : message.substring(0, end);
            String fs = String.valueOf(msh.charAt(3));
            String[] f = msh.split(Pattern.quote(fs), -1);
            char cs = f.length > 1 && !f[1].isEmpty() ? f[1].charAt(0) : '^';
            // f[0] is "MSH" and f[1] is MSH-2, so MSH-n is f[n - 1].
            String[] type = field(f, 9).split(Pattern.quote(String.valueOf(cs)), -1);
            return new Header(fs, field(f, 3), field(f, 4), type[0].strip(), type.length > 1 ? type[1].strip() : "",
                    field(f, 10), field(f, 11), field(f, 12).split(Pattern.quote(String.valueOf(cs)), -1)[0].strip());
        }

        private static String field(String[] f, int n) {
            return f.length > n - 1 ? f[n - 1] : "";
        }
    }

}
