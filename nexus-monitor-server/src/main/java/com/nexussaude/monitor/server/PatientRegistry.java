package com.nexussaude.monitor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.PatientContext;
import com.nexussaude.monitor.Vital;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registered patients (id, name, ward, bed, SpO2 scale, per-patient bands), kept in one JSON file
 * in the data directory so a restart monitors each patient with the same bands and pages the same bed:
 * the library keeps registrations in memory only, and its journal does not hold them.
 *
 * <p>Every change is applied to the monitor and written (whole, to a temporary file moved into place,
 * so a crash mid-write leaves the previous file) under one lock, so the file and the monitor agree in
 * the order changes were made. A file that cannot be read stops start-up naming it and the bad entry:
 * monitoring with silently lost bands would be worse than not starting.
 */
final class PatientRegistry {
    /** The file's name inside the data directory. */
    static final String FILE = "patients.json";
    private static final Set<String> FIELDS = Set.of("patient_id", "name", "ward", "bed", "spo2_scale", "bands");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    /** patient id -> registration, in registration order; guarded by this. */
    private final Map<String, PatientContext> patients = new LinkedHashMap<>();

    private PatientRegistry(Path file) {
        this.file = file;
    }

    /**
     * Reads the data directory's registrations (none when the file does not exist yet).
     *
     * @throws ServerConfig.ConfigException naming the file and the entry that cannot be read
     */
    static PatientRegistry open(Path dataDir) {
        PatientRegistry r = new PatientRegistry(dataDir.resolve(FILE));
        if (!Files.exists(r.file)) {
            return r;
        }
        JsonNode root;
        try {
            root = JSON.readTree(r.file.toFile());
        } catch (IOException e) {
            throw new ServerConfig.ConfigException("the patient registrations " + r.file + " cannot be read: "
                    + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("patients");
        if (list == null || !list.isArray()) {
            throw new ServerConfig.ConfigException("the patient registrations " + r.file
                    + " must be {\"patients\":[...]}, but were " + root);
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                PatientContext p = read(list.get(i));
                r.patients.put(p.patientId(), p);
            } catch (IllegalArgumentException e) {
                throw new ServerConfig.ConfigException("the patient registrations " + r.file + ": patients[" + i
                        + "]: " + e.getMessage());
            }
        }
        return r;
    }

    /** Every registration, in the order they were first made. */
    synchronized List<PatientContext> all() {
        return List.copyOf(patients.values());
    }

    /**
     * Applies {@code registration} with {@code apply} (e.g. registering it with the monitor), then keeps
     * it; a registration the monitor refuses is not kept.
     */
    synchronized void put(PatientContext registration, java.util.function.Consumer<PatientContext> apply) {
        apply.accept(registration);
        patients.remove(registration.patientId());
        patients.put(registration.patientId(), registration);
        save();
    }

    /** Forgets a discharged patient (nothing happens if they were not registered). */
    synchronized void remove(String patientId) {
        if (patients.remove(patientId) != null) {
            save();
        }
    }

    private static PatientContext read(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("must be an object, but was " + n);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) " + unknown + "; known: " + new java.util.TreeSet<>(FIELDS));
        }
        PatientContext p = PatientContext.of(text(n, "patient_id"));
        if (text(n, "ward") != null) {
            p = p.withWard(text(n, "ward"));
        }
        if (text(n, "bed") != null) {
            p = p.withBed(text(n, "bed"));
        }
        if (text(n, "name") != null) {
            p = p.withName(text(n, "name"));
        }
        JsonNode scale = n.get("spo2_scale");
        if (scale != null && !scale.isNull()) {
            if (!scale.isInt()) {
                throw new IllegalArgumentException("spo2_scale must be 1 or 2, but was " + scale);
            }
            p = p.withSpo2Scale(scale.asInt());
        }
        JsonNode bands = n.get("bands");
        if (bands != null && !bands.isNull()) {
            if (!bands.isObject()) {
                throw new IllegalArgumentException("bands must be an object by vital, but was " + bands);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = bands.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                try {
                    p = p.withBands(Requests.bandedVital("bands key", e.getKey()),
                            Requests.bandsFrom("bands." + e.getKey(), e.getValue()));
                } catch (Problem bad) {
                    throw new IllegalArgumentException(bad.getMessage());
                }
            }
        }
        return p;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, but was " + v);
        }
        return v.asText();
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("patients");
        for (PatientContext p : patients.values()) {
            ObjectNode o = list.addObject();
            o.put("patient_id", p.patientId());
            o.put("name", p.name());
            o.put("ward", p.ward());
            o.put("bed", p.bed());
            o.put("spo2_scale", p.spo2Scale());
            ObjectNode bands = o.putObject("bands");
            for (Map.Entry<Vital, Bands> e : p.bandOverrides().entrySet()) {
                bands.set(e.getKey().fieldName(), JSON.valueToTree(Views.bands(e.getValue())));
            }
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the patient registrations " + file + ": " + e.getMessage(), e);
        }
    }
}
