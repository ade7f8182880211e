package com.nexussaude.monitor.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertEvent;
import com.nexussaude.monitor.AlertEventType;
import com.nexussaude.monitor.IncidentEvent;
import com.nexussaude.monitor.MonitorClock;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Paging;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.notify.dispatch.DeliveryAttempt;
import com.nexussaude.monitor.notify.dispatch.DeliveryListener;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.VitalMonitor;
import com.nexussaude.monitor.micrometer.VitalMonitorMetrics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring service: a {@link VitalMonitor} on a live clock with a file journal in the data
 * directory (or, with a database configured, the journal and the vitals history on PostgreSQL:
 * {@link ServerConfig#database()}), behind a REST API, a WebSocket and an SSE stream (Javalin on Jetty 12). Built on the
 * library's public API only; see the README's service section for the endpoints and settings.
 *
 * <pre>{@code
 * try (MonitorServer server = MonitorServer.start(ServerConfig.load(null, System.getenv()))) {
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class MonitorServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);
    /** The journal's file name inside the data directory. */
    public static final String JOURNAL_FILE = "alerts.journal";

    final ServerConfig config;
    final VitalMonitor monitor;
    final EventHub hub;
    final Auth auth;
    final RateLimiter rateLimiter;
    final Instant startedAt = Instant.now();
    /** Latest readings, NEWS2 and retained history per patient (bounded; see PatientVitals). */
    final Cache<String, PatientVitals> vitals = Caffeine.newBuilder().maximumSize(100_000).build();
    /** Latest NEWS2 event per patient, from the monitor's score listener. */
    final Map<String, ScoreEvent> scores = new ConcurrentHashMap<>();
    /** Alerts resolved while this process ran (active ones are read from the monitor); bounded. */
    final Cache<String, Alert> resolved = Caffeine.newBuilder().maximumSize(50_000).build();
    /** Beds of registered patients (the library's PatientContext has no bed). */
    final Map<String, String> beds = new ConcurrentHashMap<>();
    final ExecutorService wsSender = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "nexus-ws-sender");
        t.setDaemon(true);
        return t;
    });
    final Map<String, WsClient> wsClients = new ConcurrentHashMap<>();
    final Counters counters = new Counters();
    private final List<com.nexussaude.monitor.AlertListener> extraListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The registered patients, in the data directory (the library keeps them in memory only). */
    final PatientRegistry patients;
    /** The journal and, with a database, the vitals history (see Storage). */
    final Storage storage;
    /** Each user's dashboard widgets, in the data directory. */
    final DashboardLayouts layouts;
    /** The monitor's meters (nexus_monitor_*), JVM and Jetty meters, scraped at {@code GET /metrics}. */
    final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final VitalMonitorMetrics metrics = VitalMonitorMetrics.create();
    /** The dashboard's system panel, read from those meters. */
    final SystemPanel systemPanel = new SystemPanel(prometheus, System::nanoTime);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Javalin app;
    private final Api api;
    /** Kafka mode ({@link ServerConfig#kafka()}), or null: the service monitors alone. */
    final KafkaMode kafka;
    private volatile boolean stopped;

    /** The service's counters, shown by {@code /system/metrics}. */
    static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong rateLimited = new AtomicLong();
        final AtomicLong unauthorized = new AtomicLong();
        final AtomicLong forbidden = new AtomicLong();
        final AtomicLong vitalsAccepted = new AtomicLong();
        final AtomicLong vitalsRejected = new AtomicLong();
        final AtomicLong idempotentReplays = new AtomicLong();
        final AtomicLong wsConnected = new AtomicLong();
        final AtomicLong wsDropped = new AtomicLong();
        final AtomicLong sseConnected = new AtomicLong();
        final AtomicLong sseDropped = new AtomicLong();
        final AtomicLong deliveryAttempts = new AtomicLong();
        final AtomicLong deliveries = new AtomicLong();
        final List<String> lastDrops = new ArrayList<>();

        synchronized void dropped(String who, String reason) {
            lastDrops.add(who + ": " + reason);
            if (lastDrops.size() > 20) {
                lastDrops.remove(0);
            }
        }

        synchronized List<String> lastDrops() {
            return List.copyOf(lastDrops);
        }
    }

    /** The channels pages go to (empty: nobody is paged). */
    private final List<String> channelNames;
    /** Who is paged and how, without secrets (health and the start-up log show it). */
    final String pagingDescription;

    private MonitorServer(ServerConfig config, MonitorClock clock, List<DeliveryListener> after) {
        this.config = config;
        this.auth = Auth.from(config);
        this.rateLimiter = new RateLimiter(config.rateLimitPerMinute(), System::nanoTime);
        this.hub = new EventHub(config.eventBuffer());
        // Checked before the journal is opened, so a bad channel setting leaves no file locked.
        List<DeliveryListener> deliveryListeners = new ArrayList<>(List.of(metrics.deliveryListener(),
                new DeliveryListener() {
                    @Override
                    public void onAttempt(DeliveryAttempt a) {
                        counters.deliveryAttempts.incrementAndGet();
                        if (a.outcome().name().equals("DELIVERED")) {
                            counters.deliveries.incrementAndGet();
                        }
                    }
                }));
        deliveryListeners.addAll(after);
        PagingSetup.Built pagingSetup = PagingSetup.build(config.paging(), deliveryListeners);
        Paging paging = pagingSetup.paging();
        this.channelNames = pagingSetup.channels();
        this.pagingDescription = pagingSetup.description();
        log.info("paging: {}", pagingSetup.description());
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
        }
        this.patients = PatientRegistry.open(config.dataDir());
        this.storage = Storage.open(config, metrics.fsyncListener());
        this.layouts = new DashboardLayouts(config.dataDir());
        MonitorConfig.Builder mc = MonitorConfig.builder();
        config.bands().forEach(mc::bands);
        // Listeners run on the thread that caused the event (a request, or the live clock's ticker):
        // they only update maps and enqueue to clients, never block, so this is the quickest path,
        // and a request's own events are in the stores when its response is written.
        VitalMonitor.Builder builder = VitalMonitor.builder();
        if (paging != null) {
            builder.paging(paging);
        }
        this.monitor = builder
                .config(mc.build())
                .clock(clock)
                .journal(metrics.timed(storage.journal))
                .listenerExecutor(Runnable::run)
                .listener(this::onAlert)
                .listener(metrics.alertListener())
                .incidentListener(this::onIncident)
                .incidentListener(metrics.incidentListener())
                .submitLatencyListener(metrics.submitLatencyListener())
                .scoreListener(this::onScore)
                .build();
        // Two of Micrometer's processor meters have names promtool's linter refuses (system_cpu_count
        // looks like a summary's count; process_cpu_time_ns abbreviates a unit): left out, the
        // dashboards use process_cpu_usage.
        prometheus.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("system.cpu.count")
                || id.getName().equals("process.cpu.time")));
        metrics.monitor(monitor).liveClock().bindTo(prometheus);
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        gcMetrics.bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        // Registered before the API listens: the first observation after a restart meets its bands.
        for (PatientContext p : patients.all()) {
            monitor.register(p);
            if (p.bed() != null) {
                beds.put(p.patientId(), p.bed());
            }
        }
        // Kafka mode: the group's monitors (and the topics) do the monitoring; this monitor only serves what is
        // per instance (patients, rules, the journal's history) and receives no observation.
        KafkaMode k = null;
        try {
            k = config.kafka() == null ? null : KafkaMode.start(config.kafka(), KafkaMode.setup(config, pagingSetup),
                    pagingSetup, clock instanceof MonitorClock.Live live ? live.clock() : java.time.Clock.systemUTC(), hub);
            this.kafka = k;
            this.api = new Api(this);
            this.app = api.create();
        } catch (RuntimeException e) {
            // Nothing is left open (the journal's lock, the monitor's threads) by a service that did not start.
            if (k != null) {
                k.close();
            }
            monitor.close();
            storage.close();
            gcMetrics.close();
            prometheus.close();
            throw e;
        }
    }

    /** The channel names pages go to (empty: nobody is paged). */
    List<String> channelNames() {
        return channelNames;
    }

    /**
     * Builds the monitor on the data directory's journal (restoring what it holds), then starts
     * listening.
     *
     * @param config the server's settings
     * @return the running server; close it to stop
     * @throws ServerConfig.ConfigException if the configuration cannot be used
     */
    public static MonitorServer start(ServerConfig config) {
        return start(config, MonitorClock.live());
    }

    /** Starts on another clock: tests move a live clock's time to walk escalations without waiting. */
    static MonitorServer start(ServerConfig config, MonitorClock clock) {
        return start(config, clock, List.of());
    }

    /**
     * Starts on another clock with more delivery listeners, called after the server's own counters and
     * metrics have taken each attempt: a test waiting on them can then read health and metrics without a race.
     */
    static MonitorServer start(ServerConfig config, MonitorClock clock, List<DeliveryListener> after) {
        MonitorServer s = new MonitorServer(config, clock, after);
        try {
            s.app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        new JettyServerThreadPoolMetrics(s.app.jettyServer().server().getThreadPool(), Tags.empty()).bindTo(s.prometheus);
        log.info("nexus-monitor-server listening on {}://{}:{}, journal {}", s.scheme(), config.host(), s.port(),
                s.storage.where());
        return s;
    }

    /**
     * The port it listens on (the chosen one when configured with port 0).
     *
     * @return the port it listens on (the chosen one when configured with port 0)
     */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /**
     * {@code https} when a keystore is configured, else {@code http}.
     *
     * @return {@code https} when a keystore is configured, else {@code http}
     */
    public String scheme() {
        return config.keystore() != null ? "https" : "http";
    }

    /**
     * The monitor behind the API, for a host that feeds it in-process (the demo ward).
     *
     * @return the monitor behind the API, for a host that feeds it in-process (the demo ward)
     */
    public VitalMonitor monitor() {
        return monitor;
    }

    /**
     * Submits an observation exactly as {@code POST /vital-signs} does (latest values, history and the
     * vitals channel included), for in-process feeders such as the demo ward.
     *
     * @param observation the observation, as the API accepts it
     * @throws com.nexussaude.monitor.InvalidObservationException as {@link VitalMonitor#submit} does
     */
    public void submit(com.nexussaude.monitor.Observation observation) {
        api.accept(observation);
    }

    /**
     * Registers a patient and their bed, as {@code PUT /patients/{id}} does, for in-process feeders.
     *
     * @param patient the patient's context
     * @param bed the bed label, or {@code null} for none
     */
    public void submitRegistration(PatientContext patient, String bed) {
        patients.put(bed == null ? patient : patient.withBed(bed), monitor::register);
        if (bed != null) {
            beds.put(patient.patientId(), bed);
        }
    }

    /**
     * A development token (all roles, 12 h) signed with this server's HMAC secret.
     *
     * @return a development token (all roles, 12 h) signed with this server's HMAC secret
     * @throws IllegalStateException if tokens are verified with a JWKS
     */
    public String developmentToken() {
        return auth.sign("developer", Duration.ofHours(12), Auth.Role.values());
    }

    /**
     * Method and path of every registered HTTP route, without before-filters (for the OpenAPI check).
     *
     * @return method and path of every registered HTTP route, without before-filters (for the OpenAPI check)
     */
    public List<String> routes() {
        List<String> out = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            String method = e.endpoint.method.name();
            if (java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS").contains(method)) {
                out.add(method + " " + e.endpoint.path);
            }
        }
        return out;
    }

    String wardOf(String patientId) {
        PatientContext p = monitor.patient(patientId);
        return p == null ? null : p.ward();
    }

    /**
     * Adds a listener that hears every alert event after the API's own stores and live clients; it
     * runs on the thread that caused the event, so it must be quick (the command line prints a line).
     *
     * @param listener the listener; not {@code null}
     */
    public void addAlertListener(com.nexussaude.monitor.AlertListener listener) {
        extraListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    private void onAlert(AlertEvent e) {
        for (com.nexussaude.monitor.AlertListener l : extraListeners) {
            l.onAlertEvent(e);
        }
        Alert a = e.alert();
        if (e.type() == AlertEventType.RESOLVED) {
            resolved.put(a.alertId(), a);
        }
        hub.publish("alerts", a.patientId(), "alert." + e.type().wireName(), Views.alertEvent(e, wardOf(a.patientId())));
    }

    private void onIncident(IncidentEvent e) {
        hub.publish("incidents", e.incident().patientId(), "incident." + e.type().wireName(), Views.incidentEvent(e));
    }

    private void onScore(ScoreEvent e) {
        scores.put(e.patientId(), e);
        if (e.news2() != null) {
            vitals.get(e.patientId(), k -> new PatientVitals(config.historyFull(), config.historyMinutes()))
                    .addNews2(e.timestamp(), e.news2().total());
        }
        hub.publish("scores", e.patientId(), "score", Views.score(e));
    }

    /**
     * Blocks until {@link #close()} is called (the command line's {@code serve}).
     *
     * @throws InterruptedException if interrupted while waiting; the server keeps running
     */
    public void awaitStop() throws InterruptedException {
        synchronized (this) {
            while (!stopped) {
                wait();
            }
        }
    }

    /** Stops listening, closes the monitor (delivering pending events) and the journal. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            notifyAll();
        }
        try {
            app.stop();
        } finally {
            try {
                if (kafka != null) {
                    kafka.close();
                }
                monitor.close();
            } finally {
                wsSender.shutdownNow();
                storage.close();
                gcMetrics.close();
                prometheus.close();
            }
        }
    }
}
