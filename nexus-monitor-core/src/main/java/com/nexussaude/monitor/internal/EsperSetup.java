package com.nexussaude.monitor.internal;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.module.Module;
import com.espertech.esper.common.client.module.ModuleItem;
import com.espertech.esper.common.client.module.ParseException;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.compiler.client.CompilerPath;
import com.nexussaude.monitor.NexusMonitorException;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.RuleCompilationException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Esper configuration shared by the build-time pack compiler and the runtime, and the compile
 * helpers that turn EPL into {@link EPCompiled} or a {@link RuleCompilationException}.
 */
public final class EsperSetup {
    private static final Logger log = LoggerFactory.getLogger(EsperSetup.class);

    /** Packs in deployment order; {@code schema} is always deployed, the rest per configuration. */
    public static final List<String> PACKS = List.of("schema", "threshold", "technical", "anomaly", "news2", "trend", "correlation");
    static final String EPL_RESOURCE_DIR = "/com/nexussaude/monitor/epl/";
    static final String COMPILED_RESOURCE_DIR = "/com/nexussaude/monitor/packs/";
    private static final Pattern LINE = Pattern.compile("at line (\\d+)");

    private EsperSetup() {
    }

    /** A fresh configuration: external (monitor) clock, no Esper-side locking, our EPL functions. */
    public static Configuration configuration() {
        Configuration cfg = new Configuration();
        // The monitor clock drives Esper time (advanceTime); Esper's own timer thread stays off.
        cfg.getRuntime().getThreading().setInternalTimerEnabled(false);
        // Every call into the runtime happens under the monitor's engine lock, so Esper's own
        // statement locks would only add cost (see CONCURRENCY.md).
        cfg.getRuntime().getExecution().setDisableLocking(true);
        // For the same reason, no latches that order insert-into and listener dispatch across threads:
        // there is never more than one thread in the runtime (a latch object per routed event otherwise).
        cfg.getRuntime().getThreading().setInsertIntoDispatchPreserveOrder(false);
        cfg.getRuntime().getThreading().setListenerDispatchPreserveOrder(false);
        cfg.getRuntime().getThreading().setNamedWindowConsumerDispatchPreserveOrder(false);
        cfg.getRuntime().getLogging().setEnableExecutionDebug(false);
        // Esper caches each declared expression's (create expression) last value behind a new SoftReference
        // per evaluation, for expressions evaluated repeatedly on the same event. The packs' declared
        // expressions are a few arithmetic operations: the cache allocated more than they cost (JFR).
        cfg.getCompiler().getExecution().setEnabledDeclaredExprValueCache(false);
        // The public scoring functions are callable from every rule: News2.score(...), Qsofa.points(...).
        cfg.getCommon().addImport("com.nexussaude.monitor.score.*");
        String fn = EplFunctions.class.getName();
        cfg.getCompiler().addPlugInSingleRowFunction("evidence", fn, "evidence");
        cfg.getCompiler().addPlugInSingleRowFunction("sustainedBand", fn, "sustainedBand");
        cfg.getCompiler().addPlugInSingleRowFunction("severityName", fn, "severityName");
        cfg.getCompiler().addPlugInSingleRowFunction("heldLevel", fn, "heldLevel");
        cfg.getCompiler().addPlugInSingleRowFunction("thresholdMessage", fn, "thresholdMessage");
        cfg.getCompiler().addPlugInSingleRowFunction("trendMessage", TrendFunctions.class.getName(), "trendMessage");
        cfg.getCompiler().addPlugInSingleRowFunction("readings", TrendFunctions.class.getName(), "readings");
        cfg.getCompiler().addPlugInSingleRowFunction("acvpu", TrendFunctions.class.getName(), "acvpu");
        cfg.getCompiler().addPlugInSingleRowFunction("decimal2", TrendFunctions.class.getName(), "decimal2");
        String news2 = News2Functions.class.getName();
        for (String f : new String[] {"news2", "news2Changed", "news2Severity", "news2Message", "news2Evidence"}) {
            cfg.getCompiler().addPlugInSingleRowFunction(f, news2, f);
        }
        return cfg;
    }

