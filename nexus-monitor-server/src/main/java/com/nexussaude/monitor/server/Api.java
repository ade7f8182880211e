package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Auth.Role.VIEWER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nexussaude.monitor.Observation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route table, authentication, rate and size limits, and the answers to failures. The handlers are
 * by resource in the {@code *Handlers} classes; every handler names what was wrong in a problem+json
 * answer.
 */
final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    /** Strict JSON in every request body: a key given twice is a 400 naming it, not last-wins. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PRINCIPAL = "nexus.principal";
    /** Paths anyone may call: liveness/readiness, the API description, the dashboard page, the Prometheus scrape (no patient data). */
    private static final Set<String> PUBLIC = Set.of("/system/health", "/openapi.json", "/dashboard", "/metrics");
    static final int MAX_PAGE = 1000;

    private final MonitorServer s;
    private final VitalSignsHandlers vitalSigns;

    Api(MonitorServer server) {
        this.s = server;
        this.vitalSigns = new VitalSignsHandlers(server);
    }

    Javalin create() {
        ServerConfig c = s.config;
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = c.maxRequestBytes();
            cfg.http.compressionStrategy = io.javalin.compression.CompressionStrategy.NONE;
            if (c.keystore() != null) {
                cfg.jetty.addConnector((server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setKeyStorePath(c.keystore().toString());
                    ssl.setKeyStorePassword(c.keystorePassword());
                    SecureRequestCustomizer src = new SecureRequestCustomizer();
                    src.setSniHostCheck(false);
                    httpConfig.addCustomizer(src);
                    ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                            new HttpConnectionFactory(httpConfig));
                    connector.setHost(c.host());
                    connector.setPort(c.port());
                    return connector;
                });
            }
            cfg.staticFiles.enableWebjars();
            routes(cfg.routes);
        });
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        AlertHandlers alerts = new AlertHandlers(s);
        IncidentHandlers incidents = new IncidentHandlers(s);
        SilenceHandlers silences = new SilenceHandlers(s);
        PatientHandlers patients = new PatientHandlers(s);
        RuleHandlers rules = new RuleHandlers(s);
        SystemHandlers system = new SystemHandlers(s);
        DashboardHandlers dashboard = new DashboardHandlers(s);
        SseHandlers sse = new SseHandlers(s);
        WebSocketHandlers live = new WebSocketHandlers(s);
        VitalSignsHandlers vitals = vitalSigns;
        // Kafka mode: alerts and incidents from the group's topics; what is not a record of the topics yet is a 409.
        KafkaHandlers k = s.kafka == null ? null : new KafkaHandlers(s.kafka);
        String noSilences = "silences are records of the observations topic (ObservationRecords.createSilence), but the"
                + " service does not write them yet: a ward's silence is one record per partition, and no instance can"
                + " list the silences in force (they are in no output topic)";
        String noJournal = "the group's monitors keep no journal; read the alerts and incidents topics";
        String perInstance = "it would change this instance's monitor only, which monitors nothing in Kafka mode; the"
                + " group's monitors share one setup (KAFKA_* and the bands and paging settings of every instance)";

        r.before(this::authenticate);
        r.exception(Problem.class, (e, ctx) -> problem(ctx, e));
        r.exception(Auth.Refused.class, (e, ctx) -> {
            (e.status == 401 ? s.counters.unauthorized : s.counters.forbidden).incrementAndGet();
            if (e.status == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            problem(ctx, new Problem(e.status, e.status == 401 ? "Unauthorized" : "Forbidden", e.getMessage()));
        });
        r.exception(VitalSignsHandlers.KafkaUnavailable.class, (e, ctx) -> {
            log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "5");
            problem(ctx, new Problem(503, "Service unavailable", e.getMessage()));
        });
        r.exception(JsonProcessingException.class, (e, ctx) -> problem(ctx,
                Problem.badRequest("the body is not valid JSON: " + e.getOriginalMessage() + Requests.locationOf(e))));
        r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                problem(ctx, new Problem(e.getStatus(), "HTTP " + e.getStatus(), e.getMessage())));
        r.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, new Problem(500, "Internal server error", e.getClass().getSimpleName() + ": " + e.getMessage()));
        });
        r.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, Problem.notFound("no route " + ctx.method() + " " + ctx.path()));
            }
        });

        r.post("/vital-signs", vitals::postVitals);
        FhirApi fhir = new FhirApi(this);
        r.post("/fhir/Observation", fhir::observation);
        r.post("/fhir", fhir::bundle);
        r.get("/vital-signs/{patient_id}", vitals::latestVitals);
        r.get("/vital-signs/{patient_id}/history", vitals::vitalsHistory);

        r.get("/alerts", k != null ? k::listAlerts : alerts::listAlerts);
        r.post("/alerts", k != null ? k::raiseAlert : alerts::raiseAlert);
        r.get("/alerts/patient/{patient_id}", k != null ? k::patientAlerts : alerts::patientAlerts);
        r.get("/alerts/{id}", k != null ? k::getAlert : alerts::getAlert);
        r.get("/alerts/{id}/timeline", k != null ? KafkaHandlers.unavailable(noJournal) : alerts::alertTimeline);
        r.put("/alerts/{id}/acknowledge", k != null ? k::acknowledgeAlert : alerts::acknowledge);
        r.put("/alerts/{id}/resolve", k != null ? k::resolveAlert : alerts::resolve);

        r.get("/incidents", k != null ? k::listIncidents : incidents::listIncidents);
        r.get("/incidents/{id}", k != null ? k::getIncident : incidents::getIncident);
        r.get("/incidents/{id}/timeline", k != null ? KafkaHandlers.unavailable(noJournal) : incidents::incidentTimeline);
        r.put("/incidents/{id}/acknowledge", k != null ? k::acknowledgeIncident : incidents::acknowledgeIncident);

        r.get("/silences", k != null ? KafkaHandlers.unavailable(noSilences) : silences::listSilences);
        r.post("/silences", k != null ? KafkaHandlers.unavailable(noSilences) : silences::createSilence);
        r.post("/silences/preview", k != null ? KafkaHandlers.unavailable(noSilences) : silences::previewSilence);
        r.delete("/silences/{id}", k != null ? KafkaHandlers.unavailable(noSilences) : silences::expireSilence);

        r.get("/patients", patients::listPatients);
        r.get("/patients/{patient_id}", patients::getPatient);
        r.put("/patients/{patient_id}", k != null ? KafkaHandlers.unavailable("registering a patient " + perInstance)
                : patients::registerPatient);
        r.post("/patients/{patient_id}/discharge", k != null ? KafkaHandlers.unavailable("discharging a patient "
                + perInstance) : patients::discharge);

        r.get("/config/bands", rules::getBands);
        r.put("/config/bands/{vital}", k != null ? KafkaHandlers.unavailable("changing bands " + perInstance)
                : rules::putBands);
        r.get("/rules", rules::listRules);
        r.put("/rules/{name}", k != null ? KafkaHandlers.unavailable("deploying rules " + perInstance) : rules::putRules);
        r.delete("/rules/{name}", k != null ? KafkaHandlers.unavailable("removing rules " + perInstance)
                : rules::deleteRules);

        r.get("/system/health", system::health);
        r.get("/system/status", system::status);
        r.get("/system/metrics", system::metrics);
        r.get("/metrics", system::prometheus);
        r.get("/openapi.json", ctx -> Requests.resource(ctx, "/openapi.json", "application/json"));
        r.get("/dashboard", ctx -> Requests.resource(ctx, "/dashboard/index.html", "text/html; charset=utf-8"));
        r.get("/dashboard/assets/{file}", dashboard::dashboardAsset);
        r.get("/dashboard/data", dashboard::dashboardData);
        r.get("/dashboard/system", ctx -> {
            need(ctx, VIEWER);
            Map<String, Object> panel = s.systemPanel.read(s.channelNames());
            if (s.kafka != null) {
                // The panel's engine figures are this instance's idle monitor's: Kafka mode's say what runs where.
                panel = new java.util.LinkedHashMap<>(panel);
                panel.put("mode", "kafka");
                panel.put("kafka", s.kafka.status());
            }
            ctx.json(panel);
        });
        r.post("/dashboard/widgets", dashboard::addWidget);
        r.get("/dashboard/widgets/{id}", dashboard::getWidget);
        r.put("/dashboard/widgets/{id}", dashboard::putWidget);
        r.delete("/dashboard/widgets/{id}", dashboard::deleteWidget);
        r.get("/events", sse::sse);

        r.wsBeforeUpgrade("/ws/{client_id}", ctx -> {
            Auth.Principal p = s.auth.verify(bearer(ctx.header("Authorization"), ctx.queryParam("access_token")));
            Auth.require(p, VIEWER);
        });
        r.ws("/ws/{client_id}", ws -> {
            ws.onConnect(live::wsConnect);
            ws.onMessage(ctx -> live.wsMessage(ctx, ctx.message()));
            ws.onClose(live::wsClosed);
            ws.onError(live::wsClosed);
        });
    }

    // ---- cross-cutting ------------------------------------------------------------------------

    static String bearer(String header, String queryToken) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        return queryToken;
    }

    /**
     * Size limit, rate limit, authentication. The rate-limit key is the token's subject when the token
     * is valid, else the caller's address, so refused callers are limited too.
     */
    private void authenticate(Context ctx) {
        s.counters.requests.incrementAndGet();
        if (ctx.contentLength() > s.config.maxRequestBytes()) {
            throw new Problem(413, "Content too large", "the body of " + ctx.contentLength() + " bytes exceeds the limit of "
                    + s.config.maxRequestBytes() + " bytes (MAX_REQUEST_BYTES)");
        }
        Auth.Principal principal = null;
        Auth.Refused refused = null;
        boolean open = PUBLIC.contains(ctx.path()) || ctx.path().startsWith("/ws/")
                || ctx.path().startsWith("/dashboard/assets/") || ctx.path().startsWith("/webjars/");
        if (!open) {
            try {
                principal = s.auth.verify(bearer(ctx.header("Authorization"), ctx.queryParam("access_token")));
            } catch (Auth.Refused e) {
                refused = e;
            }
        }
        String client = principal != null ? "sub:" + principal.subject() : "ip:" + ctx.ip();
        long wait = s.rateLimiter.acquire(client);
        if (wait > 0) {
            s.counters.rateLimited.incrementAndGet();
            ctx.header("Retry-After", Long.toString(wait));
            throw new Problem(429, "Too many requests", "more than " + s.config.rateLimitPerMinute()
                    + " requests a minute from this client (RATE_LIMIT_PER_MINUTE); retry after " + wait + " s");
        }
        if (refused != null) {
            throw refused;
        }
        if (principal != null) {
            ctx.attribute(PRINCIPAL, principal);
        }
    }

    static Auth.Principal need(Context ctx, Auth.Role role) {
        Auth.Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new Auth.Refused(401, "authentication required: send Authorization: Bearer <JWT>");
        }
        Auth.require(p, role);
        return p;
    }

    static void problem(Context ctx, Problem p) {
        ctx.status(p.status);
        ctx.contentType(PROBLEM_JSON);
        ctx.result(EventHub.write(p.body(ctx.path())));
    }

    /** Submits one observation as {@code POST /vital-signs} does (the FHIR endpoints and in-process feeders). */
    void accept(Observation o) {
        vitalSigns.accept(o);
    }
}
