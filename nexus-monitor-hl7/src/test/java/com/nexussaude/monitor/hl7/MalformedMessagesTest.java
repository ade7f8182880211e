package com.nexussaude.monitor.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.Observation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each class of bad input gets a rejection naming segment and field, and the valid rest of the
 * message still comes out.
 */
class MalformedMessagesTest {
    static final String MSH = "MSH|^~\\&|MONITOR^0123456789ABCDEF^EUI-64||||20260101080000+0000||ORU^R01^ORU_R01|MSG1|P|2.6\r";
    static final String PID = "PID|||bed-7^^^Hospital^PI||Doe^Jane\r";
    static final String PV1 = "PV1||I|ICU^12^3\r";
    static final String OBR = "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20260101080000+0000\r";
    static final String HR = "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.0.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r";
    static final Observation VALID_HR = Observation.builder("bed-7", Instant.parse("2026-01-01T08:00:00Z")).heartRate(72).build();

    private final OruParser parser = new OruParser();

    @Test
    void aGoodMessageIsAccepted() {
        OruResult r = parser.parse(MSH + PID + PV1 + OBR + HR);
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.measurements().get(0).location()).isEqualTo(new Location("ICU", "12", "3"));
    }

    @Test
    void missingMshIsRefused() {
        OruResult r = parser.parse(PID + OBR + HR);
        assertThat(r.ackCode()).isEqualTo(AckCode.AR);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("MSH");
            assertThat(e.errorCode()).isEqualTo(Hl7Error.SEGMENT_SEQUENCE);
            assertThat(e.message()).startsWith("a message must start with an MSH segment, but it starts with 'PID|||bed-7");
        });
        String ack = OruParser.ack(PID + OBR + HR, r, Instant.parse("2026-01-01T08:00:01Z"));
        assertThat(Acks.parse(ack)).isEqualTo(new Acks.Ack("AR", "", List.of("MSH^1^0")));
    }

    @Test
    void wrongVersionIsRefusedNamingMsh12() {
        OruResult r = parser.parse(MSH.replace("|P|2.6", "|P|3.0") + PID + OBR + HR);
        assertThat(r.ackCode()).isEqualTo(AckCode.AR);
        assertThat(r.controlId()).isEqualTo("MSG1");
        assertThat(r.errors()).singleElement().hasToString(
                "MSH-12: version '3.0' is not supported; expected one of 2.3 to 2.8 (IHE PCD-01 is 2.6)");
        assertThat(r.errors().get(0).errorCode()).isEqualTo(Hl7Error.UNSUPPORTED_VERSION);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.7", "2.8.2"})
    void otherSupportedVersionsAreReadWithThe26Structures(String version) {
        OruResult r = parser.parse(MSH.replace("|P|2.6", "|P|" + version) + PID + PV1 + OBR + HR);
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(OruParser.ack(MSH + PID, r, Instant.EPOCH)).contains("MSA|AA|MSG1");
    }

    @Test
    void aTooShortMshIsRefusedNamingMsh2() {
        OruResult r = parser.parse("MSH|^\r" + PID + OBR + HR);
        assertThat(r.errors()).singleElement().hasToString(
                "MSH-2: the MSH segment is too short to hold the field separator and the encoding characters");
    }

    @Test
    void otherMessageTypesAreRefusedNamingMsh9() {
        OruResult r = parser.parse(MSH.replace("ORU^R01^ORU_R01", "ADT^A01^ADT_A01") + PID);
        assertThat(r.errors()).singleElement().hasToString("MSH-9: message type 'ADT^A01' is not ORU^R01");
    }

    @Test
    void anUnknownCodeSystemIsAnErrorAndTheValidObxStillFlows() {
        String unknown = "OBX|2|NM|HR^Heart rate^LOCAL|1.0.1.2|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + unknown);
        assertThat(r.ackCode()).isEqualTo(AckCode.AE);
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.errors()).singleElement().hasToString(
                "OBX[2]-3: code 'HR^Heart rate^LOCAL' is in no code system this module reads (MDC, LN), so value '80' was not used");
    }

    @Test
    void anMdcCodeThatIsNotAVitalIsIgnoredNotAnError() {
        String pvc = "OBX|2|NM|148065^MDC_ECG_V_P_C_CNT^MDC|1.0.1.2|3|/min^/min^UCUM|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + pvc);
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        assertThat(r.ignored()).singleElement().hasToString(
                "OBX[2] 148065^MDC_ECG_V_P_C_CNT^MDC = 3: ignored, not a vital sign this module reads");
    }

    @Test
    void anUnknownUnitIsAnErrorNamingObx6() {
        String spo2 = "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|97|furlongs^^UCUM|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + spo2);
        assertThat(r.ackCode()).isEqualTo(AckCode.AE);
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.errors()).singleElement().hasToString(
                "OBX[2]-6: unit 'furlongs^^UCUM' is not a unit this module reads for spo2 (MDC 150456), which is in %");
    }

    @Test
    void aUnitOfTheWrongDimensionIsAnError() {
        String temp = "OBX|2|NM|150364^MDC_TEMP_BODY^MDC|1.0.0.1|37|266016^MDC_DIM_MMHG^MDC|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + temp);
        assertThat(r.errors()).singleElement().hasToString(
                "OBX[2]-6: unit mmHg cannot be converted to °C for temperature (MDC 150364), which is in °C");
    }

    @Test
    void aMissingUnitIsAnError() {
        String rr = "OBX|2|NM|151562^MDC_RESP_RATE^MDC|1.0.0.1|18||||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + rr);
        assertThat(r.errors()).singleElement().hasToString(
                "OBX[2]-6: unit missing; respiratory rate (MDC 151562) needs one, e.g. /min");
    }

    @Test
    void kilopascalIsConvertedToMmHgAndPartitionRelativeCodesAreRead() {
        // 18949 and 18950 are 150021/150022 without the SCADA partition; 3843 is kPa without the DIM partition.
        String sys = "OBX|2|NM|18949^MDC_PRESS_BLD_NONINV_SYS^MDC|1.0.1.1|16|3843^MDC_DIM_KILO_PASCAL^MDC|||||R\r";
        String dia = "OBX|3|NM|18950^MDC_PRESS_BLD_NONINV_DIA^MDC|1.0.1.2|10.5|kPa^kPa^UCUM|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + sys + dia);
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).containsExactly(Observation.builder("bed-7", Instant.parse("2026-01-01T08:00:00Z"))
                .heartRate(72).bloodPressure(120.01, 78.76).build());
    }

    @Test
    void loincCodesAreReadToo() {
        String rr = "OBX|2|NM|9279-1^Respiratory rate^LN|1|22|/min^/min^UCUM|||||F\r";
        OruResult r = parser.parse(MSH + PID + OBR + rr);
        assertThat(r.measurements()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(VitalKind.RESPIRATORY_RATE);
            assertThat(m.code()).isEqualTo("LN 9279-1");
        });
    }

    @Test
    void twoPatientsInOneMessageAndAnMdcCodeInTheAlternateComponents() {
        String second = "PID|||bed-8^^^Hospital^PI\r" + "PV1||I|CCU^4^1\r" + OBR
                + "OBX|1|NM|HR^Heart rate^LOCAL^147842^MDC_ECG_HEART_RATE^MDC|1|64|/min^/min^UCUM|||||R\r";
        OruResult r = parser.parse(MSH + PID + PV1 + OBR + HR + second);
        assertThat(r.errors()).isEmpty();
        assertThat(r.observations()).containsExactly(VALID_HR,
                Observation.builder("bed-8", Instant.parse("2026-01-01T08:00:00Z")).heartRate(64).build());
        assertThat(r.measurements().get(1).location()).isEqualTo(new Location("CCU", "4", "1"));
        assertThat(r.measurements().get(1).where()).isEqualTo("OBX[2]");
        assertThat(r.measurements().get(1).code()).isEqualTo("MDC 147842");
    }

    @Test
    void aNonNumericValueIsAnErrorNamingObx5() {
        String hr = "OBX|2|NM|149530^MDC_PULS_OXIM_PULS_RATE^MDC|1.0.0.2|seventy|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + hr);
        assertThat(r.errors()).singleElement().hasToString(
                "OBX[2]-5: 'seventy' is not a number; pulse rate (MDC 149530) needs one");
        assertThat(r.observations()).containsExactly(VALID_HR);
    }

    @Test
    void aBadObxTimeIsAnErrorNamingObx14() {
        String spo2 = "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1|97|262688^MDC_DIM_PERCENT^MDC|||||R|||20261345\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + spo2);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("OBX[2]-14");
            assertThat(e.message()).startsWith("time '20261345' is not a valid date/time");
        });
    }

    @Test
    void noTimeAnywhereIsAnError() {
        OruResult r = parser.parse(MSH + PID + "OBR|1\r" + HR);
        assertThat(r.errors()).singleElement().hasToString("OBX[1]-14: no time: OBX-14 is empty and so is OBR-7 of its order");
    }

    @Test
    void aMissingPatientIdIsAnErrorNamingPid3() {
        OruResult r = parser.parse(MSH + "PID|||\r" + OBR + HR);
        assertThat(r.ackCode()).isEqualTo(AckCode.AE);
        assertThat(r.observations()).isEmpty();
        assertThat(r.errors()).singleElement().hasToString(
                "PID-3: patient identifier missing (PID-3.1); the observations of this patient result were not used");
    }

    @Test
    void cancelledAndFlaggedResultsAreIgnoredWithTheirReason() {
        String cancelled = "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1|97|262688^MDC_DIM_PERCENT^MDC|||||X\r";
        String invalid = "OBX|3|NM|151562^MDC_RESP_RATE^MDC|1|40|264928^MDC_DIM_RESP_PER_MIN^MDC||INV|||R\r";
        String empty = "OBX|4|NM|150364^MDC_TEMP_BODY^MDC|1||268192^MDC_DIM_DEGC^MDC|||||R\r";
        OruResult r = parser.parse(MSH + PID + OBR + HR + cancelled + invalid + empty);
        assertThat(r.ackCode()).isEqualTo(AckCode.AA);
        assertThat(r.observations()).containsExactly(VALID_HR);
        assertThat(r.ignored()).extracting(Ignored::reason).containsExactly(
                "result status (OBX-11) X: cannot be obtained",
                "measurement status (OBX-8) INV: invalid",
                "no value (OBX-5 empty: no reading)");
    }

    @Test
    void timesWithoutOffsetAreReadInTheConfiguredZone() {
        OruParser saoPaulo = new OruParser(java.time.ZoneId.of("America/Sao_Paulo"));
        OruResult r = saoPaulo.parse(MSH + PID + "OBR|1|||x^y^SNOMED-CT|||20260101080000\r" + HR);
        assertThat(r.observations().get(0).timestamp()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    }

    @Test
    void aFileWithManyMessagesAndLfLineEndsSplitsAtEachMsh() {
        String one = (MSH + PID + OBR + HR).replace('\r', '\n');
        List<String> messages = OruParser.split(one + "\n" + one.replace("MSG1", "MSG2"));
        assertThat(messages).hasSize(2);
        assertThat(messages).extracting(m -> parser.parse(m).controlId()).containsExactly("MSG1", "MSG2");
    }

    @Test
    void theAckEscapesDelimitersInMessagesAndEchoesTheControlId() {
        String unknown = "OBX|2|NM|HR^Heart rate^LOCAL|1.0.1.2|80|/min^/min^UCUM|||||R\r";
        String message = MSH + PID + OBR + HR + unknown;
        String ack = OruParser.ack(message, parser.parse(message), Instant.parse("2026-01-01T08:00:01Z"));
        assertThat(ack).startsWith("MSH|^~\\&|NEXUS-MONITOR||MONITOR^0123456789ABCDEF^EUI-64||20260101080001+0000||ACK^R01^ACK|ACK-MSG1|P|2.6\r"
                + "MSA|AE|MSG1\r"
                + "ERR||OBX^2^3|103^^HL70357|E||||OBX[2]-3: code 'HR\\S\\Heart rate\\S\\LOCAL' is in no code system");
        assertThat(Acks.parse(ack)).isEqualTo(new Acks.Ack("AE", "MSG1", List.of("OBX^2^3")));
    }
}
