package com.nexussaude.monitor.benchmarks.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises where a JFR recording spent its CPU samples and its allocation, in three tables each:
 * the top frames (self), the top Nexus Monitor frames on the stack, and the EPL statement the
 * sample was working for (and that statement's pack). The same information as {@code jfr print --events jdk.ExecutionSample},
 * aggregated.
 *
 * <p>Statement attribution: Esper compiles each statement into classes named after its module
 * and statement ({@code ..._com46nexussaude46monitor46pack46trend_trend45hr...}: {@code 46} is
 * '.', {@code 45} is '-'); a sample is charged to the outermost such frame on its stack, i.e. the
 * statement whose event processing led to it. Samples in Esper's shared machinery whose stack
 * carries no statement frame are charged to {@code (esper, no statement frame: KIND)}, KIND being
 * advancing time (timer callbacks, window expiry), filter matching, table merge/lookup, data
 * windows or other; the library's own alert lifecycle under a listener is shown apart.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.tools.JfrTop FILE.jfr [TOP]
 * </pre>
 */
public final class JfrTop {
    private static final Pattern STATEMENT = Pattern.compile(
            "_com46nexussaude46monitor46(?:pack46)?([A-Za-z0-9]+)_([A-Za-z0-9]+?)(?:_[0-9a-f]{8}_|\\$|$)");
    private static final Pattern INTEGRATOR = Pattern.compile("generated\\.\\w*?Provider_(\\w+?)_(\\w+?)(?:\\$|$)");

    private JfrTop() {
    }

    /** {@code args[0]}: the recording; {@code args[1]}: rows per table (default 15). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrTop FILE.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> ours = new HashMap<>();
        Map<String, Long> statements = new HashMap<>();
        Map<String, Long> packs = new HashMap<>();
        Map<String, Long> allocBySite = new HashMap<>();
        Map<String, Long> allocByStatement = new HashMap<>();
        long samples = 0;
        long allocTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = e.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            boolean alloc = type.equals("jdk.ObjectAllocationSample");
            if (!cpu && !alloc) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            String statement = statementOf(frames);
            if (cpu) {
                samples++;
                self.merge(name(frames.get(0)), 1L, Long::sum);
                statements.merge(statement, 1L, Long::sum);
                packs.merge(statement.startsWith("(") ? statement : statement.substring(0, statement.indexOf('/')), 1L,
                        Long::sum);
                for (RecordedFrame f : frames) {
                    String n = name(f);
                    if (n.startsWith("com.nexussaude.monitor.") && !n.startsWith("com.nexussaude.monitor.benchmarks.")) {
                        ours.merge(n, 1L, Long::sum);
                        break;
                    }
                }
            } else {
                long weight = e.getLong("weight");
                allocTotal += weight;
                allocBySite.merge(e.getClass("objectClass").getName() + " <- " + firstNonJdk(frames), weight, Long::sum);
                allocByStatement.merge(statement, weight, Long::sum);
            }
        }
        System.out.printf("%d CPU samples, %.1f MB sampled allocation%n", samples, allocTotal / 1e6);
        print("CPU: top frames (self)", self, samples, top);
        print("CPU: innermost Nexus Monitor frame on the stack", ours, samples, top);
        print("CPU: by pack (module of the outermost statement frame; rules = integrator rule files)", packs, samples, top);
        print("CPU: by EPL statement (outermost statement frame)", statements, samples, top);
        print("Allocation: by class <- first non-JDK frame", allocBySite, allocTotal, top);
        print("Allocation: by EPL statement", allocByStatement, allocTotal, top);
    }

    static String statementOf(List<RecordedFrame> frames) {
        String found = null;
        boolean esper = false;
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            Matcher m = STATEMENT.matcher(type);
            if (m.find()) {
                found = m.group(1) + "/" + m.group(2).replace("45", "-");
            } else if (type.startsWith("generated.")) {
                Matcher g = INTEGRATOR.matcher(type);
                if (g.find()) {
                    found = "rules/" + g.group(2).replace("45", "-");
                }
            }
            esper |= type.startsWith("com.espertech.");
        }
        if (found != null) {
            return found;
        }
        // No statement frame: say which part of the shared machinery it is. The innermost matching
        // frame decides, except that anything under a time advance is charged to time.
        String kind = null;
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            String method = f.getMethod().getName();
            if (method.equals("advanceTime") || type.endsWith(".Engine") && method.equals("moveTo")) {
                return "(esper, no statement frame: advancing time: timers, window expiry)";
            }
            if (kind != null) {
                continue;
            }
            if (type.endsWith(".AlertBook") || type.endsWith(".Engine") && (method.equals("onSignal")
                    || method.equals("onClear"))) {
                kind = "(library: alert signals and clears into the lifecycle)";
            } else if (type.contains(".filtersvcimpl.")) {
                kind = "(esper, no statement frame: filter matching)";
            } else if (type.contains(".ontrigger.") || type.contains(".lookupsubord.") || type.contains(".epl.table.")) {
                kind = "(esper, no statement frame: table merge/lookup)";
            } else if (type.contains(".common.internal.view.")) {
                kind = "(esper, no statement frame: data windows #time/#groupwin/#linest)";
            }
        }
        if (kind != null) {
            return kind;
        }
        return esper ? "(esper, no statement frame: other)" : "(not in Esper)";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String firstNonJdk(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return shorten(n);
            }
        }
        return shorten(name(frames.get(0)));
    }

    private static String shorten(String n) {
        Matcher m = STATEMENT.matcher(n);
        if (m.find()) {
            return "[" + m.group(1) + "/" + m.group(2).replace("45", "-") + "]" + n.substring(n.lastIndexOf('.'));
        }
        return n.replace("com.espertech.esper.", "esper.");
    }

    private static void print(String title, Map<String, Long> counts, long total, int top) {
        System.out.printf("%n%s%n", title);
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        for (Map.Entry<String, Long> en : sorted.entrySet()) {
            System.out.printf("  %5.1f%%  %s%n", total == 0 ? 0 : 100.0 * en.getValue() / total, shorten(en.getKey()));
        }
    }
}
