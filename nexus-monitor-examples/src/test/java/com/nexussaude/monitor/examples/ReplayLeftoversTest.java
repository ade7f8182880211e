package com.nexussaude.monitor.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's leftovers of issue 14: {@code replay --journal} exits 3 when the journal's appends
 * fail (a real file-size limit, as a full disk makes them fail), and the HL7 and FHIR readers decode
 * strict UTF-8 line by line: an invalid byte costs its message or document, reported, and the rest replays.
 */
class ReplayLeftoversTest {
    private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /**
     * The replay runs in a child JVM whose file-size limit ({@code ulimit -f}, 4 KiB) the journal outgrows:
     * the kernel refuses the writes past it (EFBIG; the JVM ignores SIGXFSZ), exactly as a full disk refuses
     * them. No appender is faked.
     */
    @Test
    void replayExitsThreeWithTheDegradedLineWhenJournalAppendsFailAndTheAlertsStillGoOut() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for ulimit; skipped");
        List<String> lines = new ArrayList<>();
        for (int bed = 1; bed <= 6; bed++) {
            for (int s = 0; s <= 30; s++) {
                lines.add("{\"patient_id\":\"bed-" + bed + "\",\"timestamp\":\"" + T0.plusSeconds(s)
                        + "\",\"heart_rate\":80,\"oxygen_saturation\":84}");
            }
        }
        Path input = Files.write(dir.resolve("hypoxic.jsonl"), lines);
        Path journal = dir.resolve("alerts.journal");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "ulimit -f 4 && exec \"$0\" -Xmx256m -XX:-UsePerfData -cp \"$1\" "
                + "com.nexussaude.monitor.examples.NexusMonitorCli replay --journal \"$2\" \"$3\"";
        // Pipes, not files: the file-size limit would cut the child's own output files too.
        Process p = new ProcessBuilder("/bin/sh", "-c", script, javaBin, System.getProperty("java.class.path"),
                journal.toString(), input.toString()).start();
        java.util.concurrent.CompletableFuture<String> errText = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> read(p.getErrorStream()));
        String stdout = read(p.getInputStream());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the child replay ended").isTrue();
        String stderr = errText.join();

        assertThat(p.exitValue()).as(stderr).isEqualTo(ReplayCommand.EXIT_JOURNAL_DEGRADED);
        assertThat(stderr).containsPattern("journal: DEGRADED: [1-9][0-9]* failed append\\(s\\), \\d+ record\\(s\\) still"
                + " waiting for retry, \\d+ lost; " + java.util.regex.Pattern.quote(journal.toString()) + " is incomplete");
        assertThat(Files.size(journal)).isLessThanOrEqualTo(4096);
        // The alerts and pages went out although their history could not be written.
        assertThat(ReplayCommandTest.events(stdout))
                .filteredOn(e -> e.get("event").asText().equals("raised")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(stderr).containsPattern("notifications \\(pages that would go out\\): [1-9]");
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String oru(String id, Instant t, String patientName, int spo2) {
        return "MSH|^~\\&|MONITOR||||" + DTM.format(t) + "+0000||ORU^R01^ORU_R01|" + id + "|P|2.6\r\n"
                + "PID|||bed-9^^^H^PI||" + patientName + "\r\n"
                + "PV1||I|ICU^1^2\r\n"
                + "OBR|1|||182777000^monitoring of patient^SNOMED-CT|||" + DTM.format(t) + "+0000\r\n"
                + "OBX|1|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.0.0.1|" + spo2 + "|262688^MDC_DIM_PERCENT^MDC|||||R\r\n"
                + "OBX|2|NM|147842^MDC_ECG_HEART_RATE^MDC|1.0.1.1|80|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r\n";
    }

    @Test
    void anInvalidByteInAnHl7MessageCostsThatMessageReportedAndTheOthersReplay() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int s = 0; s <= 30; s++) {
            // message 5 (starting at line 25) has an invalid byte in its PID (line 26); message 9 (line 49) a NUL in an OBX (line 53)
            String name = s == 4 ? "Jos\u00ff" : "Doe^Jane";
            byte[] msg = oru("m" + s, T0.plusSeconds(s), name, 84).getBytes(StandardCharsets.UTF_8);
            if (s == 4) {
                msg = oru("m" + s, T0.plusSeconds(s), "Jos?", 84).getBytes(StandardCharsets.UTF_8);
                int q = indexOf(msg, (byte) '?');
                msg[q] = (byte) 0xff;
            }
            if (s == 8) {
                int q = indexOf(msg, (byte) 'R', indexOf(msg, (byte) 'O', indexOf(msg, (byte) 'B', 0) + 1));
                msg[indexOf(msg, (byte) '|', q) + 1] = 0;
            }
            file.write(msg);
        }
        Path hl7 = Files.write(dir.resolve("ward.hl7"), file.toByteArray());
        Cli.Result r = Cli.run("replay", hl7.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains(hl7 + ":26: invalid UTF-8 at byte 24 (0xff); the message of line 25 is skipped");
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(hl7.toString())
                + ":53: NUL byte at byte \\d+: not a text line; the message of line 49 is skipped");
        assertThat(r.err()).contains("1 file(s), 31 observations read, 29 accepted, 2 rejected (2 invalid input lines");
        assertThat(ReplayCommandTest.events(r.out())).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("raised");
            assertThat(e.get("patient_id").asText()).isEqualTo("bed-9");
        });
    }

    @Test
    void anHl7MessageDeclaringIso88591IsDecodedAsSuch() throws IOException {
        String msg = oru("m1", T0, "Jos\u00e9", 97).replace("|P|2.6\r\n", "|P|2.6||||||8859/1\r\n");
        Path hl7 = Files.write(dir.resolve("latin1.hl7"), msg.getBytes(StandardCharsets.ISO_8859_1));
        Cli.Result r = Cli.run("replay", hl7.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("1 file(s), 1 observations read, 1 accepted, 0 rejected");
    }

    @Test
    void anInvalidByteInAFhirDocumentCostsThatDocumentReportedAndTheOtherFilesReplay() throws IOException {
        String good = fhirSpo2(0, 84, "ok");
        byte[] bad = ("{\n" + fhirSpo2(1, 97, "bad?").substring(1)).getBytes(StandardCharsets.UTF_8);
        bad[indexOf(bad, (byte) '?')] = (byte) 0xc3; // a cut two-byte sequence on line 2
        Path broken = Files.write(dir.resolve("broken.fhir.json"), bad);
        Path fine = Files.writeString(dir.resolve("fine.fhir.json"), good);
        Cli.Result r = Cli.run("replay", broken.toString(), fine.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(broken.toString())
                + ":2: invalid UTF-8 at byte \\d+ \\(0xc3\\); the FHIR document is skipped");
        assertThat(r.err()).contains("2 file(s), 2 observations read, 1 accepted, 1 rejected (1 invalid input lines");
    }

    private static String fhirSpo2(int second, int value, String note) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\"}]},"
                + "\"subject\":{\"reference\":\"Patient/bed-8\"},\"effectiveDateTime\":\"" + T0.plusSeconds(second) + "\","
                + "\"note\":[{\"text\":\"" + note + "\"}],"
                + "\"valueQuantity\":{\"value\":" + value + ",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%\"}}";
    }

    private static int indexOf(byte[] b, byte x) {
        return indexOf(b, x, 0);
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + (char) x);
    }
}
