package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.InvalidSignals;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.escalation.EscalationConfigException;
import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.journal.JournalException;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.UnknownPatientPolicy;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.notify.Severity;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nexus-monitor replay}: the command line contract of ARCHITECTURE.md. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays observation files (.jsonl, .csv, BIDMC numerics .csv, HL7 v2 .hl7, FHIR R4 .json/.xml) through a monitor in "
                + "event time and prints its alert, NEWS2 score and notification records as JSON Lines; a summary goes to stderr.")
final class ReplayCommand implements Callable<Integer> {
    /**
     * The exit code when the replay ran but its journal is incomplete: appends failed and records were
     * still waiting for retry at the end, or were lost (the summary's {@code journal:} line says how many).
     */
    static final int EXIT_JOURNAL_DEGRADED = 3;

    /**
     * The exit code under {@code --strict} when the replay ran but some input was not monitored: a line or
     * a value was rejected, a field was unknown, or a patient's observations were skipped as unknown.
     */
    static final int EXIT_INPUT_REJECTED = 4;

    /** The input name for standard input. */
    static final String STDIN = "-";

    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "FILE.epl", description = "An integrator EPL rule file (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE.json", description = "Monitor configuration (bands, persistence, ...).")
    Path config;

    @Option(names = "--escalation", paramLabel = "FILE.json",
            description = "Escalation policy (levels, targets, channels, waits by severity, repeat); default: the"
                    + " bundled five-level policy.")
    Path escalation;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Append the alert history to this journal file; a replay on an existing journal resumes its"
                    + " open alerts, incidents, acknowledgements and silences.")
    Path journal;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON Lines here instead of stdout.")
    Path out;

    @Option(names = "--unknown-patients", paramLabel = "POLICY", defaultValue = "warn",
            converter = PolicyConverter.class,
            description = "accept | warn | reject: what to do with a patient id nobody registered (by a spo2_scale on"
                    + " its lines or the config). warn (default): monitor it and say so on stderr once per id; reject:"
                    + " skip its observations (reported once per id, counted as rejected); accept: say nothing.")
    UnknownPatientPolicy unknownPatients = UnknownPatientPolicy.WARN;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "PT0S", converter = DrainConverter.class,
            description = "Run the monitor clock on this long past the last observation (ISO-8601 such as PT10M, or"
                    + " seconds), firing the timers due by then at their due times: resolve holds, signal loss,"
                    + " escalation steps. Default 0: the replay ends at its last observation, every timer due by"
                    + " then has fired.")
    Duration drain = Duration.ZERO;

    @Option(names = "--strict",
            description = "Exit with status 4 when any input was not monitored (a rejected line or value, an unknown"
                    + " field, a skipped unknown patient). Default: such input is reported and counted, and the exit"
                    + " status is 0.")
    boolean strict;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "jsonl | csv | hl7 | fhir-json | fhir-xml: the format of standard input (-). Default: told"
                    + " from its first character ('{' JSON Lines, 'MSH|' HL7 v2, '<' FHIR XML, otherwise CSV).")
    String format;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Observation files, merged by timestamp; - reads standard input.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        if (inputs.stream().filter(p -> p.toString().equals(STDIN)).count() > 1) {
            return usage(err, "standard input (-) can be given once");
        }
        for (Path p : concat(inputs, rules, config, escalation)) {
            if (inputs.contains(p) && p.toString().equals(STDIN)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                return usage(err, p + " is a directory; give the files in it (for example " + p.resolve("*.jsonl") + ")");
            }
            if (!Files.isRegularFile(p)) {
                return usage(err, "no such file: " + p);
            }
        }
        MonitorConfig monitorConfig = MonitorConfig.defaults();
        List<PatientContext> patients = List.of();
        if (config != null) {
            try {
                ConfigLoader.Loaded loaded = ConfigLoader.loadAll(config);
                monitorConfig = loaded.config();
                patients = loaded.patients();
            } catch (ConfigLoader.ConfigException e) {
                return usage(err, e.getMessage());
            }
        }

        EscalationChain chain = EscalationChain.defaults();
        if (escalation != null) {
            try {
                chain = EscalationChain.fromJson(ConfigLoader.withoutByteOrderMark(Files.readString(escalation)));
            } catch (EscalationConfigException e) {
                return usage(err, "--escalation " + escalation + ": " + e.getMessage());
            }
        }

        // Read everything first: a file in an unknown format is a usage error before any output.
        List<ObservationReader.Reading> readings = new ArrayList<>();
        // Every line's report, told in file and line order at the end (reading and replaying find them in
        // different orders: by line, then by timestamp).
        List<ObservationReader.ParseError> reports = new ArrayList<>();
        long invalidLines = 0;
        long unknownFields = 0;
        for (Path input : inputs) {
            ObservationReader.Readings r;
            try {
                r = input.toString().equals(STDIN) ? StandardInput.read(System.in, format)
                        : ObservationReader.forFile(input).read(input);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
            readings.addAll(r.observations());
            reports.addAll(r.errors());
            invalidLines += r.errors().size();
            reports.addAll(r.unknownFields());
            unknownFields += r.unknownFields().size();
        }

        PrintWriter output;
        try {
            output = out == null ? spec.commandLine().getOut()
                    : new PrintWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return usage(err, "cannot write --out " + out + ": " + e);
        }
        Map<AlertEventType, Long> byType = new EnumMap<>(AlertEventType.class);
        long[] scoreEvents = {0};
        long[] pages = {0};
        Map<Severity, Long> raisedBySeverity = new EnumMap<>(Severity.class);
        VitalMonitor.Builder builder = VitalMonitor.builder()
                .config(monitorConfig)
                // The replay reports unknown ids on its own stderr, with file and line; the monitor's log stays quiet.
                .unknownPatients(unknownPatients == UnknownPatientPolicy.REJECT ? UnknownPatientPolicy.REJECT
                        : UnknownPatientPolicy.ACCEPT)
                // The replay submits its input sorted by timestamp, so a reading far ahead comes last and cannot
                // make earlier ones late; a tolerance would only drop the first reading after a long gap
                // (recordings years apart replayed together).
                .eventTimeFutureTolerance(null)
                // Same-thread delivery: events are written in the order they happen, run after run.
                .listenerExecutor(Runnable::run)
                .listener((AlertEvent e) -> {
                    output.println(AlertJson.toJson(e));
                    byType.merge(e.type(), 1L, Long::sum);
                    if (e.type() == AlertEventType.RAISED) {
                        raisedBySeverity.merge(e.alert().severity(), 1L, Long::sum);
                    }
                })
                .scoreListener(e -> {
                    output.println(AlertJson.toJson(e));
                    scoreEvents[0]++;
                })
                // No real channel on the command line: the log channel writes the notification record of
                // every page that would go out, at its monitor time.
                .paging(ReplayPaging.paging(chain, output, new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt attempt) {
                        pages[0]++;
                    }
                }));
        Replayer.Counts counts;
        List<InvalidSignals> invalid;
        String journalTrouble = null;
        try {
            rules.forEach(builder::rules);
            if (journal != null) {
                builder.journal(FileJournal.open(journal));
            }
            try (VitalMonitor monitor = builder.build()) {
                // Bad journal data was cut off or moved aside; what came before it was restored.
                monitor.journalProblems().forEach(p -> err.println("--journal " + p));
                patients.forEach(monitor::register); // the config's patients section, before their readings
                counts = Replayer.replay(monitor, readings, reports::add, unknownPatients, drain);
                invalid = monitor.invalidSignals();
                if (!monitor.journalHealthy()) {
                    journalTrouble = "journal: DEGRADED: " + monitor.stats().journalFailures() + " failed append(s), "
                            + monitor.journalBacklog() + " record(s) still waiting for retry, " + monitor.journalRecordsLost()
                            + " lost; " + journal + " is incomplete";
                }
            }
        } catch (RuleCompilationException e) {
            return usage(err, e.getMessage());
        } catch (JournalException e) {
            return usage(err, "--journal: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // build() names a pack setting that no deployed pack declares, or a value of the wrong type.
            return usage(err, (config == null ? "" : "config " + config + ": ") + e.getMessage());
        } finally {
            output.flush();
            if (out != null) {
                output.close();
            }
        }

        printInOrder(err, reports, inputs);
        for (InvalidSignals i : invalid) {
            err.println("rule '" + i.ruleId() + "': " + i.count() + " alert signal(s) broke the alert contract and were"
                    + " dropped; the first: " + i.firstReason());
        }
        // Every input record counts once: read = accepted + rejected (a line the reader could not turn into an
        // observation is read and rejected).
        long rejected = invalidLines + counts.rejected();
        err.printf("nexus-monitor replay: %d file(s), %d observations read, %d accepted, %d rejected"
                        + " (%d invalid input lines, %d rejected by the monitor)%n",
                inputs.size(), counts.read() + invalidLines, counts.accepted(), rejected, invalidLines,
                counts.rejected());
        err.printf("input: %d unknown field(s) not monitored, %d value(s) rejected with their observation accepted,"
                        + " %d unknown patient id(s) (--unknown-patients %s)%n", unknownFields, counts.rejectedValues(),
                counts.unknownPatients(), unknownPatients.name().toLowerCase(java.util.Locale.ROOT));
        StringBuilder types = new StringBuilder("alert events:");
        for (AlertEventType t : AlertEventType.values()) {
            types.append(' ').append(t.wireName()).append(' ').append(byType.getOrDefault(t, 0L));
        }
        StringBuilder sev = new StringBuilder("alerts raised by severity:");
        for (Severity s : Severity.values()) {
            sev.append(' ').append(s.wireName()).append(' ').append(raisedBySeverity.getOrDefault(s, 0L));
        }
        err.println(types);
        err.println(sev);
        err.println("score events: " + scoreEvents[0]);
        err.println("invalid rule signals (dropped): " + invalid.stream().mapToLong(InvalidSignals::count).sum()
                + " from " + invalid.size() + " rule(s)");
        err.println("notifications (pages that would go out): " + pages[0]);
        err.printf("wall time: %.2f s%n", (System.nanoTime() - started) / 1e9);
        if (journalTrouble != null) {
            err.println(journalTrouble);
        }
        boolean inputLost = rejected > 0 || unknownFields > 0 || counts.rejectedValues() > 0;
        if (strict && inputLost) {
            err.println("--strict: input was not monitored (see the lines above); exit " + EXIT_INPUT_REJECTED);
        }
        err.flush();
        return journalTrouble != null ? EXIT_JOURNAL_DEGRADED : strict && inputLost ? EXIT_INPUT_REJECTED : 0;
    }

    /** The reports by input (in command-line order), then line; a line's reports keep the order they were made. */
    private static void printInOrder(PrintWriter err, List<ObservationReader.ParseError> reports, List<Path> inputs) {
        Map<String, Integer> order = new java.util.HashMap<>();
        for (Path p : inputs) {
            order.putIfAbsent(p.toString().equals(STDIN) ? StandardInput.NAME : p.toString(), order.size());
        }
        List<ObservationReader.ParseError> sorted = new ArrayList<>(reports);
        sorted.sort(java.util.Comparator.<ObservationReader.ParseError>comparingInt(
                r -> order.getOrDefault(r.file(), Integer.MAX_VALUE)).thenComparingInt(ObservationReader.ParseError::line));
        sorted.forEach(err::println);
    }

    /** {@code jsonl|csv|hl7|fhir-json|fhir-xml}. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (!StandardInput.FORMATS.contains(v)) {
                throw new picocli.CommandLine.TypeConversionException(
                        "must be one of " + String.join(", ", StandardInput.FORMATS) + ", but was '" + value + "'");
            }
            return v;
        }
    }

    /** {@code accept|warn|reject}, case-insensitive. */
    static final class PolicyConverter implements picocli.CommandLine.ITypeConverter<UnknownPatientPolicy> {
        @Override
        public UnknownPatientPolicy convert(String value) {
            try {
                return UnknownPatientPolicy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "must be accept, warn or reject, but was '" + value + "'");
            }
        }
    }

    /** An ISO-8601 duration ({@code PT10M}) or a number of seconds; not negative. */
    static final class DrainConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = value.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value.trim()))
                        : Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "must be an ISO-8601 duration such as PT10M or a number of seconds, but was '" + value + "'");
            }
            if (d.isNegative()) {
                throw new picocli.CommandLine.TypeConversionException("must not be negative, but was '" + value + "'");
            }
            return d;
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("nexus-monitor replay: " + message);
        err.flush();
        return NexusMonitorCli.EXIT_USAGE;
    }

    private static List<Path> concat(List<Path> a, List<Path> b, Path... single) {
        List<Path> all = new ArrayList<>(a);
        all.addAll(b);
        for (Path p : single) {
            if (p != null) {
                all.add(p);
            }
        }
        return all;
    }
}
