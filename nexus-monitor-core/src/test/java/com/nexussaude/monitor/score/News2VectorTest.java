package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nexussaude.monitor.Consciousness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every asserted case of the three public NEWS2 test suites in {@code shared/data/news2-vectors}.
 *
 * <p>Encodings, read from each file's notes column:
 * <ul>
 *   <li>empty input cell = absent parameter; empty {@code spo2_scale} = scale 1 (the column is only
 *       empty where SpO2 is absent);</li>
 *   <li>{@code consciousness}: dhos uses A/C/V/P/U; gdl-lang and openEHR use a binary input
 *       (0 = Alert, 3 = "CVPU"), so a {@code CVPU} row is scored for each of C, V, P and U and all
 *       four must give the same result;</li>
 *   <li>{@code on_oxygen}: {@code true}/{@code false} (dhos {@code o2_therapy > 0} already mapped);</li>
 *   <li>empty {@code exp_*} sub-score cells (gdl/openEHR O2 and consciousness, which are inputs in
 *       those models) are not compared.</li>
 * </ul>
 *
 * <p>Monitoring mapping ({@code exp_monitoring} → {@link News2Monitoring}): dhos
 * {@code routine_monitoring} and gdl/openEHR "Minimum every 12 hrs" → TWELVE_HOURLY;
 * {@code low_monitoring} / "Minimum every 4-6 hrs" → FOUR_TO_SIX_HOURLY;
 * {@code low_medium_monitoring}, {@code medium_monitoring} / "Minimum every hr" → HOURLY;
 * {@code high_monitoring} / "Continuous monitoring of vital signs" → CONTINUOUS. For dhos rows
 * the configured interval in the notes ({@code zero=12 low=6 low-medium=1 medium=1 high=0} hours)
 * is also checked against {@link News2Monitoring#maxInterval()}.
 *
 * <p>Partial flag: ours is true exactly when one of the seven NEWS2 inputs is absent. dhos also
 * flags {@code partial_set} for overall1/overall10, whose seven parameters are all present: its
 * extra input (the oxygen mask type, {@code mask=undefined}) is not a NEWS2 parameter.
 */
class News2VectorTest {

    /** Asserted-case counts per suite, as stated in CLINICAL.md and verified against the files. */
    static final Map<String, Integer> EXPECTED_ROWS = new LinkedHashMap<>();
    /** Rows whose source assertion disagrees with RCP, per suite. */
    static final Map<String, Integer> EXPECTED_DISAGREEMENTS = new LinkedHashMap<>();

    static {
        EXPECTED_ROWS.put("dhos-scoring-engine.csv", 90);
        EXPECTED_ROWS.put("gdl-lang-common-clinical-models.csv", 19);
        EXPECTED_ROWS.put("openehr-gdl-guideline-models.csv", 19);
        EXPECTED_DISAGREEMENTS.put("dhos-scoring-engine.csv", 3);
        EXPECTED_DISAGREEMENTS.put("gdl-lang-common-clinical-models.csv", 0);
        EXPECTED_DISAGREEMENTS.put("openehr-gdl-guideline-models.csv", 1);
    }

    static final String[] INPUT_COLUMNS = {"resp_rate", "spo2", "on_oxygen", "systolic_bp", "heart_rate",
        "consciousness", "temperature_c"};

    static final Map<String, News2Parameter> SUBSCORE_COLUMNS = new LinkedHashMap<>();

    static {
        SUBSCORE_COLUMNS.put("exp_rr", News2Parameter.RESPIRATORY_RATE);
        SUBSCORE_COLUMNS.put("exp_spo2", News2Parameter.OXYGEN_SATURATION);
        SUBSCORE_COLUMNS.put("exp_o2", News2Parameter.SUPPLEMENTAL_OXYGEN);
        SUBSCORE_COLUMNS.put("exp_sbp", News2Parameter.BLOOD_PRESSURE_SYSTOLIC);
        SUBSCORE_COLUMNS.put("exp_hr", News2Parameter.HEART_RATE);
        SUBSCORE_COLUMNS.put("exp_consc", News2Parameter.CONSCIOUSNESS);
        SUBSCORE_COLUMNS.put("exp_temp", News2Parameter.TEMPERATURE);
    }

    static final Map<String, News2Monitoring> MONITORING = Map.of(
            "routine_monitoring", News2Monitoring.TWELVE_HOURLY,
            "minimum every 12 hrs", News2Monitoring.TWELVE_HOURLY,
            "low_monitoring", News2Monitoring.FOUR_TO_SIX_HOURLY,
            "minimum every 4-6 hrs", News2Monitoring.FOUR_TO_SIX_HOURLY,
            "low_medium_monitoring", News2Monitoring.HOURLY,
            "medium_monitoring", News2Monitoring.HOURLY,
            "minimum every hr", News2Monitoring.HOURLY,
            "high_monitoring", News2Monitoring.CONTINUOUS,
            "continuous monitoring of vital signs", News2Monitoring.CONTINUOUS);

    static final String[] CANDIDATES = {"../shared/data/news2-vectors", "../../shared/data/news2-vectors"};

    /** One CSV row with its suite and position. */
    record VectorRow(String suite, int number, Map<String, String> cells) {
        String get(String column) {
            String v = cells.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + suite);
            }
            return v.trim();
        }

        boolean agrees() {
            return get("agrees_with_rcp").equals("yes");
        }
    }

    static Path vectorsDir() {
        Path base = Paths.get(System.getProperty("user.dir"));
        for (String c : CANDIDATES) {
            Path p = base.resolve(c).normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    static String absentMessage() {
        Path base = Paths.get(System.getProperty("user.dir"));
        return base.resolve(CANDIDATES[0]).normalize() + " (or " + base.resolve(CANDIDATES[1]).normalize()
                + ") is absent: skipping NEWS2 vector tests";
    }

    static List<VectorRow> load(Path dir, String file) {
        try {
            String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
            List<Map<String, String>> rows = SimpleCsv.parseWithHeader(text);
            List<VectorRow> out = new ArrayList<>();
            String suite = file.replace(".csv", "");
            for (int i = 0; i < rows.size(); i++) {
                out.add(new VectorRow(suite, i + 1, rows.get(i)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> rows() {
        Path dir = vectorsDir();
        if (dir == null) {
            return Stream.of(Arguments.of(Named.of("NEWS2 vectors absent", null)));
        }
        return EXPECTED_ROWS.keySet().stream().flatMap(f -> load(dir, f).stream())
                .map(r -> Arguments.of(Named.of(displayName(r), r)));
    }

    static String displayName(VectorRow r) {
        String name = r.suite() + " #" + r.number() + " '" + r.get("case_id") + "'";
        if (r.agrees()) {
            return name;
        }
        return name + " - source disagrees with RCP: " + reason(r);
    }

    /** Why the source disagrees: the agrees_with_rcp text plus any notes segment naming a non-RCP rule. */
    static String reason(VectorRow r) {
        StringBuilder b = new StringBuilder(r.get("agrees_with_rcp").replaceFirst("^NO:\\s*", ""));
        String extensions = Arrays.stream(r.get("notes").split("\\s*\\|\\s*"))
                .filter(s -> s.contains("not RCP")).collect(Collectors.joining("; "));
        if (!extensions.isEmpty()) {
            b.append(" [").append(extensions).append(']');
        } else if (r.get("rcp_ref_risk").equals("low-medium") && normaliseRisk(r.get("exp_risk")) == News2Risk.LOW) {
            b.append(" [source ignores the RCP rule that a 3 in any single parameter is low-medium: a bug in "
                    + "that suite]");
        }
        return b.toString();
    }

    static News2Risk normaliseRisk(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (News2Risk r : News2Risk.values()) {
            if (r.wireName().equals(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown risk text '" + text + "'");
    }

    static News2Monitoring monitoring(String text) {
        News2Monitoring m = MONITORING.get(text.trim().toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("no unambiguous mapping for exp_monitoring '" + text + "'");
        }
        return m;
    }

    /** The consciousness levels a row's encoding stands for (a single null if absent). */
    static List<Consciousness> consciousnessLevels(String cell) {
        if (cell.isEmpty()) {
            return Arrays.asList((Consciousness) null);
        }
        if (cell.equalsIgnoreCase("CVPU")) {
            return List.of(Consciousness.CONFUSION, Consciousness.VOICE, Consciousness.PAIN,
                    Consciousness.UNRESPONSIVE);
        }
        return List.of(Consciousness.parse(cell));
    }

    static Double number(String cell) {
        return cell.isEmpty() ? null : Double.valueOf(cell);
    }

    static News2Input input(VectorRow r, Consciousness level) {
        String o2 = r.get("on_oxygen");
        Boolean onOxygen = switch (o2) {
            case "" -> null;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("on_oxygen must be true|false|empty, but was " + o2);
        };
        String scale = r.get("spo2_scale");
        return new News2Input(number(r.get("resp_rate")), number(r.get("spo2")),
                scale.isEmpty() ? 1 : Integer.parseInt(scale), onOxygen, number(r.get("systolic_bp")),
                number(r.get("heart_rate")), level, number(r.get("temperature_c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void vectorRow(VectorRow r, TestInfo info) {
        assumeTrue(r != null, absentMessage());

        List<News2Score> scores = consciousnessLevels(r.get("consciousness")).stream()
                .map(level -> News2.score(input(r, level))).toList();
        News2Score s = scores.get(0);
        for (News2Score other : scores) {
            assertThat(other.subscores()).as("every level of the CVPU class scores the same").isEqualTo(s.subscores());
            assertThat(other.risk()).isEqualTo(s.risk());
        }

        for (Map.Entry<String, News2Parameter> e : SUBSCORE_COLUMNS.entrySet()) {
            String cell = r.get(e.getKey());
            if (!cell.isEmpty()) {
                assertThat(s.points(e.getValue())).as(e.getKey()).isEqualTo(Integer.parseInt(cell));
            }
        }

        boolean anyAbsent = Arrays.stream(INPUT_COLUMNS).anyMatch(c -> r.get(c).isEmpty());
        assertThat(s.partial()).as("partial").isEqualTo(anyAbsent);

        int expTotal = Integer.parseInt(r.get("exp_total"));
        News2Risk expRisk = normaliseRisk(r.get("exp_risk"));
        News2Monitoring expMonitoring = r.get("exp_monitoring").isEmpty() ? null : monitoring(r.get("exp_monitoring"));
        int rcpTotal = Integer.parseInt(r.get("rcp_ref_total"));
        News2Risk rcpRisk = normaliseRisk(r.get("rcp_ref_risk"));

        // our result always equals the independent RCP reference
        assertThat(s.total()).as("total vs rcp_ref_total").isEqualTo(rcpTotal);
        assertThat(s.risk()).as("risk vs rcp_ref_risk").isEqualTo(rcpRisk);
        assertThat(s.monitoring()).isEqualTo(News2Monitoring.forScore(rcpTotal, rcpRisk));

        if (r.agrees()) {
            assertThat(s.total()).as("exp_total").isEqualTo(expTotal);
            assertThat(s.risk()).as("exp_risk").isEqualTo(expRisk);
            if (expMonitoring != null) {
                assertThat(s.monitoring()).as("exp_monitoring").isEqualTo(expMonitoring);
            }
            checkDhosInterval(r, s);
        } else {
            System.out.println(info.getDisplayName() + " -> ours: total " + s.total() + ", " + s.risk().wireName()
                    + ", " + s.monitoring().wireName() + " (source: total " + expTotal + ", " + r.get("exp_risk")
                    + ", " + r.get("exp_monitoring") + ")");
            assertThat(List.of(s.total(), s.risk())).as("differs from the source's assertion")
                    .isNotEqualTo(List.of(expTotal, expRisk));
            String disputed = r.get("agrees_with_rcp").replaceFirst("^NO:\\s*", "").split(":")[0].trim();
            switch (disputed) {
                case "risk" -> assertThat(s.risk()).isNotEqualTo(expRisk);
                case "total" -> assertThat(s.total()).isNotEqualTo(expTotal);
                default -> fail("unknown disputed field '" + disputed + "' in " + r.get("agrees_with_rcp"));
            }
            if (expMonitoring != null) {
                assertThat(s.monitoring()).as("monitoring differs with the risk").isNotEqualTo(expMonitoring);
            }
        }
    }

    /** dhos notes carry the engine's configured intervals; ours must match its max interval. */
    private static void checkDhosInterval(VectorRow r, News2Score s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "config intervals \\(h\\): zero=([\\d.]+) low=([\\d.]+) low-medium=([\\d.]+) medium=([\\d.]+) "
                        + "high=([\\d.]+)").matcher(r.get("notes"));
        if (!m.find()) {
            return;
        }
        int group = s.total() == 0 ? 1 : switch (s.risk()) {
            case LOW -> 2;
            case LOW_MEDIUM -> 3;
            case MEDIUM -> 4;
            case HIGH -> 5;
        };
        double hours = Double.parseDouble(m.group(group));
        assertThat(s.monitoring().maxInterval().toMinutes()).as("configured interval").isEqualTo((long) (hours * 60));
    }

    @Test
    void rowCountsPerSuite() {
        Path dir = vectorsDir();
        assumeTrue(dir != null, absentMessage());
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> disagreements = new LinkedHashMap<>();
        for (String f : EXPECTED_ROWS.keySet()) {
            List<VectorRow> rows = load(dir, f);
            counts.put(f, rows.size());
            disagreements.put(f, (int) rows.stream().filter(r -> !r.agrees()).count());
        }
        System.out.println("NEWS2 vector rows checked: " + counts + "; disagreeing with RCP: " + disagreements);
        assertThat(counts).isEqualTo(EXPECTED_ROWS);
        assertThat(disagreements).isEqualTo(EXPECTED_DISAGREEMENTS);
    }
}