    /** The EPL text of a bundled pack. */
    public static String packSource(String pack) {
        try (InputStream in = EsperSetup.class.getResourceAsStream(EPL_RESOURCE_DIR + pack + ".epl")) {
            if (in == null) {
                throw new NexusMonitorException("bundled rule pack '" + pack + "' is missing from the classpath ("
                        + EPL_RESOURCE_DIR + pack + ".epl)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NexusMonitorException("cannot read bundled rule pack '" + pack + "'", e);
        }
    }

    /**
     * The compiled form of a bundled pack: the {@code .epc} resource written at build time, or, when
     * running from sources without it, a compile of the {@code .epl} (slower; logged).
     */
    static EPCompiled loadPack(String pack, Configuration cfg, List<EPCompiled> path) {
        try (InputStream in = EsperSetup.class.getResourceAsStream(COMPILED_RESOURCE_DIR + pack + ".epc")) {
            if (in != null) {
                return deserialize(in.readAllBytes(), pack);
            }
        } catch (IOException e) {
            throw new NexusMonitorException("cannot read precompiled rule pack '" + pack + "'", e);
        }
        log.info("precompiled rule pack '{}' not found; compiling it from EPL", pack);
        return compile(pack + ".epl", packSource(pack), cfg, new CompilerPathList(path));
    }

    static byte[] serialize(EPCompiled compiled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(compiled);
        } catch (IOException e) {
            throw new NexusMonitorException("cannot serialize compiled rules", e);
        }
        return bytes.toByteArray();
    }

    static EPCompiled deserialize(byte[] data, String name) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (EPCompiled) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new NexusMonitorException("precompiled rule pack '" + name + "' is unreadable; rebuild the library", e);
        }
    }

    /** Something to add to the compiler path: earlier compiled modules, or a runtime's whole path. */
    interface PathSource {
        void addTo(CompilerPath path);
    }

    record CompilerPathList(List<EPCompiled> modules) implements PathSource {
        @Override
        public void addTo(CompilerPath path) {
            path.addAll(modules);
        }
    }

    /**
     * Compiles one EPL module. On failure, reports every statement that fails — not only the first —
     * each with its line in the source, by compiling the statements one at a time.
     */
    static EPCompiled compile(String source, String epl, Configuration cfg, PathSource pathSource) {
        EPCompiler compiler = EPCompilerProvider.getCompiler();
        Module module;
        try {
            module = compiler.parseModule(epl);
        } catch (ParseException e) {
            throw new RuleCompilationException(source, List.of(new Problem(source, lineOf(e.getMessage(), 0),
                    e.getMessage())), e);
        } catch (IOException e) {
            throw new RuleCompilationException(source, List.of(new Problem(source, 0, e.toString())), e);
        }
        if (module.getItems().isEmpty()) {
            throw new RuleCompilationException(source, List.of(new Problem(source, 0, "the file holds no EPL statement")),
                    null);
        }
        CompilerArguments args = new CompilerArguments(cfg);
        pathSource.addTo(args.getPath());
        try {
            return compiler.compile(module, args);
        } catch (EPCompileException whole) {
            List<Problem> problems = problemsByStatement(source, module, cfg, pathSource, compiler);
            if (problems.isEmpty()) {
                problems = List.of(new Problem(source, 0, whole.getMessage()));
            }
            throw new RuleCompilationException(source, problems, whole);
        }
    }

    /**
     * Finds every failing statement: compiles growing prefixes of the module (so later statements
     * see the tables, expressions and schemas declared before them), dropping each statement that
     * fails and reporting it with its line. Only runs on the error path.
     */
    private static List<Problem> problemsByStatement(String source, Module module, Configuration cfg,
                                                     PathSource pathSource, EPCompiler compiler) {
        List<Problem> problems = new ArrayList<>();
        List<ModuleItem> good = new ArrayList<>();
        for (ModuleItem item : module.getItems()) {
            if (item.isCommentOnly()) {
                continue;
            }
            List<ModuleItem> candidate = new ArrayList<>(good);
            candidate.add(item);
            Module prefix = new Module();
            prefix.setName(module.getName());
            prefix.setUses(module.getUses());
            prefix.setImports(module.getImports());
            prefix.setItems(candidate);
            CompilerArguments args = new CompilerArguments(cfg);
            pathSource.addTo(args.getPath());
            try {
                compiler.compile(prefix, args);
                good.add(item);
            } catch (EPCompileException e) {
                int line = item.getLineNumber();
                String message = e.getItems().isEmpty() ? e.getMessage() : e.getItems().get(0).getMessage();
                int inner = lineOf(message, 0);
                // Syntax errors carry "at line N" relative to the statement; make it file-relative.
                int fileLine = inner > 0 && line > 0 ? line + inner - 1 : line;
                problems.add(new Problem(source, fileLine, stripEpl(message)));
            }
        }
        return problems;
    }

    private static int lineOf(String message, int dflt) {
        if (message == null) {
            return dflt;
        }
        Matcher m = LINE.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : dflt;
    }

    /** Esper appends the whole statement text in brackets; the line number already points at it. */
    private static String stripEpl(String message) {
        if (message == null) {
            return "";
        }
        int bracket = message.indexOf(" [");
        return bracket > 0 && message.endsWith("]") ? message.substring(0, bracket) : message;
    }
}
