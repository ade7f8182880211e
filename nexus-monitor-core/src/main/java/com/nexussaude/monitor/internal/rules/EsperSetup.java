package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.module.Module;
import com.espertech.esper.common.client.module.ModuleItem;
import com.espertech.esper.common.client.module.ParseException;
import com.espertech.esper.common.internal.bytecodemodel.core.CodegenClass;
import com.espertech.esper.common.internal.compile.compiler.CompilerAbstraction;
import com.espertech.esper.common.internal.compile.compiler.CompilerAbstractionClassCollection;
import com.espertech.esper.common.internal.compile.compiler.CompilerAbstractionClassCollectionImpl;
import com.espertech.esper.common.internal.compile.compiler.CompilerAbstractionCompilationContext;
import com.espertech.esper.common.internal.compile.compiler.CompilerAbstractionCompileSourcesResult;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileExceptionItem;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.compiler.client.CompilerPath;
import com.nexussaude.monitor.NexusMonitorException;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.RuleCompilationException.Problem;
import com.nexussaude.monitor.internal.lifecycle.HeadlineRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Esper configuration shared by the build-time pack compiler and the runtime, and the compile
 * helpers that turn EPL into {@link EPCompiled} or a {@link RuleCompilationException}.
 */
// Public, though internal (not API: no Javadoc, no compatibility check): the benchmarks (RawEsperPipeline,
// StartupBreakdown) build raw Esper with the library's configuration and packs.
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
     * The rule ids a bundled pack's statements tag as headline ({@link HeadlineRules#inSource} of its text):
     * the resource the pack compiler wrote at build time (one id a line), or, when running
     * from sources without it, a scan of the {@code .epl}. Reading the list instead of scanning the packs'
     * text with regular expressions saves a tenth of {@code build()} in a fresh JVM.
     */
    public static Set<String> packHeadlines(String pack) {
        try (InputStream in = EsperSetup.class.getResourceAsStream(HEADLINE_RESOURCE_DIR + pack + ".txt")) {
            if (in != null) {
                Set<String> rules = new LinkedHashSet<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        rules.add(line);
                    }
                }
                return rules;
            }
        } catch (IOException e) {
            throw new NexusMonitorException("cannot read the headline rules of bundled rule pack '" + pack + "'", e);
        }
        return HeadlineRules.inSource(packSource(pack));
    }

    /** Where the pack compiler writes each pack's headline rules ({@code PACK.txt}), beside the compiled packs. */
    static final String HEADLINE_RESOURCE_DIR = "/com/nexussaude/monitor/headline/";

    /**
     * The compiled form of a bundled pack: the {@code .epc} resource written at build time, or, when
     * running from sources without it, a compile of the {@code .epl} (slower; logged).
     */
    public static EPCompiled loadPack(String pack, Configuration cfg, List<EPCompiled> path) {
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
    public interface PathSource {
        void addTo(CompilerPath path);
    }

    public record CompilerPathList(List<EPCompiled> modules) implements PathSource {
        @Override
        public void addTo(CompilerPath path) {
            path.addAll(modules);
        }
    }

    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{1,200})'");

    /**
     * Compiles one EPL module. On failure, reports every statement that fails — not only the first —
     * each with the line of the error in the file (the offending name's line, not the statement's first).
     *
     * <p>Esper goes on past a failing statement and reports them all, but it generates and compiles Java
     * for every good statement on the way, which is most of the cost. So the module is first validated with
     * a compiler hook that generates no bytecode ({@link #VALIDATE_ONLY}): errors are found at the cost of
     * validation alone, and the bytecode is compiled only for a module without errors. (Compiling growing
     * prefixes of the module to find each failing statement, as before, took minutes and gigabytes for a
     * file of a hundred statements.)
     */
    public static EPCompiled compile(String source, String epl, Configuration cfg, PathSource pathSource) {
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
        if (module.getItems().stream().allMatch(ModuleItem::isCommentOnly)) {
            throw new RuleCompilationException(source, List.of(new Problem(source, 0, "the file holds no EPL statement")),
                    null);
        }
        CompilerArguments validate = new CompilerArguments(cfg);
        pathSource.addTo(validate.getPath());
        validate.getOptions().setCompilerHook(context -> VALIDATE_ONLY);
        try {
            compiler.compile(module, validate);
        } catch (EPCompileException e) {
            if (!e.getItems().isEmpty()) {
                throw failure(source, module, e);
            }
            // Not a statement's error (the bytecode-free pass itself): the real compile below decides.
        }
        CompilerArguments args = new CompilerArguments(cfg);
        pathSource.addTo(args.getPath());
        try {
            return compiler.compile(module, args);
        } catch (EPCompileException e) {
            throw failure(source, module, e);
        }
    }

    /** Validates without generating bytecode: Esper's code model is built, never compiled to classes. */
    private static final CompilerAbstraction VALIDATE_ONLY = new CompilerAbstraction() {
        @Override
        public CompilerAbstractionClassCollection newClassCollection() {
            return new CompilerAbstractionClassCollectionImpl();
        }

        @Override
        public void compileClasses(List<CodegenClass> classes, CompilerAbstractionCompilationContext context,
                                   CompilerAbstractionClassCollection state) {
            // validation only
        }

        @Override
        public CompilerAbstractionCompileSourcesResult compileSources(List<String> sources,
                                                                      CompilerAbstractionCompilationContext context,
                                                                      CompilerAbstractionClassCollection state) {
            return new CompilerAbstractionCompileSourcesResult(java.util.Map.of());
        }
    };

    /** Every statement Esper reported, at the line of its error, in file order. */
    private static RuleCompilationException failure(String source, Module module, EPCompileException e) {
        List<Problem> problems = new ArrayList<>();
        for (EPCompileExceptionItem item : e.getItems()) {
            String message = item.getMessage();
            String text = item.getExpression();
            for (ModuleItem m : module.getItems()) {
                if (!m.isCommentOnly() && m.getLineNumber() == item.getLineNumber()) {
                    text = m.getExpression();
                }
            }
            problems.add(new Problem(source, errorLine(item.getLineNumber(), text, message), stripEpl(message)));
        }
        if (problems.isEmpty()) {
            problems.add(new Problem(source, lineOf(e.getMessage(), 0), stripEpl(e.getMessage())));
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return new RuleCompilationException(source, problems, e);
    }

    /**
     * The file line of an error in a statement: a syntax error's "at line N" counted from the statement's
     * first line; otherwise the line of the last name Esper quotes that occurs in the statement (the property,
     * stream or function it could not resolve); else the statement's first line.
     */
    private static int errorLine(int start, String text, String message) {
        int inner = lineOf(message, 0);
        if (inner > 0 && start > 0) {
            return start + inner - 1;
        }
        int at = -1;
        if (message != null && text != null) {
            Matcher m = QUOTED.matcher(stripEpl(message));
            while (m.find()) {
                int found = indexOfWord(text, m.group(1));
                if (found >= 0) {
                    at = found;
                }
            }
        }
        if (at < 0 || start <= 0) {
            return start;
        }
        int lines = 0;
        for (int k = 0; k < at; k++) {
            if (text.charAt(k) == '\n') {
                lines++;
            }
        }
        // The item's text starts at its first line, comments included, as getLineNumber counts.
        return start + lines;
    }

    /** The first occurrence of {@code word} in {@code text} not inside a longer name, or -1. */
    private static int indexOfWord(String text, String word) {
        int from = 0;
        while (true) {
            int i = text.indexOf(word, from);
            if (i < 0) {
                return -1;
            }
            boolean before = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
            int end = i + word.length();
            boolean after = end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
            if (before && after) {
                return i;
            }
            from = i + 1;
        }
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
