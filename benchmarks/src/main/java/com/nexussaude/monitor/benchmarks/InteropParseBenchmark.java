package com.nexussaude.monitor.benchmarks;

import com.nexussaude.monitor.fhir.FhirObservations;
import com.nexussaude.monitor.fhir.ParseResult;
import com.nexussaude.monitor.hl7.MllpListener;
import com.nexussaude.monitor.hl7.OruHandler;
import com.nexussaude.monitor.hl7.OruParser;
import com.nexussaude.monitor.hl7.OruResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What reading hospital formats costs: one IHE PCD-01 ORU^R01 with seven vitals through
 * {@link OruParser} (HAPI v2, no validation), the same vitals as a FHIR R4 Bundle of four
 * Observations through {@link FhirObservations} (Jackson), and one message sent over MLLP on
 * loopback until its ACK is back (parse, handler, ACK, two socket writes). {@code baseline} is an
 * empty method.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar InteropParseBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class InteropParseBenchmark {

    static final String ORU = "MSH|^~\\&|MONITOR^0123456789ABCDEF^EUI-64||||20260101080000+0000||ORU^R01^ORU_R01|MSG1|P|2.6|||NE|AL\r"
            + "PID|||bed-7^^^Hospital^PI||Doe^Jane\r"
            + "PV1||I|ICU^12^3\r"
            + "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||20260101080000+0000\r"
            + "OBX|1|NM|147842^MDC_ECG_HEART_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r"
            + "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.2.1.1|97|262688^MDC_DIM_PERCENT^MDC|||||R\r"
            + "OBX|3|NM|151562^MDC_RESP_RATE^MDC|1.3.1.1|16|264928^MDC_DIM_RESP_PER_MIN^MDC|||||R\r"
            + "OBX|4||150020^MDC_PRESS_BLD_NONINV^MDC|1.4.1|||||||R\r"
            + "OBX|5|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.4.1.1|120|266016^MDC_DIM_MMHG^MDC|||||R\r"
            + "OBX|6|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.4.1.2|80|266016^MDC_DIM_MMHG^MDC|||||R\r"
            + "OBX|7|NM|150023^MDC_PRESS_BLD_NONINV_MEAN^MDC|1.4.1.3|93|266016^MDC_DIM_MMHG^MDC|||||R\r"
            + "OBX|8|NM|150364^MDC_TEMP_BODY^MDC|1.5.1.1|98.6|266560^MDC_DIM_FAHR^MDC|||||R\r";

    static final String BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
            + entry("8867-4", "72", "/min") + "," + entry("2708-6", "97", "%") + "," + entry("9279-1", "16", "/min") + ","
            + "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
            + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],\"code\":{\"coding\":"
            + "[{\"system\":\"http://loinc.org\",\"code\":\"85354-9\"}]},\"subject\":{\"reference\":\"Patient/bed-7\"},"
            + "\"effectiveDateTime\":\"2026-01-01T08:00:00Z\",\"component\":["
            + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8480-6\"}]},\"valueQuantity\":{\"value\":120,\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}},"
            + "{\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8462-4\"}]},\"valueQuantity\":{\"value\":80,\"unit\":\"mmHg\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"mm[Hg]\"}}]}}"
            + "]}";

    private static String entry(String loinc, String value, String unit) {
        return "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],\"code\":{\"coding\":"
                + "[{\"system\":\"http://loinc.org\",\"code\":\"" + loinc + "\"}]},\"subject\":{\"reference\":\"Patient/bed-7\"},"
                + "\"effectiveDateTime\":\"2026-01-01T08:00:00Z\",\"valueQuantity\":{\"value\":" + value
                + ",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + unit + "\"}}}";
    }

    private final OruParser parser = new OruParser();
    private MllpListener listener;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] framed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        OruResult check = parser.parse(ORU);
        ParseResult fhir = FhirObservations.parse(BUNDLE);
        if (check.measurements().size() != 7 || !check.errors().isEmpty() || fhir.measurements().size() != 5
                || !fhir.rejections().isEmpty()) {
            throw new IllegalStateException("benchmark input does not parse cleanly: " + check.errors() + fhir.rejections());
        }
        listener = MllpListener.builder(r -> List.of()).start();
        socket = new Socket(listener.address().getAddress(), listener.port());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        byte[] body = ORU.getBytes(StandardCharsets.ISO_8859_1);
        framed = new byte[body.length + 3];
        framed[0] = 0x0B;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = 0x1C;
        framed[body.length + 2] = 0x0D;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        socket.close();
        listener.close();
    }

    @Benchmark
    public void baseline() {
    }

    @Benchmark
    public OruResult hl7Parse() {
        return parser.parse(ORU);
    }

    @Benchmark
    public ParseResult fhirBundleParse() {
        return FhirObservations.parse(BUNDLE);
    }

    /** One message out and its ACK back; returns the ACK's length. */
    @Benchmark
    public int mllpRoundTrip() throws IOException {
        out.write(framed);
        out.flush();
        int n = 0;
        int b;
        while ((b = in.read()) != 0x1C) {
            if (b == -1) {
                throw new IOException("listener closed the connection");
            }
            n++;
        }
        if (in.read() != 0x0D) {
            throw new IOException("ACK frame not ended by 0x1C 0x0D");
        }
        return n;
    }
}
