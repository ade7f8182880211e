package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.JSON;
import static com.nexussaude.monitor.server.Api.PROBLEM_JSON;
import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.INTEGRATOR;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.instantParam;
import static com.nexussaude.monitor.server.Requests.locationOf;
import static com.nexussaude.monitor.server.Requests.onlyParams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nexussaude.monitor.InvalidObservationException;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.ScoreEvent;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code POST /vital-signs} (one or a batch, idempotent with a key), the latest values and the history. */
final class VitalSignsHandlers {
    private final MonitorServer s;
    /** Responses of POST /vital-signs by client and Idempotency-Key, for 24 h. */
    private final Cache<String, Stored> idempotent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(24)).maximumSize(100_000).build();

    private record Stored(String bodyHash, int status, String contentType, String body) {
    }

    VitalSignsHandlers(MonitorServer server) {
        this.s = server;
    }

    void postVitals(Context ctx) throws Exception {
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
        Instant now = s.kafka != null ? s.kafka.now() : Instant.now();
        List<Observation> toPublish = new ArrayList<>();
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
                if (s.kafka != null) {
                    // Validated before writing; written as one batch below, once every item is checked.
                    if (item.spo2Scale() != null) {
                        throw new InvalidObservationException("spo2_scale", item.spo2Scale(), "absent in Kafka mode",
                                "spo2_scale is not available in Kafka mode: a patient's SpO2 scale is registered per"
                                        + " instance, not in the observations topic, so the group's monitors would not"
                                        + " apply it; send the observation without it");
                    }
                    KafkaValidation.check(item.observation());
                    toPublish.add(item.observation());
                    continue;
                }
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
        if (!toPublish.isEmpty()) {
            try {
                s.kafka.publish(toPublish);
            } catch (IllegalStateException e) {
                // Not a stored answer: a retry with the same Idempotency-Key must try again.
                throw new KafkaUnavailable("the observations were not written to " + s.kafka.topics.observations()
                        + ": " + e.getMessage() + "; none is accepted, retry (some may have been written, and a"
                        + " repeated reading counts as one more sample of the same value)", e);
            }
            accepted = toPublish.size();
            for (Observation o : toPublish) {
                keep(o);
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
            s.patients.put(PatientContext.of(patientId).withSpo2Scale(scale), s.monitor::register);
        } else if (ctx.spo2Scale() != scale) {
            s.patients.put(ctx.withSpo2Scale(scale), s.monitor::register);
        }
    }

    /** Submits to the monitor, then keeps the readings and publishes them on the patient's vitals channel. */
    void accept(Observation o) {
        if (s.kafka != null) {
            KafkaValidation.check(o);
            try {
                s.kafka.publish(List.of(o));
            } catch (IllegalStateException e) {
                throw new KafkaUnavailable("the observation was not written to " + s.kafka.topics.observations() + ": "
                        + e.getMessage(), e);
            }
            keep(o);
            return;
        }
        s.monitor.submit(o);
        keep(o);
    }

    /** Keeps an accepted observation's readings and publishes them on the patient's vitals channel. */
    private void keep(Observation o) {
        s.vitals.get(o.patientId(), k -> new PatientVitals(s.config.historyFull(), s.config.historyMinutes())).add(o);
        s.storage.record(o);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patient_id", o.patientId());
        data.put("timestamp", o.timestamp().toString());
        o.values().forEach((v, x) -> data.put(v.fieldName(), x));
        s.hub.publish("vitals", o.patientId(), "vitals", data);
    }

    /** The brokers did not take the observations in time: 503, never stored as an idempotent answer. */
    static final class KafkaUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void latestVitals(Context ctx) {
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

    void vitalsHistory(Context ctx) {
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

}
