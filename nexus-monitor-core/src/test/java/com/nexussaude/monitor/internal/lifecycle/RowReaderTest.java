package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventBean;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import com.nexussaude.monitor.internal.rules.EsperSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules' output rows read by position ({@link RowReader}) against {@link EventBean#get} by name, field for field,
 * on a real runtime with schema.epl's {@code nexus-alert-signals} and {@code nexus-alert-clears} statements: random
 * rows sent directly, routed by a rule's {@code insert into}, and of a subtype (read by name, as before).
 */
class RowReaderTest {
    private static final String[] SIGNAL = {"ruleId", "patientId", "message", "severity", "category", "evidence", "ttlMs",
        "key", "ts"};
    private static final String[] CLEAR = {"patientId", "ruleId", "key", "ts", "reason"};

    private EPRuntime runtime;

    @AfterEach
    void destroy() {
        if (runtime != null) {
            runtime.destroy();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void readsWhatGetReads(long seed) throws Exception {
        Configuration cfg = EsperSetup.configuration();
        runtime = EPRuntimeProvider.getRuntime("row-reader-" + seed + "-" + System.identityHashCode(this), cfg);
        List<EPCompiled> path = new ArrayList<>();
        EPCompiled schema = EsperSetup.loadPack("schema", cfg, path);
        path.add(schema);
        Map<String, EPStatement> byName = new HashMap<>();
        for (EPStatement s : runtime.getDeploymentService().deploy(schema).getStatements()) {
            byName.put(s.getName(), s);
        }
        EPCompiled rules = EsperSetup.compile("row-reader.epl", String.join("\n",
                "@public @buseventtype create objectarray schema SignalSource(p string, r string, sev string, cat string, msg string,"
                        + " ev java.util.Map, k string, t Long, ttl Long);",
                "insert into AlertSignal select p as patientId, r as ruleId, sev as severity, cat as category,"
                        + " msg as message, ev as evidence, k as key, t as ts, ttl as ttlMs from SignalSource;",
                "@public @buseventtype create objectarray schema LateSignal(extra string) inherits AlertSignal;"),
                cfg, new EsperSetup.CompilerPathList(path));
        runtime.getDeploymentService().deploy(rules);

        EPStatement signals = byName.get("nexus-alert-signals");
        EPStatement clears = byName.get("nexus-alert-clears");
        RowReader signalReader = new RowReader(signals.getEventType(), SIGNAL);
        RowReader clearReader = new RowReader(clears.getEventType(), CLEAR);
        assertThat(signalReader.readsByPosition()).isTrue();
        assertThat(clearReader.readsByPosition()).isTrue();
        RuleOutput output = new RuleOutput(null, 60_000, () -> 0L);
        output.attach(signals);
        output.attach(clears);
        assertThat(output.readsRowsByPosition()).as("RuleOutput reads the schema's rows by position").isTrue();
        signals.removeAllListeners(); // it has no book: only the readers it made were wanted
        clears.removeAllListeners();

        List<String> mismatches = new ArrayList<>();
        int[] byPosition = new int[1];
        int[] seen = new int[1];
        signals.addListener((in, old, st, rt) -> compare(in, signalReader, SIGNAL, mismatches, byPosition, seen));
        clears.addListener((in, old, st, rt) -> compare(in, clearReader, CLEAR, mismatches, byPosition, seen));

        Random random = new Random(seed);
        int sent = 0;
        for (int i = 0; i < 2_000; i++) {
            Object[] signal = {text(random), text(random), pick(random, "critical", "high", "low", "HIGH", " bad", null),
                pick(random, "physiological", "technical", "x", null), text(random), evidence(random), text(random),
                longOrNull(random), longOrNull(random)};
            switch (random.nextInt(4)) {
                case 0 -> runtime.getEventService().sendEventObjectArray(signal, "AlertSignal");
                case 1 -> runtime.getEventService().sendEventObjectArray(new Object[] {signal[0], signal[1], signal[2],
                    signal[3], signal[4], signal[5], signal[6], signal[7], signal[8]}, "SignalSource");
                case 2 -> runtime.getEventService().sendEventObjectArray(withExtra(signal, text(random)), "LateSignal");
                default -> runtime.getEventService().sendEventObjectArray(
                        new Object[] {text(random), text(random), text(random), longOrNull(random), text(random)},
                        "AlertClear");
            }
            sent++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(seen[0]).isEqualTo(sent);
        // The subtype's rows go through get(); the schema's own, direct or routed, by position.
        assertThat(byPosition[0]).isBetween(sent / 2, seen[0] - 1);
    }

    private static void compare(EventBean[] events, RowReader reader, String[] fields, List<String> mismatches,
                                int[] byPosition, int[] seen) {
        for (EventBean e : events) {
            seen[0]++;
            Object[] row = reader.rowOf(e);
            if (row != null) {
                byPosition[0]++;
            }
            for (int f = 0; f < fields.length; f++) {
                Object read = reader.get(e, row, f);
                Object expected = e.get(fields[f]);
                if (read != expected) {
                    mismatches.add(e.getEventType().getName() + "." + fields[f] + ": read " + read + ", get gives "
                            + expected + " (row " + Arrays.toString(row) + ")");
                }
            }
        }
    }

    private static Object[] withExtra(Object[] signal, String extra) {
        Object[] row = Arrays.copyOf(signal, signal.length + 1);
        row[signal.length] = extra;
        return row;
    }

    private static String text(Random random) {
        return random.nextInt(8) == 0 ? null : "v" + random.nextInt(1_000);
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static Long longOrNull(Random random) {
        return random.nextInt(4) == 0 ? null : (long) random.nextInt(100_000);
    }

    private static Map<String, Object> evidence(Random random) {
        return random.nextInt(5) == 0 ? null : Map.of("value", random.nextInt(200), "limit", 90);
    }
}
