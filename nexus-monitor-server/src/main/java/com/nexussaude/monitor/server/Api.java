package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Auth.Role.ADMIN;
import static com.nexussaude.monitor.server.Auth.Role.CLINICIAN;
import static com.nexussaude.monitor.server.Auth.Role.INTEGRATOR;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nexussaude.monitor.Alert;
import com.nexussaude.monitor.AlertMatcher;
import com.nexussaude.monitor.AlertState;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.IllegalTransitionException;
import com.nexussaude.monitor.Incident;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.MonitorStats;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.RuleCompilationException;
import com.nexussaude.monitor.ScoreEvent;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.journal.JournalProblem;
import com.nexussaude.monitor.journal.JournalQuery;
import com.nexussaude.monitor.journal.JournalRecord;
import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The routes and their handlers. Every handler names what was wrong in a problem+json answer. */
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
    /** Responses of POST /vital-signs by client and Idempotency-Key, for 24 h. */
    private final Cache<String, Stored> idempotent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(24)).maximumSize(100_000).build();

    private record Stored(String bodyHash, int status, String contentType, String body) {
    }

    Api(MonitorServer server) {
        this.s = server;
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
        r.before(this::authenticate);
        r.exception(Problem.class, (e, ctx) -> problem(ctx, e));
        r.exception(Auth.Refused.class, (e, ctx) -> {
            (e.status == 401 ? s.counters.unauthorized : s.counters.forbidden).incrementAndGet();
            if (e.status == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            problem(ctx, new Problem(e.status, e.status == 401 ? "Unauthorized" : "Forbidden", e.getMessage()));
        });
        r.exception(JsonProcessingException.class, (e, ctx) -> problem(ctx,
                Problem.badRequest("the body is not valid JSON: " + e.getOriginalMessage() + locationOf(e))));
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

        r.post("/vital-signs", this::postVitals);
        FhirApi fhir = new FhirApi(this);
        r.post("/fhir/Observation", fhir::observation);
        r.post("/fhir", fhir::bundle);
        r.get("/vital-signs/{patient_id}", this::latestVitals);
        r.get("/vital-signs/{patient_id}/history", this::vitalsHistory);

        r.get("/alerts", this::listAlerts);
        r.post("/alerts", this::raiseAlert);
        r.get("/alerts/patient/{patient_id}", this::patientAlerts);
        r.get("/alerts/{id}", this::getAlert);
        r.get("/alerts/{id}/timeline", this::alertTimeline);
        r.put("/alerts/{id}/acknowledge", this::acknowledge);
        r.put("/alerts/{id}/resolve", this::resolve);

        r.get("/incidents", this::listIncidents);
        r.get("/incidents/{id}", this::getIncident);
        r.get("/incidents/{id}/timeline", this::incidentTimeline);
        r.put("/incidents/{id}/acknowledge", this::acknowledgeIncident);

        r.get("/silences", this::listSilences);
        r.post("/silences", this::createSilence);
        r.post("/silences/preview", this::previewSilence);
        r.delete("/silences/{id}", this::expireSilence);

        r.get("/patients", this::listPatients);
        r.get("/patients/{patient_id}", this::getPatient);
        r.put("/patients/{patient_id}", this::registerPatient);
        r.post("/patients/{patient_id}/discharge", this::discharge);

        r.get("/config/bands", this::getBands);
        r.put("/config/bands/{vital}", this::putBands);
        r.get("/rules", this::listRules);
        r.put("/rules/{name}", this::putRules);
        r.delete("/rules/{name}", this::deleteRules);

        r.get("/system/health", this::health);
        r.get("/system/status", this::status);
        r.get("/system/metrics", this::metrics);
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.prometheus.scrape()));
        r.get("/openapi.json", ctx -> resource(ctx, "/openapi.json", "application/json"));
        r.get("/dashboard", ctx -> resource(ctx, "/dashboard/index.html", "text/html; charset=utf-8"));
        r.get("/dashboard/assets/{file}", this::dashboardAsset);
        r.get("/dashboard/data", this::dashboardData);
        r.post("/dashboard/widgets", this::addWidget);
        r.get("/dashboard/widgets/{id}", ctx -> ctx.json(s.layouts.widget(need(ctx, VIEWER).subject(), ctx.pathParam("id"))));
        r.put("/dashboard/widgets/{id}", ctx -> ctx.json(s.layouts.put(need(ctx, VIEWER).subject(), ctx.pathParam("id"), body(ctx, true))));
        r.delete("/dashboard/widgets/{id}", ctx -> {
            s.layouts.remove(need(ctx, VIEWER).subject(), ctx.pathParam("id"));
            ctx.status(204);
        });
        r.get("/events", this::sse);

        r.wsBeforeUpgrade("/ws/{client_id}", ctx -> {
            Auth.Principal p = s.auth.verify(bearer(ctx.header("Authorization"), ctx.queryParam("access_token")));
            Auth.require(p, VIEWER);
        });
        r.ws("/ws/{client_id}", ws -> {
            ws.onConnect(this::wsConnect);
            ws.onMessage(ctx -> wsMessage(ctx, ctx.message()));
            ws.onClose(ctx -> wsClosed(ctx));
            ws.onError(ctx -> wsClosed(ctx));
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

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static JsonNode body(Context ctx, boolean required) throws JsonProcessingException {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            if (required) {
                throw Problem.badRequest("a JSON body is required");
            }
            return JSON.createObjectNode();
        }
        return JSON.readTree(text);
    }

    /** Rejects fields a body must not carry: unknown ones are reported, never ignored. */
    private static void onlyFields(JsonNode body, Set<String> allowed) {
        if (!body.isObject()) {
            throw Problem.badRequest("the body must be a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw Problem.badRequest("unknown field(s) " + unknown + "; allowed: " + new java.util.TreeSet<>(allowed))
                    .with("unknown_fields", unknown);
        }
    }

    /** Rejects query parameters a route does not read ({@code access_token} is read everywhere). */
    private static void onlyParams(Context ctx, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!allowed.contains(name) && !name.equals("access_token")) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            unknown.sort(null);
            throw Problem.badRequest("unknown query parameter(s) " + unknown + "; allowed: " + new java.util.TreeSet<>(allowed))
                    .with("unknown_parameters", unknown);
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw Problem.badRequest(field + " is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw Problem.badRequest(field + " must be a string, but was " + n);
        }
        if (required && n.asText().isBlank()) {
            throw Problem.badRequest(field + " must not be blank");
        }
        return n.asText();
    }

    private static Instant instantParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest("query parameter " + name + " must be ISO-8601 with an offset"
                    + " (2026-12-01T08:00:00Z), but was \"" + v + "\"");
        }
    }

    private static Instant instantField(JsonNode body, String field) {
        String v = text(body, field, false);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(field + " must be ISO-8601 with an offset, but was \"" + v + "\"");
        }
    }

    private static Set<String> listParam(Context ctx, String name) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : ctx.queryParams(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static Severity severity(String field, String v) {
        try {
            return Severity.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(field + " must be one of low, medium, high, critical, but was \"" + v + "\"");
        }
    }

    private static Category category(String field, String v) {
        try {
            return Category.fromWireName(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(field + " must be physiological or technical, but was \"" + v + "\"");
        }
    }

    private void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw Problem.notFound("resource " + name + " is missing from the server jar");
            }
            ctx.contentType(type);
            ctx.result(in.readAllBytes());
        }
    }

    // ---- dashboard ----------------------------------------------------------------------------

    /** The page's own files: a fixed list, so no path ever reaches the class loader unchecked. */
    private static final Map<String, String> ASSETS = Map.of(
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "board.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8");

    private void dashboardAsset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw Problem.notFound("no dashboard file " + file + "; the page's files are " + new java.util.TreeSet<>(ASSETS.keySet()));
        }
        ctx.header("Cache-Control", "no-cache");
        resource(ctx, "/dashboard/" + file, type);
    }

    private void addWidget(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, VIEWER);
        ctx.status(201).json(s.layouts.put(p.subject(), null, body(ctx, true)));
    }

    /**
     * What the ward board shows, in one answer: every known patient with the latest readings, NEWS2
     * and active alerts, the user's widgets, and the live sequence the page resumes from.
     */
    private void dashboardData(Context ctx) {
        Auth.Principal p = need(ctx, VIEWER);
        Map<String, List<Map<String, Object>>> alertsByPatient = new java.util.HashMap<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity sev : Severity.values()) {
            bySeverity.put(sev.wireName(), 0);
        }
        Instant now = s.monitor.now();
        List<Silence> inForce = new ArrayList<>();
        for (Silence sl : s.monitor.silences()) {
            if (sl.inForceAt(now)) {
                inForce.add(sl);
            }
        }
        for (Alert a : s.monitor.openAlerts()) {
            String ward = s.wardOf(a.patientId());
            Map<String, Object> view = Views.alert(a, ward);
            // The silence that covers it now, if any: the board's silenced mark.
            Map<String, Object> silencedBy = null;
            for (Silence sl : inForce) {
                if (sl.covers(a, ward)) {
                    silencedBy = Views.silence(sl, now);
                    break;
                }
            }
            view.put("silenced_by", silencedBy);
            alertsByPatient.computeIfAbsent(a.patientId(), k -> new ArrayList<>()).add(view);
            bySeverity.merge(a.severity().wireName(), 1, Integer::sum);
        }
        Set<String> ids = new java.util.TreeSet<>(s.beds.keySet());
        ids.addAll(s.vitals.asMap().keySet());
        ids.addAll(alertsByPatient.keySet());
        List<Map<String, Object>> beds = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("patient_id", id);
            b.put("ward", s.wardOf(id));
            b.put("bed", s.beds.get(id));
            PatientVitals v = s.vitals.getIfPresent(id);
            b.put("latest", v == null ? Map.of() : v.latest());
            ScoreEvent score = s.scores.get(id);
            b.put("news2", score == null ? null : Views.news2(score.news2()));
            b.put("news2_at", score == null ? null : score.timestamp().toString());
            b.put("alerts", alertsByPatient.getOrDefault(id, List.of()));
            beds.add(b);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", p.subject());
        out.put("server_time", Instant.now().toString());
        out.put("seq", s.hub.latestSeq());
        out.put("beds", beds);
        out.put("alerts_by_severity", bySeverity);
        out.put("widgets", s.layouts.widgets(p.subject()));
        ctx.json(out);
    }

    // ---- vital signs --------------------------------------------------------------------------

    private void postVitals(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, INTEGRATOR);
        String key = ctx.header("Idempotency-Key");
        if (key == null) {
            Stored r = ingest(ctx.body());
            reply(ctx, r);
            return;
        }
        if (key.isBlank() || key.length() > 200) {
            throw Problem.badRequest("Idempotency-Key must be 1..200 characters");
        }
        String hash = sha256(ctx.body());
        AtomicBoolean fresh = new AtomicBoolean();
        // Caffeine runs the ingestion once per key; a concurrent retry waits for it and gets its answer.
        Stored r = idempotent.get(p.subject() + "\n" + key, k -> {
            fresh.set(true);
            try {
                Stored done = ingest(ctx.body());
                return new Stored(hash, done.status(), done.contentType(), done.body());
            } catch (Problem e) {
                return new Stored(hash, e.status, PROBLEM_JSON, EventHub.write(e.body(ctx.path())));
            }
        });
        if (!fresh.get()) {
            if (!r.bodyHash().equals(hash)) {
                throw Problem.unprocessable("Idempotency-Key \"" + key + "\" was already used with a different body");
            }
            s.counters.idempotentReplays.incrementAndGet();
            ctx.header("Idempotent-Replayed", "true");
        }
        reply(ctx, r);
    }

    private static void reply(Context ctx, Stored r) {
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        ctx.result(r.body());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses and submits one observation or a batch; every bad item is named, the good ones are accepted. */
    private Stored ingest(String text) {
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("the body is not valid JSON: " + e.getOriginalMessage() + locationOf(e));
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw Problem.badRequest("the body must be one observation (a JSON object) or a batch (a JSON array)");
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
            if (items.isEmpty()) {
                throw Problem.badRequest("the batch is empty");
            }
            if (items.size() > s.config.maxBatch()) {
                throw new Problem(413, "Content too large", "a batch of " + items.size()
                        + " observations exceeds the limit of " + s.config.maxBatch() + " (MAX_BATCH_SIZE)");
            }
        } else {
            items.add(root);
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<Map<String, Object>> unknown = new ArrayList<>();
        int accepted = 0;
        Instant now = Instant.now();
        for (int i = 0; i < items.size(); i++) {
            ObservationParser.Item item;
            try {
                item = ObservationParser.parse(items.get(i), now);
            } catch (ObservationParser.BadField e) {
                errors.add(ObservationParser.error(i, e.field, e.value, e.getMessage()));
                continue;
            }
            for (String f : item.unknownFields()) {
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("index", i);
                u.put("field", f);
                u.put("detail", "unknown field, not read (known: " + new java.util.TreeSet<>(ObservationParser.FIELDS) + ")");
                unknown.add(u);
            }
            try {
                if (item.spo2Scale() != null) {
                    applyScale(item.observation().patientId(), item.spo2Scale());
                }
                accept(item.observation());
                accepted++;
            } catch (InvalidObservationException e) {
                // The value as sent (412, not the monitor's 412.0), when the field is one of the body's.
                JsonNode sent = e.field() == null ? null : items.get(i).get(e.field());
                String value = sent == null || sent.isNull() ? e.value() : sent.isTextual() ? sent.asText() : sent.toString();
                errors.add(ObservationParser.error(i, e.field(), value, e.getMessage()));
            }
        }
        s.counters.vitalsAccepted.addAndGet(accepted);
        s.counters.vitalsRejected.addAndGet(errors.size());
        Map<String, Object> out = new LinkedHashMap<>();
        if (errors.isEmpty()) {
            out.put("accepted", accepted);
            out.put("rejected", 0);
            out.put("unknown_fields", unknown);
            return new Stored("", 202, "application/json", EventHub.write(out));
        }
        Problem p = Problem.unprocessable(errors.size() + " of " + items.size() + " observation(s) rejected; "
                + accepted + " accepted. First: item " + errors.get(0).get("index") + ", " + errors.get(0).get("detail"))
                .with("accepted", accepted).with("rejected", errors.size()).with("errors", errors)
                .with("unknown_fields", unknown);
        return new Stored("", 422, PROBLEM_JSON, EventHub.write(p.body("/vital-signs")));
    }

    private void applyScale(String patientId, int scale) {
        PatientContext ctx = s.monitor.patient(patientId);
        if (ctx == null) {
            s.monitor.register(PatientContext.of(patientId).withSpo2Scale(scale));
        } else if (ctx.spo2Scale() != scale) {
            s.monitor.register(ctx.withSpo2Scale(scale));
        }
    }

    /** Submits to the monitor, then keeps the readings and publishes them on the patient's vitals channel. */
    void accept(Observation o) {
        s.monitor.submit(o);
        s.vitals.get(o.patientId(), k -> new PatientVitals(s.config.historyFull(), s.config.historyMinutes())).add(o);
        s.storage.record(o);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patient_id", o.patientId());
        data.put("timestamp", o.timestamp().toString());
        o.values().forEach((v, x) -> data.put(v.fieldName(), x));
        s.hub.publish("vitals", o.patientId(), "vitals", data);
    }

    private void latestVitals(Context ctx) {
        need(ctx, VIEWER);
        String pid = ctx.pathParam("patient_id");
        PatientVitals v = s.vitals.getIfPresent(pid);
        if (v == null) {
            throw Problem.notFound("no readings of patient " + pid + " since the server started");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patient_id", pid);
        out.put("ward", s.wardOf(pid));
        out.put("bed", s.beds.get(pid));
        out.put("latest", v.latest());
        ScoreEvent score = s.scores.get(pid);
        out.put("news2", score == null ? null : Views.news2(score.news2()));
        out.put("news2_at", score == null ? null : score.timestamp().toString());
        ctx.json(out);
    }

    private void vitalsHistory(Context ctx) {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("from", "to", "resolution"));
        String pid = ctx.pathParam("patient_id");
        Instant to = instantParam(ctx, "to");
        Instant from = instantParam(ctx, "from");
        to = to == null ? Instant.now() : to;
        from = from == null ? to.minus(Duration.ofHours(1)) : from;
        if (from.isAfter(to)) {
            throw Problem.badRequest("from (" + from + ") is after to (" + to + ")");
        }
        String resolution = ctx.queryParam("resolution") == null ? "auto" : ctx.queryParam("resolution");
        if (!Set.of("auto", "raw", "minute").contains(resolution)) {
            throw Problem.badRequest("resolution must be auto, raw or minute, but was \"" + resolution + "\"");
        }
        PatientVitals v = s.vitals.getIfPresent(pid);
        Map<String, Object> stored = s.storage.vitalsHistory(pid, from, to, resolution); // null: no database
        if (v == null && stored == null) {
            throw Problem.notFound("no readings of patient " + pid + " since the server started");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("patient_id", pid);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("resolution", resolution);
        out.put("retention", Map.of("full_resolution_hours", s.config.historyFull().toHours(),
                "minute_median_hours", s.config.historyMinutes().toHours()));
        out.put("vitals", stored != null ? stored : v.history(from, to, resolution));
        out.put("news2", v == null ? List.of() : v.news2History(from, to));
        ctx.json(out);
    }

    // ---- alerts -------------------------------------------------------------------------------

    private static long idNumber(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final Set<String> ALERT_PARAMS = Set.of("state", "severity", "category", "patient", "ward", "rule",
            "since", "until", "limit", "cursor");
    private static final Set<String> PATIENT_ALERT_PARAMS = Set.of("state", "severity", "category", "ward", "rule",
            "since", "until", "limit", "cursor");
    private static final Set<String> STATES = Set.of("open", "flapping", "acknowledged", "resolved", "active", "all");

    private void listAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, null));
    }

    private void patientAlerts(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(page(ctx, ctx.pathParam("patient_id")));
    }

    /** Filters, newest first, with a cursor: the id after which the next page starts. */
    private Map<String, Object> page(Context ctx, String patientPath) {
        onlyParams(ctx, patientPath == null ? ALERT_PARAMS : PATIENT_ALERT_PARAMS);
        Set<String> states = listParam(ctx, "state");
        for (String st : states) {
            if (!STATES.contains(st)) {
                throw Problem.badRequest("state must be among open, flapping, acknowledged, resolved, active, all,"
                        + " but was \"" + st + "\"");
            }
        }
        if (states.isEmpty()) {
            states = Set.of("active");
        }
        Set<Severity> severities = new LinkedHashSet<>();
        for (String v : listParam(ctx, "severity")) {
            severities.add(severity("severity", v));
        }
        Set<Category> categories = new LinkedHashSet<>();
        for (String v : listParam(ctx, "category")) {
            categories.add(category("category", v));
        }
        String patient = patientPath != null ? patientPath : ctx.queryParam("patient");
        String ward = ctx.queryParam("ward");
        Set<String> rules = listParam(ctx, "rule");
        Instant since = instantParam(ctx, "since");
        Instant until = instantParam(ctx, "until");
        int limit = 100;
        if (ctx.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(ctx.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw Problem.badRequest("limit must be an integer in 1.." + MAX_PAGE + ", but was \"" + ctx.queryParam("limit") + "\"");
            }
        }
        String cursor = ctx.queryParam("cursor");
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            before = idNumber(cursor);
            if (before < 0) {
                throw Problem.badRequest("cursor must be the next_cursor of a previous page, but was \"" + cursor + "\"");
            }
        }
        Map<String, Alert> all = new LinkedHashMap<>();
        boolean wantResolved = states.contains("resolved") || states.contains("all");
        if (wantResolved) {
            all.putAll(s.resolved.asMap());
        }
        for (Alert a : s.monitor.openAlerts()) {
            all.put(a.alertId(), a);
        }
        List<Alert> hits = new ArrayList<>();
        for (Alert a : all.values()) {
            if (idNumber(a.alertId()) >= before) {
                continue;
            }
            String st = a.state().name().toLowerCase(Locale.ROOT);
            boolean stateOk = states.contains("all") || states.contains(st) || (states.contains("active") && a.isActive());
            if (!stateOk
                    || (!severities.isEmpty() && !severities.contains(a.severity()))
                    || (!categories.isEmpty() && !categories.contains(a.category()))
                    || (patient != null && !patient.equals(a.patientId()))
                    || (ward != null && !ward.equals(s.wardOf(a.patientId())))
                    || (!rules.isEmpty() && !rules.contains(a.ruleId().toLowerCase(Locale.ROOT)))
                    || (since != null && a.raisedAt().isBefore(since))
                    || (until != null && !a.raisedAt().isBefore(until))) {
                continue;
            }
            hits.add(a);
        }
        hits.sort(Comparator.comparingLong((Alert a) -> idNumber(a.alertId())).reversed());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, hits.size()); i++) {
            items.add(Views.alert(hits.get(i), s.wardOf(hits.get(i).patientId())));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("next_cursor", hits.size() > limit ? hits.get(limit - 1).alertId() : null);
        return out;
    }

    /** An alert by id: active from the monitor, resolved from this process's memory, else from the journal. */
    private Map<String, Object> alertById(String id) {
        Alert a = s.monitor.alert(id);
        if (a == null) {
            a = s.resolved.getIfPresent(id);
        }
        if (a != null) {
            return Views.alert(a, s.wardOf(a.patientId()));
        }
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().alertId(id).build());
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).type().startsWith("alert.")) {
                return JournalViews.alert(records.get(i), s.wardOf(records.get(i).patientId()));
            }
        }
        throw Problem.notFound("no alert " + id);
    }

    private void getAlert(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(alertById(ctx.pathParam("id")));
    }

    private void alertTimeline(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().alertId(id).build());
        if (records.isEmpty()) {
            throw Problem.notFound("no journal records of alert " + id);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        records.forEach(r -> out.add(Views.record(r)));
        ctx.json(Map.of("alert_id", id, "records", out));
    }

    private String reason(Context ctx) throws JsonProcessingException {
        JsonNode b = body(ctx, false);
        onlyFields(b, Set.of("reason"));
        String r = text(b, "reason", false);
        return r == null ? "" : r;
    }

    private void acknowledge(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            ctx.json(Views.alert(s.monitor.acknowledge(id, p.subject(), reason), null));
        } catch (IllegalTransitionException e) {
            Alert now = s.monitor.alert(id);
            if (now != null && now.state() == AlertState.ACKNOWLEDGED) {
                // Acknowledging twice is not an error: the alert is owned, which is what was asked.
                ctx.header("Already-Acknowledged", "true");
                ctx.json(Views.alert(now, s.wardOf(now.patientId())));
                return;
            }
            throw Problem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    private void resolve(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            Alert a = s.monitor.resolve(id, p.subject(), reason.isEmpty() ? "resolved by hand" : reason);
            ctx.json(Views.alert(a, s.wardOf(a.patientId())));
        } catch (IllegalTransitionException e) {
            throw Problem.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    private static final Set<String> RAISE_FIELDS = Set.of("patient_id", "severity", "message", "reason", "key",
            "category", "ttl_hours", "evidence");

    /** A manual alert: rule {@code manual}, raised by the token's subject with a required reason. */
    private void raiseAlert(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        JsonNode b = body(ctx, true);
        onlyFields(b, RAISE_FIELDS);
        String pid = text(b, "patient_id", true);
        Severity sev = severity("severity", text(b, "severity", true));
        String message = text(b, "message", true);
        String why = text(b, "reason", true);
        String cat = text(b, "category", false);
        JsonNode ttlNode = b.get("ttl_hours");
        long ttlHours = 24;
        if (ttlNode != null && !ttlNode.isNull()) {
            if (!ttlNode.isInt() || ttlNode.asInt() < 1 || ttlNode.asInt() > 24 * 14) {
                throw Problem.badRequest("ttl_hours must be an integer in 1..336, but was " + ttlNode);
            }
            ttlHours = ttlNode.asInt();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        JsonNode ev = b.get("evidence");
        if (ev != null && !ev.isNull()) {
            if (!ev.isObject()) {
                throw Problem.badRequest("evidence must be a JSON object, but was " + ev);
            }
            evidence.putAll(JSON.convertValue(ev, Map.class));
        }
        evidence.put("raised_by", p.subject());
        Alert a = s.monitor.raise(pid, "manual", text(b, "key", false), sev,
                cat == null ? Category.PHYSIOLOGICAL : category("category", cat), message, evidence,
                Duration.ofHours(ttlHours), p.subject(), why);
        ctx.status(201);
        ctx.header("Location", "/alerts/" + a.alertId());
        ctx.json(Views.alert(a, s.wardOf(pid)));
    }

    // ---- incidents ----------------------------------------------------------------------------

    private void listIncidents(Context ctx) {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("patient"));
        String patient = ctx.queryParam("patient");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : s.monitor.incidents()) {
            if (patient == null || patient.equals(i.patientId())) {
                out.add(Views.incident(i));
            }
        }
        ctx.json(Map.of("items", out));
    }

    private void getIncident(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        for (Incident i : s.monitor.incidents()) {
            if (i.incidentId().equals(id)) {
                ctx.json(Views.incident(i));
                return;
            }
        }
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().incidentId(id).build());
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).type().startsWith("incident.")) {
                ctx.json(JournalViews.incident(records.get(i)));
                return;
            }
        }
        throw Problem.notFound("no incident " + id);
    }

    private void incidentTimeline(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("id");
        List<JournalRecord> records = s.monitor.history(JournalQuery.builder().incidentId(id).build());
        if (records.isEmpty()) {
            throw Problem.notFound("no journal records of incident " + id);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        records.forEach(r -> out.add(Views.record(r)));
        ctx.json(Map.of("incident_id", id, "records", out));
    }

    private void acknowledgeIncident(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        String id = ctx.pathParam("id");
        String reason = reason(ctx);
        try {
            List<Alert> acked = s.monitor.acknowledgeIncident(id, p.subject(), reason);
            List<Map<String, Object>> out = new ArrayList<>();
            acked.forEach(a -> out.add(Views.alert(a, s.wardOf(a.patientId()))));
            ctx.json(Map.of("incident_id", id, "acknowledged", out));
        } catch (IllegalArgumentException e) {
            throw Problem.notFound(e.getMessage());
        }
    }

    // ---- silences -----------------------------------------------------------------------------

    private static final Set<String> SILENCE_FIELDS = Set.of("patient_id", "ward", "rules", "keys", "categories",
            "min_severity", "max_severity", "starts_at", "ends_at", "duration_minutes", "until_resolved_alert_id",
            "comment");

    private Silence silenceFrom(JsonNode b, String createdBy) {
        onlyFields(b, SILENCE_FIELDS);
        Silence.Builder sb = Silence.builder().by(createdBy);
        String comment = text(b, "comment", true);
        sb.because(comment);
        String pid = text(b, "patient_id", false);
        if (pid != null) {
            sb.patient(pid);
        }
        String ward = text(b, "ward", false);
        if (ward != null) {
            sb.ward(ward);
        }
        AlertMatcher m = AlertMatcher.any();
        List<String> rules = strings(b, "rules");
        if (!rules.isEmpty()) {
            m = m.withRules(rules.toArray(String[]::new));
        }
        List<String> keys = strings(b, "keys");
        if (!keys.isEmpty()) {
            m = m.withKeys(keys.toArray(String[]::new));
        }
        List<String> cats = strings(b, "categories");
        if (!cats.isEmpty()) {
            m = m.withCategories(cats.stream().map(c -> category("categories", c)).toArray(Category[]::new));
        }
        String min = text(b, "min_severity", false);
        if (min != null) {
            m = m.atLeast(severity("min_severity", min));
        }
        String max = text(b, "max_severity", false);
        if (max != null) {
            m = m.atMost(severity("max_severity", max));
        }
        sb.matching(m);
        Instant starts = instantField(b, "starts_at");
        if (starts != null) {
            sb.from(starts);
        }
        Instant ends = instantField(b, "ends_at");
        JsonNode dur = b.get("duration_minutes");
        String untilResolved = text(b, "until_resolved_alert_id", false);
        int given = (ends != null ? 1 : 0) + (dur != null && !dur.isNull() ? 1 : 0) + (untilResolved != null ? 1 : 0);
        if (given != 1) {
            throw Problem.badRequest("give exactly one of ends_at, duration_minutes, until_resolved_alert_id");
        }
        if (dur != null && !dur.isNull()) {
            if (!dur.isInt() || dur.asInt() < 1 || dur.asInt() > 7 * 24 * 60) {
                throw Problem.badRequest("duration_minutes must be an integer in 1..10080, but was " + dur);
            }
            ends = (starts != null ? starts : Instant.now()).plus(Duration.ofMinutes(dur.asInt()));
        }
        if (ends != null) {
            sb.until(ends);
        }
        if (untilResolved != null) {
            sb.untilResolved(untilResolved);
        }
        try {
            return sb.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private static List<String> strings(JsonNode b, String field) {
        JsonNode n = b.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw Problem.badRequest(field + " must be an array of strings, but was " + n);
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw Problem.badRequest(field + " must be an array of strings, but holds " + x);
            }
            out.add(x.asText());
        }
        return out;
    }

    /** The active alerts a silence would cover now (Alertmanager's preview). */
    private List<Map<String, Object>> wouldMatch(Silence silence) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Alert a : s.monitor.openAlerts()) {
            String ward = s.wardOf(a.patientId());
            if (silence.covers(a, ward)) {
                out.add(Views.alert(a, ward));
            }
        }
        return out;
    }

    private void previewSilence(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        Silence silence = silenceFrom(body(ctx, true), p.subject());
        ctx.json(Map.of("would_match", wouldMatch(silence)));
    }

    private void createSilence(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, CLINICIAN);
        Silence request = silenceFrom(body(ctx, true), p.subject());
        Silence created;
        try {
            created = s.monitor.silence(request);
        } catch (IllegalArgumentException e) {
            throw Problem.unprocessable(e.getMessage());
        }
        Map<String, Object> out = Views.silence(created, s.monitor.now());
        out.put("would_match", wouldMatch(created));
        ctx.status(201);
        ctx.header("Location", "/silences/" + created.silenceId());
        ctx.json(out);
    }

    private void listSilences(Context ctx) {
        need(ctx, VIEWER);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Silence sl : s.monitor.silences()) {
            out.add(Views.silence(sl, s.monitor.now()));
        }
        ctx.json(Map.of("items", out));
    }

    private void expireSilence(Context ctx) {
        Auth.Principal p = need(ctx, CLINICIAN);
        onlyParams(ctx, Set.of("reason"));
        String id = ctx.pathParam("id");
        String reason = ctx.queryParam("reason");
        if (!s.monitor.expireSilence(id, p.subject(), reason == null ? "expired through the API" : reason)) {
            throw Problem.notFound("no silence " + id + " in force");
        }
        ctx.status(204);
    }

    // ---- patients, bands, rules ---------------------------------------------------------------

    private void listPatients(Context ctx) {
        need(ctx, VIEWER);
        Set<String> ids = new java.util.TreeSet<>(s.beds.keySet());
        ids.addAll(s.vitals.asMap().keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : ids) {
            PatientContext p = s.monitor.patient(id);
            out.add(Views.patient(p == null ? PatientContext.of(id) : p, s.beds.get(id)));
        }
        ctx.json(Map.of("items", out));
    }

    private void getPatient(Context ctx) {
        need(ctx, VIEWER);
        String id = ctx.pathParam("patient_id");
        PatientContext p = s.monitor.patient(id);
        if (p == null) {
            throw Problem.notFound("patient " + id + " is not registered");
        }
        ctx.json(Views.patient(p, s.beds.get(id)));
    }

    private static Bands bandsFrom(String where, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw Problem.badRequest(where + " must be {\"normal\":[low,high],\"warning\":[low,high],\"critical\":[low,high]}");
        }
        onlyFields(n, Set.of("normal", "warning", "critical"));
        double[] v = new double[6];
        String[] names = {"normal", "warning", "critical"};
        for (int i = 0; i < 3; i++) {
            JsonNode pair = n.get(names[i]);
            if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw Problem.badRequest(where + "." + names[i] + " must be [low, high], but was " + pair);
            }
            v[2 * i] = pair.get(0).asDouble();
            v[2 * i + 1] = pair.get(1).asDouble();
        }
        try {
            return Bands.of(v[0], v[1], v[2], v[3], v[4], v[5]);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(where + ": " + e.getMessage());
        }
    }

    private static Vital bandedVital(String where, String name) {
        Vital v = null;
        for (Vital x : Vital.values()) {
            if (x.fieldName().equals(name)) {
                v = x;
            }
        }
        if (v == null || !v.hasBands()) {
            List<String> names = new ArrayList<>();
            for (Vital x : Vital.values()) {
                if (x.hasBands()) {
                    names.add(x.fieldName());
                }
            }
            throw Problem.badRequest(where + " must be one of " + names + ", but was \"" + name + "\"");
        }
        return v;
    }

    private void registerPatient(Context ctx) throws Exception {
        Auth.Principal p = need(ctx, INTEGRATOR);
        String id = ctx.pathParam("patient_id");
        JsonNode b = body(ctx, false);
        onlyFields(b, Set.of("ward", "bed", "spo2_scale", "bands"));
        PatientContext pc = PatientContext.of(id);
        String ward = text(b, "ward", false);
        if (ward != null) {
            pc = pc.withWard(ward);
        }
        JsonNode scale = b.get("spo2_scale");
        if (scale != null && !scale.isNull()) {
            if (!scale.isInt() || (scale.asInt() != 1 && scale.asInt() != 2)) {
                throw Problem.badRequest("spo2_scale must be 1 or 2, but was " + scale);
            }
            pc = pc.withSpo2Scale(scale.asInt());
        }
        JsonNode bands = b.get("bands");
        if (bands != null && !bands.isNull()) {
            // Alarm limits are a clinical policy decision: only an admin changes them.
            Auth.require(p, ADMIN);
            if (!bands.isObject()) {
                throw Problem.badRequest("bands must be an object by vital");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = bands.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                pc = pc.withBands(bandedVital("bands key", e.getKey()), bandsFrom("bands." + e.getKey(), e.getValue()));
            }
        }
        boolean existed = s.monitor.patient(id) != null;
        String bed = text(b, "bed", false);
        if (bed != null) {
            pc = pc.withBed(bed); // pages say which bed to run to
            s.beds.put(id, bed);
        }
        s.monitor.register(pc);
        ctx.status(existed ? 200 : 201);
        ctx.json(Views.patient(pc, s.beds.get(id)));
    }

    private void discharge(Context ctx) {
        need(ctx, INTEGRATOR);
        String id = ctx.pathParam("patient_id");
        if (s.monitor.patient(id) == null && s.vitals.getIfPresent(id) == null) {
            throw Problem.notFound("patient " + id + " is not known to this server");
        }
        s.monitor.discharge(id);
        s.beds.remove(id);
        s.vitals.invalidate(id);
        s.scores.remove(id);
        ctx.status(204);
    }

    private void getBands(Context ctx) {
        need(ctx, VIEWER);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Vital v : Vital.values()) {
            if (v.hasBands()) {
                out.put(v.fieldName(), Views.bands(s.monitor.bandsFor("", v)));
            }
        }
        ctx.json(out);
    }

    private void putBands(Context ctx) throws Exception {
        need(ctx, ADMIN);
        Vital v = bandedVital("vital", ctx.pathParam("vital"));
        Bands b = bandsFrom("body", body(ctx, true));
        s.monitor.setBands(v, b);
        ctx.json(Views.bands(b));
    }

    private void listRules(Context ctx) {
        need(ctx, VIEWER);
        ctx.json(Map.of("items", s.monitor.ruleNames()));
    }

    private void putRules(Context ctx) {
        need(ctx, ADMIN);
        String name = ctx.pathParam("name");
        try {
            s.monitor.loadRules(name, ctx.body());
        } catch (RuleCompilationException e) {
            throw Problem.unprocessable(e.getMessage());
        }
        ctx.json(Map.of("name", name, "loaded", true));
    }

    private void deleteRules(Context ctx) {
        need(ctx, ADMIN);
        if (!s.monitor.unloadRules(ctx.pathParam("name"))) {
            throw Problem.notFound("no rules loaded as " + ctx.pathParam("name"));
        }
        ctx.status(204);
    }

    // ---- system -------------------------------------------------------------------------------

    private void health(Context ctx) {
        Map<String, Object> checks = new LinkedHashMap<>();
        boolean ready = true;
        Map<String, Object> engine = new LinkedHashMap<>();
        try {
            MonitorStats st = s.monitor.stats();
            engine.put("status", "up");
            engine.put("clock", String.valueOf(s.monitor.now()));
            engine.put("open_alerts", st.openAlerts());
        } catch (RuntimeException e) {
            engine.put("status", "down");
            engine.put("detail", e.getMessage());
            ready = false;
        }
        checks.put("engine", engine);
        Map<String, Object> journal = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JournalProblem jp : s.monitor.journalProblems()) {
            problems.add(jp.toString());
        }
        boolean up = engine.get("status").equals("up");
        long failures = up ? s.monitor.stats().journalFailures() : -1;
        // Degraded while records wait to be written, not forever after one failed append that was retried.
        boolean healthy = up && s.monitor.journalHealthy();
        journal.put("status", healthy ? "up" : "degraded");
        s.storage.describe(journal);
        journal.put("append_failures", failures);
        journal.put("backlog", up ? s.monitor.journalBacklog() : -1);
        journal.put("records_lost", up ? s.monitor.journalRecordsLost() : -1);
        journal.put("recovery_problems", problems);
        if (!healthy) {
            ready = false;
        }
        checks.put("journal", journal);
        Map<String, Object> channels = new LinkedHashMap<>();
        if (s.channelNames().isEmpty()) {
            channels.put("status", "none configured");
            channels.put("detail", "this server pages nobody (set WEBHOOK_URL to page a signed webhook): alerts reach"
                    + " people through the API, the WebSocket and SSE only");
        } else {
            channels.put("status", "up");
            channels.put("names", s.channelNames());
        }
        channels.put("pending_notifications", s.monitor.pendingNotifications());
        channels.put("delivery_attempts", s.counters.deliveryAttempts.get());
        channels.put("delivered", s.counters.deliveries.get());
        checks.put("channels", channels);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", ready ? "up" : "down");
        out.put("live", true);
        out.put("ready", ready);
        out.put("checks", checks);
        ctx.status(ready ? 200 : 503);
        ctx.json(out);
    }

    private void status(Context ctx) {
        need(ctx, VIEWER);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", "nexus-monitor-server");
        out.put("version", "0.1.0");
        out.put("started_at", s.startedAt.toString());
        out.put("uptime_seconds", Duration.between(s.startedAt, Instant.now()).toSeconds());
        out.put("monitor_clock", String.valueOf(s.monitor.now()));
        out.put("open_alerts", s.monitor.openAlerts().size());
        out.put("open_incidents", s.monitor.incidents().size());
        out.put("silences", s.monitor.silences().size());
        out.put("patients_with_readings", s.vitals.estimatedSize());
        out.put("rule_files", s.monitor.ruleNames());
        out.put("websocket_clients", s.wsClients.size());
        out.put("event_sequence", s.hub.latestSeq());
        ctx.json(out);
    }

    private void metrics(Context ctx) {
        need(ctx, VIEWER);
        MonitorStats st = s.monitor.stats();
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("observations_accepted", st.accepted());
        engine.put("observations_rejected", st.rejected());
        engine.put("observations_late", st.late());
        engine.put("signals", st.signals());
        engine.put("invalid_signals", st.invalidSignals());
        engine.put("alerts_raised", st.alertsRaised());
        engine.put("open_alerts", st.openAlerts());
        engine.put("listener_failures", st.listenerFailures());
        engine.put("journal_failures", st.journalFailures());
        engine.put("pending_notifications", s.monitor.pendingNotifications());
        Map<String, Object> http = new LinkedHashMap<>();
        MonitorServer.Counters c = s.counters;
        http.put("requests", c.requests.get());
        http.put("rate_limited", c.rateLimited.get());
        http.put("unauthorized", c.unauthorized.get());
        http.put("forbidden", c.forbidden.get());
        http.put("vitals_accepted", c.vitalsAccepted.get());
        http.put("vitals_rejected", c.vitalsRejected.get());
        http.put("idempotent_replays", c.idempotentReplays.get());
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("events_published", s.hub.published());
        live.put("event_sequence", s.hub.latestSeq());
        live.put("websocket_clients", s.wsClients.size());
        live.put("websocket_connected_total", c.wsConnected.get());
        live.put("websocket_dropped_total", c.wsDropped.get());
        live.put("sse_connected_total", c.sseConnected.get());
        live.put("sse_dropped_total", c.sseDropped.get());
        live.put("recent_drops", c.lastDrops());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("engine", engine);
        out.put("http", http);
        out.put("live", live);
        ctx.json(out);
    }

    // ---- live: WebSocket ----------------------------------------------------------------------

    private void wsConnect(WsContext ctx) {
        String id = ctx.pathParam("client_id");
        WsClient client = new WsClient(id, ctx.session, s.config.wsQueueLimit(), s.wsSender, (c, reason) -> {
            s.counters.wsDropped.incrementAndGet();
            s.counters.dropped("ws " + c.clientId, reason);
            log.warn("WebSocket client {} dropped: {}", c.clientId, reason);
            s.hub.unsubscribe(c);
            s.wsClients.remove(ctx.sessionId(), c);
        });
        s.wsClients.put(ctx.sessionId(), client);
        s.counters.wsConnected.incrementAndGet();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "connected");
        hello.put("client_id", id);
        hello.put("seq", s.hub.latestSeq());
        hello.put("channels", List.of("alerts", "incidents", "scores", "vitals:PATIENT_ID"));
        client.reply(hello);
    }

    private void wsMessage(WsContext ctx, String text) {
        WsClient client = s.wsClients.get(ctx.sessionId());
        if (client == null) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            client.reply(wsError("the message is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        String type = m.path("type").asText("");
        switch (type) {
            case "ping" -> client.reply(Map.of("type", "pong", "seq", s.hub.latestSeq()));
            case "subscribe", "unsubscribe" -> {
                String channel = m.path("channel").asText(null);
                if (channel != null && channel.equals("vitals") && m.hasNonNull("patient_id")) {
                    channel = "vitals:" + m.get("patient_id").asText();
                }
                String bad = EventHub.invalidSubscription(channel);
                if (bad != null) {
                    client.reply(wsError(bad));
                    return;
                }
                if (type.equals("unsubscribe")) {
                    client.subscriptions().remove(channel);
                    client.reply(Map.of("type", "unsubscribed", "channel", channel));
                    return;
                }
                Long since = null;
                if (m.has("since")) {
                    if (!m.get("since").canConvertToLong() || m.get("since").asLong() < 0) {
                        client.reply(wsError("since must be a sequence number >= 0, but was " + m.get("since")));
                        return;
                    }
                    since = m.get("since").asLong();
                }
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", "subscribed");
                ack.put("channel", channel);
                ack.put("seq", s.hub.latestSeq());
                // Queued before the replay: the client knows the subscription before its events.
                client.reply(ack);
                Map<String, Object> gap = s.hub.subscribe(client, List.of(channel), since);
                if (gap != null) {
                    client.reply(gap);
                }
            }
            default -> client.reply(wsError("type must be subscribe, unsubscribe or ping, but was \"" + type + "\""));
        }
    }

    private static Map<String, Object> wsError(String detail) {
        return Map.of("type", "error", "detail", detail);
    }

    private void wsClosed(WsContext ctx) {
        WsClient c = s.wsClients.remove(ctx.sessionId());
        if (c != null) {
            c.closed();
            s.hub.unsubscribe(c);
        }
    }

    // ---- live: SSE ----------------------------------------------------------------------------

    /**
     * {@code GET /events?channels=alerts,incidents&since=N}: the same events as the WebSocket, as
     * Server-Sent Events ({@code id:} is the sequence, so a browser's reconnect sends
     * {@code Last-Event-ID}). A client more than {@code WS_QUEUE_LIMIT} events behind gets a
     * {@code dropped} event and the stream ends.
     */
    private void sse(Context ctx) throws IOException, InterruptedException {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("channels", "since"));
        List<String> channels = new ArrayList<>();
        for (String c : listParam(ctx, "channels")) {
            String bad = EventHub.invalidSubscription(c);
            if (bad != null) {
                throw Problem.badRequest(bad);
            }
            channels.add(c);
        }
        if (channels.isEmpty()) {
            channels.addAll(List.of("alerts", "incidents"));
        }
        Long since = null;
        String sinceText = ctx.queryParam("since") != null ? ctx.queryParam("since") : ctx.header("Last-Event-ID");
        if (sinceText != null) {
            try {
                since = Long.parseLong(sinceText.trim());
            } catch (NumberFormatException e) {
                throw Problem.badRequest("since (or Last-Event-ID) must be a sequence number, but was \"" + sinceText + "\"");
            }
        }
        SseClient client = new SseClient(s.config.wsQueueLimit(), reason -> {
            s.counters.sseDropped.incrementAndGet();
            s.counters.dropped("sse", reason);
        });
        ctx.status(200);
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        OutputStream out = ctx.res().getOutputStream();
        s.counters.sseConnected.incrementAndGet();
        try {
            Map<String, Object> gap = s.hub.subscribe(client, channels, since);
            write(out, null, "subscribed", EventHub.write(Map.of("channels", channels, "seq", s.hub.latestSeq())));
            if (gap != null) {
                write(out, null, "gap", EventHub.write(gap));
            }
            while (!s.wsSender.isShutdown()) {
                EventHub.Event e = client.queue.poll(15, TimeUnit.SECONDS);
                if (client.droppedReason != null) {
                    write(out, null, "dropped", EventHub.write(Map.of("reason", client.droppedReason)));
                    return;
                }
                if (e == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    write(out, e.seq(), e.type(), e.json());
                }
            }
        } catch (IOException gone) {
            // The client went away: nothing to answer.
        } finally {
            s.hub.unsubscribe(client);
        }
    }

    private static void write(OutputStream out, Long id, String event, String data) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        sb.append("event: ").append(event).append('\n').append("data: ").append(data).append("\n\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An SSE stream's bounded queue; overflowing it drops the stream. */
    static final class SseClient implements EventHub.Subscriber {
        final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        final BlockingQueue<EventHub.Event> queue;
        volatile String droppedReason;
        private final int limit;
        private final java.util.function.Consumer<String> onDrop;

        SseClient(int limit, java.util.function.Consumer<String> onDrop) {
            this.limit = limit;
            this.onDrop = onDrop;
            this.queue = new ArrayBlockingQueue<>(limit + 1);
        }

        @Override
        public Set<String> subscriptions() {
            return subscriptions;
        }

        @Override
        public void offer(EventHub.Event e, boolean replay) {
            if (droppedReason != null) {
                return;
            }
            if (!queue.offer(e)) {
                droppedReason = "slow consumer: more than " + limit + " events waiting";
                queue.clear();
                // Wakes the stream's thread (when it is not stuck writing) to send the dropped event.
                queue.offer(e);
                onDrop.accept(droppedReason);
            }
        }
    }
}
