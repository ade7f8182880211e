package com.nexussaude.monitor.examples;

import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.server.MonitorServer;
import com.nexussaude.monitor.server.ServerConfig;
import com.nexussaude.monitor.server.ServerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nexus-monitor serve [--demo]}: runs the monitoring service (nexus-monitor-server) until
 * Ctrl-C. Settings come from the environment ({@code HOST}, {@code PORT}, {@code DATA_DIR},
 * {@code JWT_SECRET}, thresholds such as {@code HEART_RATE_MAX_NORMAL}, ...) and an optional
 * {@code --config} properties file; the options below override them.
 *
 * <p>{@code --demo} turns on development mode (a printed token) and feeds the demo ward in real time:
 * the six beds of {@code nexus-monitor demo}, from 01:30 of its night, when bed-3's SpO2 and bed-4's
 * sepsis are already under way, so alerts appear within a minute. Its journal goes to a fresh
 * temporary directory unless {@code --data-dir} is given.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the monitoring service (REST API, WebSocket, SSE) until Ctrl-C; --demo also feeds a simulated ward.")
final class ServeCommand implements Callable<Integer> {
    /** Where the demo ward starts in the demo night: deterioration of bed-3 and bed-4 under way. */
    static final Duration DEMO_FROM = Duration.ofMinutes(90);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--demo", description = "Development mode, and feed the demo ward in real time.")
    boolean demo;

    @Option(names = "--port", description = "Port (default: PORT, else 8005; 0 picks a free one).")
    Integer port;

    @Option(names = "--data-dir", description = "Journal directory (default: DATA_DIR, else nexus-data; with --demo a new temporary directory).")
    Path dataDir;

    @Option(names = "--config", description = "A properties file of settings (same names as the environment variables).")
    Path configFile;

    @Override
    public Integer call() throws InterruptedException {
        Running running;
        try {
            running = start(System.getenv(), System.out);
        } catch (ServerConfig.ConfigException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("nexus-monitor serve: " + e.getMessage());
            err.flush();
            return NexusMonitorCli.EXIT_USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "nexus-monitor-shutdown"));
        running.server().awaitStop();
        return 0;
    }

    /** A started service and, with --demo, its ward feeder. */
    record Running(MonitorServer server, Thread feeder) implements AutoCloseable {
        @Override
        public void close() {
            if (feeder != null) {
                feeder.interrupt();
            }
            server.close();
        }
    }

    /** Starts the service (and the demo feed): the part of {@link #call()} that tests drive. */
    Running start(Map<String, String> env, PrintStream out) {
        Map<String, String> settings = new HashMap<>(env);
        if (demo) {
            settings.putIfAbsent("DEV_MODE", "true");
            if (dataDir == null && !env.containsKey("DATA_DIR")) {
                try {
                    dataDir = Files.createTempDirectory("nexus-demo-");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create a temporary data directory", e);
                }
            }
        }
        if (port != null) {
            settings.put("PORT", port.toString());
        }
        if (dataDir != null) {
            settings.put("DATA_DIR", dataDir.toString());
        }
        ServerConfig config = ServerConfig.load(configFile, settings);
        MonitorServer server = ServerMain.start(config, out);
        if (!demo) {
            return new Running(server, null);
        }
        server.addAlertListener(e -> {
            if (e.type() == AlertEventType.RAISED || e.type() == AlertEventType.RESOLVED
                    || e.type() == AlertEventType.SEVERITY_CHANGED) {
                out.println(DemoCommand.line(e));
                out.flush();
            }
        });
        for (DemoScenario.Patient p : DemoScenario.PATIENTS) {
            server.submitRegistration(PatientContext.of(p.id()).withWard("demo-ward"), p.id().replace("bed-", ""));
        }
        List<ObservationReader.Reading> night = DemoScenario.generate();
        Instant from = DemoScenario.START.plus(DEMO_FROM);
        Instant wallStart = Instant.now();
        int first = 0;
        while (first < night.size() && night.get(first).observation().timestamp().isBefore(from)) {
            first++;
        }
        // The first round goes in before start() returns, so the ward has readings at once.
        int next = feed(server, night, first, from, wallStart, out);
        out.println("Demo ward: " + DemoScenario.PATIENTS.size() + " beds (ward demo-ward) fed in real time from 01:30 of the"
                + " demo night: bed-3 hypoxic, bed-4 septic. Ctrl-C stops.");
        out.flush();
        Thread feeder = new Thread(() -> {
            int i = next;
            try {
                while (i < night.size()) {
                    Instant due = wallStart.plus(Duration.between(from, night.get(i).observation().timestamp()));
                    long waitMs = Duration.between(Instant.now(), due).toMillis();
                    if (waitMs > 0) {
                        Thread.sleep(waitMs);
                    }
                    i = feed(server, night, i, from, wallStart, out);
                }
                out.println("Demo ward: the night is over (03:00); the service keeps running.");
                out.flush();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "nexus-demo-ward");
        feeder.setDaemon(true);
        feeder.start();
        return new Running(server, feeder);
    }

    /** Submits every reading of one sample time, rebased onto the wall clock; returns the next index. */
    private static int feed(MonitorServer server, List<ObservationReader.Reading> night, int i, Instant from,
                            Instant wallStart, PrintStream out) {
        Instant sampleTime = night.get(i).observation().timestamp();
        Instant now = wallStart.plus(Duration.between(from, sampleTime));
        while (i < night.size() && night.get(i).observation().timestamp().equals(sampleTime)) {
            Observation o = night.get(i).observation();
            Observation.Builder b = Observation.builder(o.patientId(), now);
            for (Map.Entry<Vital, Double> v : o.values().entrySet()) {
                b.value(v.getKey(), v.getValue());
            }
            try {
                server.submit(b.build());
            } catch (InvalidObservationException e) {
                out.println("demo reading rejected: " + e.getMessage());
            }
            i++;
        }
        return i;
    }
}
