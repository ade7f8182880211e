package com.nexussaude.monitor.server;

import com.nexussaude.monitor.Bands;
import com.nexussaude.monitor.MonitorConfig;
import com.nexussaude.monitor.Vital;
import com.nexussaude.monitor.jdbc.JdbcConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The service's settings, read from an optional properties file and then the environment (the
 * environment wins), under the original product's variable names. Every setting and its default is
 * in {@link #SETTINGS}; the README's service section lists them.
 *
 * <p>A bad value fails start-up with a {@link ConfigException} naming the variable, where it came
 * from and the value (secrets are named, never printed). A file key that is not a setting is an
 * error too: a misspelt threshold must not silently fall back to its default.
 *
 * @param host               interface to listen on ({@code HOST}, default {@code 0.0.0.0})
 * @param port               port ({@code PORT}, default 8005; 0 picks a free one)
 * @param dataDir            where the journal lives ({@code DATA_DIR}, default {@code nexus-data})
 * @param devMode            development mode: an HMAC secret is generated if none is set, and a token
 *                           is printed at start-up ({@code DEV_MODE}, default false)
 * @param jwtSecret          HMAC secret for HS256 tokens ({@code JWT_SECRET}, at least 32 bytes)
 * @param jwksFile           a JWKS file of public keys for RS256/ES256 tokens ({@code JWT_JWKS_FILE})
 * @param bands              alarm bands per vital, from the {@code <VITAL>_MIN|MAX_NORMAL|WARNING|CRITICAL}
 *                           variables over the library's defaults
 * @param rateLimitPerMinute requests per client per minute ({@code RATE_LIMIT_PER_MINUTE}, default 1200)
 * @param maxRequestBytes    largest request body ({@code MAX_REQUEST_BYTES}, default 1 MiB)
 * @param maxBatch           most observations in one {@code POST /vital-signs} ({@code MAX_BATCH_SIZE}, 1000)
 * @param wsQueueLimit       events queued for one live client before it is dropped as slow
 *                           ({@code WS_QUEUE_LIMIT}, default 1000)
 * @param eventBuffer        events kept for clients that reconnect with a sequence number
 *                           ({@code EVENT_BUFFER_SIZE}, default 10000)
 * @param historyFull        how long full-resolution readings are kept ({@code HISTORY_FULL_RESOLUTION_HOURS}, 2)
 * @param historyMinutes     how long per-minute medians are kept ({@code HISTORY_MINUTE_MEDIAN_HOURS}, 24)
 * @param keystore           a PKCS12 keystore: HTTPS instead of HTTP when set ({@code KEYSTORE_PATH})
 * @param keystorePassword   its password ({@code KEYSTORE_PASSWORD})
 * @param webhookUrl         pages go to this signed webhook (Standard Webhooks) when set
 *                           ({@code WEBHOOK_URL}, the channels module's name)
 * @param webhookSecret      its {@code whsec_} signing secret ({@code WEBHOOK_SECRET})
 * @param allowInsecureTransport why an {@code http://} webhook is allowed ({@code NOTIFY_ALLOW_INSECURE_TRANSPORT},
 *                           the channels module's opt-out for tests and internal relays; logged loudly), or null
 * @param paging             every channel's settings, the escalation policy and the on-call roster files
 *                           ({@link PagingSettings}; the webhook's three settings above are also in it)
 * @param database           the PostgreSQL store for the journal and the vitals history, from {@code DATABASE_URL}
 *                           or {@code DB_HOST}/{@code DB_PORT}/{@code DB_NAME}/{@code DB_USER}/{@code DB_PASSWORD}
 *                           ({@link DatabaseSettings}); {@code null}: the file journal in the data directory
 * @param kafka              Kafka mode, from {@code KAFKA_BOOTSTRAP_SERVERS} and the other {@code KAFKA_} settings
 *                           ({@link KafkaSettings}); {@code null}: the service monitors alone (since 0.5)
 */
public record ServerConfig(String host, int port, Path dataDir, boolean devMode, String jwtSecret, Path jwksFile,
                           Map<Vital, Bands> bands, int rateLimitPerMinute, long maxRequestBytes, int maxBatch,
                           int wsQueueLimit, int eventBuffer, Duration historyFull, Duration historyMinutes,
                           Path keystore, String keystorePassword, String webhookUrl, String webhookSecret,
                           String allowInsecureTransport, PagingSettings paging, JdbcConfig database,
                           KafkaSettings kafka) {

    /** A setting that cannot be used; the message names the variable, its source and its value. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    /**
     * Every setting but the secrets, which show only whether they are set: a configuration that gets
     * logged or lands in an exception message must not carry the JWT secret, the keystore password, the
     * webhook's signing secret or its URL (a Slack or Teams webhook URL is itself a credential), nor the
     * database password ({@link JdbcConfig#toString()} hides it).
     */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", devMode=" + devMode
                + ", jwtSecret=" + secret(jwtSecret) + ", jwksFile=" + jwksFile + ", bands=" + bands
                + ", rateLimitPerMinute=" + rateLimitPerMinute + ", maxRequestBytes=" + maxRequestBytes
                + ", maxBatch=" + maxBatch + ", wsQueueLimit=" + wsQueueLimit + ", eventBuffer=" + eventBuffer
                + ", historyFull=" + historyFull + ", historyMinutes=" + historyMinutes + ", keystore=" + keystore
                + ", keystorePassword=" + secret(keystorePassword) + ", webhookUrl=" + secret(webhookUrl)
                + ", webhookSecret=" + secret(webhookSecret) + ", allowInsecureTransport=" + allowInsecureTransport
                + ", paging=" + paging + ", database=" + database + ", kafka=" + kafka + "]";
    }

    private static String secret(String value) {
        return value == null || value.isEmpty() ? "(not set)" : "(set)";
    }

    /** The vitals with bands, by the prefix of their threshold variables (the original body's field names). */
    static final Map<String, Vital> THRESHOLD_PREFIXES = thresholdPrefixes();

    /** Every setting this service reads, with its default ({@code null}: none). */
    static final Map<String, String> SETTINGS = settings();

    private static final Set<String> SECRETS = secrets();

    private static Set<String> secrets() {
        Set<String> s = new java.util.HashSet<>(Set.of("JWT_SECRET", "KEYSTORE_PASSWORD", "WEBHOOK_SECRET",
                "DB_PASSWORD", "DATABASE_URL"));
        s.addAll(PagingSettings.SECRETS);
        return Set.copyOf(s);
    }

    /**
     * Takes an unmodifiable copy of the bands; {@link #load} and {@link #of} check every value first.
     *
     * @param host interface to listen on ({@code HOST}, default {@code 0.0.0.0})
     * @param port port ({@code PORT}, default 8005; 0 picks a free one)
     * @param dataDir where the journal lives ({@code DATA_DIR}, default {@code nexus-data})
     * @param devMode development mode: an HMAC secret is generated if none is set, and a token is printed at
     *     start-up ({@code DEV_MODE}, default false)
     * @param jwtSecret HMAC secret for HS256 tokens ({@code JWT_SECRET}, at least 32 bytes)
     * @param jwksFile a JWKS file of public keys for RS256/ES256 tokens ({@code JWT_JWKS_FILE})
     * @param bands alarm bands per vital, from the {@code <VITAL>_MIN|MAX_NORMAL|WARNING|CRITICAL} variables
     *     over the library's defaults
     * @param rateLimitPerMinute requests per client per minute ({@code RATE_LIMIT_PER_MINUTE}, default 1200)
     * @param maxRequestBytes largest request body ({@code MAX_REQUEST_BYTES}, default 1 MiB)
     * @param maxBatch most observations in one {@code POST /vital-signs} ({@code MAX_BATCH_SIZE}, 1000)
     * @param wsQueueLimit events queued for one live client before it is dropped as slow
     *     ({@code WS_QUEUE_LIMIT}, default 1000)
     * @param eventBuffer events kept for clients that reconnect with a sequence number
     *     ({@code EVENT_BUFFER_SIZE}, default 10000)
     * @param historyFull how long full-resolution readings are kept ({@code HISTORY_FULL_RESOLUTION_HOURS},
     *     2)
     * @param historyMinutes how long per-minute medians are kept ({@code HISTORY_MINUTE_MEDIAN_HOURS}, 24)
     * @param keystore a PKCS12 keystore: HTTPS instead of HTTP when set ({@code KEYSTORE_PATH})
     * @param keystorePassword its password ({@code KEYSTORE_PASSWORD})
     * @param webhookUrl pages go to this signed webhook (Standard Webhooks) when set ({@code WEBHOOK_URL},
     *     the channels module's name)
     * @param webhookSecret its {@code whsec_} signing secret ({@code WEBHOOK_SECRET})
     * @param allowInsecureTransport why an {@code http://} webhook is allowed
     *     ({@code NOTIFY_ALLOW_INSECURE_TRANSPORT}, the channels module's opt-out for tests and internal relays;
     *     logged loudly), or null
     * @param paging every channel's settings, the escalation policy and the on-call roster files
     *     ({@link PagingSettings}; the webhook's three settings above are also in it)
     * @param database the PostgreSQL store for the journal and the vitals history, from {@code DATABASE_URL}
     *     or {@code DB_HOST}/{@code DB_PORT}/{@code DB_NAME}/{@code DB_USER}/{@code DB_PASSWORD}
     *     ({@link DatabaseSettings}); {@code null}: the file journal in the data directory
     * @param kafka Kafka mode, from {@code KAFKA_BOOTSTRAP_SERVERS} and the other {@code KAFKA_} settings
     *     ({@link KafkaSettings}); {@code null}: the service monitors alone
     */
    public ServerConfig {
        bands = Map.copyOf(bands);
    }

    /**
     * The settings of 0.4: without Kafka mode.
     *
     * @param host interface to listen on ({@code HOST}, default {@code 0.0.0.0})
     * @param port port ({@code PORT}, default 8005; 0 picks a free one)
     * @param dataDir where the journal lives ({@code DATA_DIR}, default {@code nexus-data})
     * @param devMode development mode ({@code DEV_MODE}, default false)
     * @param jwtSecret HMAC secret for HS256 tokens ({@code JWT_SECRET}, at least 32 bytes)
     * @param jwksFile a JWKS file of public keys for RS256/ES256 tokens ({@code JWT_JWKS_FILE})
     * @param bands alarm bands per vital
     * @param rateLimitPerMinute requests per client per minute ({@code RATE_LIMIT_PER_MINUTE}, default 1200)
     * @param maxRequestBytes largest request body ({@code MAX_REQUEST_BYTES}, default 1 MiB)
     * @param maxBatch most observations in one {@code POST /vital-signs} ({@code MAX_BATCH_SIZE}, 1000)
     * @param wsQueueLimit events queued for one live client before it is dropped as slow
     * @param eventBuffer events kept for clients that reconnect with a sequence number
     * @param historyFull how long full-resolution readings are kept
     * @param historyMinutes how long per-minute medians are kept
     * @param keystore a PKCS12 keystore: HTTPS instead of HTTP when set ({@code KEYSTORE_PATH})
     * @param keystorePassword its password ({@code KEYSTORE_PASSWORD})
     * @param webhookUrl pages go to this signed webhook when set ({@code WEBHOOK_URL})
     * @param webhookSecret its {@code whsec_} signing secret ({@code WEBHOOK_SECRET})
     * @param allowInsecureTransport why an {@code http://} webhook is allowed, or null
     * @param paging every channel's settings, the escalation policy and the on-call roster files
     * @param database the PostgreSQL store, or {@code null} for the file journal
     */
    public ServerConfig(String host, int port, Path dataDir, boolean devMode, String jwtSecret, Path jwksFile,
                        Map<Vital, Bands> bands, int rateLimitPerMinute, long maxRequestBytes, int maxBatch,
                        int wsQueueLimit, int eventBuffer, Duration historyFull, Duration historyMinutes,
                        Path keystore, String keystorePassword, String webhookUrl, String webhookSecret,
                        String allowInsecureTransport, PagingSettings paging, JdbcConfig database) {
        this(host, port, dataDir, devMode, jwtSecret, jwksFile, bands, rateLimitPerMinute, maxRequestBytes, maxBatch,
                wsQueueLimit, eventBuffer, historyFull, historyMinutes, keystore, keystorePassword, webhookUrl,
                webhookSecret, allowInsecureTransport, paging, database, null);
    }

    /**
     * The settings of 0.2: the webhook alone pages (as then), and no database (the file journal).
     *
     * @param host interface to listen on ({@code HOST}, default {@code 0.0.0.0})
     * @param port port ({@code PORT}, default 8005; 0 picks a free one)
     * @param dataDir where the journal lives ({@code DATA_DIR}, default {@code nexus-data})
     * @param devMode development mode: an HMAC secret is generated if none is set, and a token is printed at
     *     start-up ({@code DEV_MODE}, default false)
     * @param jwtSecret HMAC secret for HS256 tokens ({@code JWT_SECRET}, at least 32 bytes)
     * @param jwksFile a JWKS file of public keys for RS256/ES256 tokens ({@code JWT_JWKS_FILE})
     * @param bands alarm bands per vital, from the {@code <VITAL>_MIN|MAX_NORMAL|WARNING|CRITICAL} variables
     *     over the library's defaults
     * @param rateLimitPerMinute requests per client per minute ({@code RATE_LIMIT_PER_MINUTE}, default 1200)
     * @param maxRequestBytes largest request body ({@code MAX_REQUEST_BYTES}, default 1 MiB)
     * @param maxBatch most observations in one {@code POST /vital-signs} ({@code MAX_BATCH_SIZE}, 1000)
     * @param wsQueueLimit events queued for one live client before it is dropped as slow
     *     ({@code WS_QUEUE_LIMIT}, default 1000)
     * @param eventBuffer events kept for clients that reconnect with a sequence number
     *     ({@code EVENT_BUFFER_SIZE}, default 10000)
     * @param historyFull how long full-resolution readings are kept ({@code HISTORY_FULL_RESOLUTION_HOURS},
     *     2)
     * @param historyMinutes how long per-minute medians are kept ({@code HISTORY_MINUTE_MEDIAN_HOURS}, 24)
     * @param keystore a PKCS12 keystore: HTTPS instead of HTTP when set ({@code KEYSTORE_PATH})
     * @param keystorePassword its password ({@code KEYSTORE_PASSWORD})
     * @param webhookUrl pages go to this signed webhook (Standard Webhooks) when set ({@code WEBHOOK_URL},
     *     the channels module's name)
     * @param webhookSecret its {@code whsec_} signing secret ({@code WEBHOOK_SECRET})
     * @param allowInsecureTransport why an {@code http://} webhook is allowed
     *     ({@code NOTIFY_ALLOW_INSECURE_TRANSPORT}, the channels module's opt-out for tests and internal relays;
     *     logged loudly), or null
     */
    public ServerConfig(String host, int port, Path dataDir, boolean devMode, String jwtSecret, Path jwksFile,
                        Map<Vital, Bands> bands, int rateLimitPerMinute, long maxRequestBytes, int maxBatch,
                        int wsQueueLimit, int eventBuffer, Duration historyFull, Duration historyMinutes,
                        Path keystore, String keystorePassword, String webhookUrl, String webhookSecret,
                        String allowInsecureTransport) {
        this(host, port, dataDir, devMode, jwtSecret, jwksFile, bands, rateLimitPerMinute, maxRequestBytes, maxBatch,
                wsQueueLimit, eventBuffer, historyFull, historyMinutes, keystore, keystorePassword, webhookUrl,
                webhookSecret, allowInsecureTransport,
                PagingSettings.read(webhookOnly(webhookUrl, webhookSecret, allowInsecureTransport)), null, null);
    }

    private static java.util.function.UnaryOperator<String> webhookOnly(String url, String secret, String insecure) {
        return name -> switch (name) {
            case "WEBHOOK_URL" -> url;
            case "WEBHOOK_SECRET" -> secret;
            case "NOTIFY_ALLOW_INSECURE_TRANSPORT" -> insecure;
            default -> null;
        };
    }

    private static Map<String, Vital> thresholdPrefixes() {
        Map<String, Vital> m = new LinkedHashMap<>();
        for (Vital v : Vital.values()) {
            if (v.hasBands()) {
                m.put(v.fieldName().toUpperCase(Locale.ROOT), v);
            }
        }
        return m;
    }

    private static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("HOST", "0.0.0.0");
        s.put("PORT", "8005");
        s.put("DATA_DIR", "nexus-data");
        s.put("DEV_MODE", "false");
        s.put("JWT_SECRET", null);
        s.put("JWT_JWKS_FILE", null);
        s.put("RATE_LIMIT_PER_MINUTE", "1200");
        s.put("MAX_REQUEST_BYTES", "1048576");
        s.put("MAX_BATCH_SIZE", "1000");
        s.put("WS_QUEUE_LIMIT", "1000");
        s.put("EVENT_BUFFER_SIZE", "10000");
        s.put("HISTORY_FULL_RESOLUTION_HOURS", "2");
        s.put("HISTORY_MINUTE_MEDIAN_HOURS", "24");
        s.put("KEYSTORE_PATH", null);
        s.put("KEYSTORE_PASSWORD", null);
        s.put("WEBHOOK_URL", null);
        s.put("WEBHOOK_SECRET", null);
        s.put("NOTIFY_ALLOW_INSECURE_TRANSPORT", null);
        PagingSettings.names().forEach(n -> s.putIfAbsent(n, null));
        for (String name : DatabaseSettings.NAMES) {
            s.put(name, null);
        }
        for (String[] kafka : KafkaSettings.NAMES) {
            s.put(kafka[0], kafka[1]);
        }
        for (String prefix : THRESHOLD_PREFIXES.keySet()) {
            for (String bound : List.of("MIN", "MAX")) {
                for (String band : List.of("NORMAL", "WARNING", "CRITICAL")) {
                    s.put(prefix + "_" + bound + "_" + band, null);
                }
            }
        }
        return java.util.Collections.unmodifiableMap(s);
    }

    /**
     * The defaults with overrides, e.g. for tests and the command line; no file, no environment.
     *
     * @param values setting names ({@link #SETTINGS}) to values
     * @return the defaults with overrides, e.g. for tests and the command line; no file, no environment
     */
    public static ServerConfig of(Map<String, String> values) {
        return load(null, values);
    }

    /**
     * Reads {@code file} (a properties file of the same names; may be {@code null}) and then
     * {@code env}, of which only the names in {@link #SETTINGS} are read.
     *
     * @param file a properties file of the same names, or {@code null}
     * @param env the environment, e.g. {@code System.getenv()}; it overrides the file
     * @return the checked configuration
     * @throws ConfigException naming the variable, where it came from and the bad value
     */
    public static ServerConfig load(Path file, Map<String, String> env) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> source = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
            }
            List<String> unknown = new ArrayList<>();
            for (String k : p.stringPropertyNames()) {
                if (!SETTINGS.containsKey(k)) {
                    unknown.add(k);
                } else {
                    raw.put(k, p.getProperty(k).trim());
                    source.put(k, "in " + file);
                }
            }
            if (!unknown.isEmpty()) {
                unknown.sort(null);
                throw new ConfigException("unknown setting(s) " + unknown + " in " + file + "; known: "
                        + new java.util.TreeSet<>(SETTINGS.keySet()));
            }
        }
        for (String k : SETTINGS.keySet()) {
            String v = env.get(k);
            if (v != null) {
                raw.put(k, v.trim());
                source.put(k, "environment variable");
            }
        }
        Reader2 r = new Reader2(raw, source);
        Map<Vital, Bands> bands = new EnumMap<>(Vital.class);
        for (Map.Entry<String, Vital> e : THRESHOLD_PREFIXES.entrySet()) {
            bands.put(e.getValue(), r.bands(e.getKey(), MonitorConfig.DEFAULT_BANDS.get(e.getValue())));
        }
        String jwks = r.text("JWT_JWKS_FILE");
        String keystore = r.text("KEYSTORE_PATH");
        String secret = r.text("JWT_SECRET");
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException("JWT_SECRET (" + r.where("JWT_SECRET") + ") must be at least 32 bytes for HS256,"
                    + " but was " + secret.getBytes(StandardCharsets.UTF_8).length + " bytes (value not shown)");
        }
        if (keystore != null && r.text("KEYSTORE_PASSWORD") == null) {
            throw new ConfigException("KEYSTORE_PATH is set (" + keystore + ") but KEYSTORE_PASSWORD is not");
        }
        return new ServerConfig(r.text("HOST"), r.integer("PORT", 0, 65535), Path.of(r.text("DATA_DIR")),
                r.bool("DEV_MODE"), secret, jwks == null ? null : Path.of(jwks), bands,
                r.integer("RATE_LIMIT_PER_MINUTE", 1, 1_000_000), r.integer("MAX_REQUEST_BYTES", 1024, 256 << 20),
                r.integer("MAX_BATCH_SIZE", 1, 100_000), r.integer("WS_QUEUE_LIMIT", 1, 1_000_000),
                r.integer("EVENT_BUFFER_SIZE", 1, 10_000_000),
                Duration.ofHours(r.integer("HISTORY_FULL_RESOLUTION_HOURS", 0, 168)),
                Duration.ofHours(r.integer("HISTORY_MINUTE_MEDIAN_HOURS", 0, 24 * 90)),
                keystore == null ? null : Path.of(keystore), r.text("KEYSTORE_PASSWORD"), r.text("WEBHOOK_URL"),
                r.text("WEBHOOK_SECRET"), r.text("NOTIFY_ALLOW_INSECURE_TRANSPORT"), PagingSettings.read(r::text),
                DatabaseSettings.parse(r::text, r::where), KafkaSettings.parse(r::text, r::where));
    }

    /**
     * A copy with another port (tests and the command line pick ports).
     *
     * @param newPort the port, 0 for any free one
     * @return a copy with another port (tests and the command line pick ports)
     */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, devMode, jwtSecret, jwksFile, bands, rateLimitPerMinute,
                maxRequestBytes, maxBatch, wsQueueLimit, eventBuffer, historyFull, historyMinutes, keystore,
                keystorePassword, webhookUrl, webhookSecret, allowInsecureTransport, paging, database, kafka);
    }

    /** Reads raw values with their defaults and names each failure. */
    private record Reader2(Map<String, String> raw, Map<String, String> source) {
        String where(String name) {
            return source.getOrDefault(name, "default");
        }

        String text(String name) {
            String v = raw.containsKey(name) ? raw.get(name) : SETTINGS.get(name);
            return v == null || v.isEmpty() ? null : v;
        }

        private ConfigException bad(String name, String expected) {
            String shown = SECRETS.contains(name) ? "(value not shown)" : "\"" + raw.get(name) + "\"";
            return new ConfigException(name + " (" + where(name) + ") must be " + expected + ", but was " + shown);
        }

        int integer(String name, int min, int max) {
            String v = text(name);
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    throw bad(name, "an integer in " + min + ".." + max);
                }
                return i;
            } catch (NumberFormatException e) {
                throw bad(name, "an integer in " + min + ".." + max);
            }
        }

        boolean bool(String name) {
            String v = text(name);
            if ("true".equalsIgnoreCase(v) || "1".equals(v)) {
                return true;
            }
            if ("false".equalsIgnoreCase(v) || "0".equals(v)) {
                return false;
            }
            throw bad(name, "true or false");
        }

        Double number(String name) {
            String v = text(name);
            if (v == null) {
                return null;
            }
            try {
                double d = Double.parseDouble(v);
                if (!Double.isFinite(d)) {
                    throw bad(name, "a finite number");
                }
                return d;
            } catch (NumberFormatException e) {
                throw bad(name, "a number");
            }
        }

        Bands bands(String prefix, Bands defaults) {
            double[] v = {defaults.normalLow(), defaults.normalHigh(), defaults.warningLow(), defaults.warningHigh(),
                    defaults.criticalLow(), defaults.criticalHigh()};
            String[] names = {"_MIN_NORMAL", "_MAX_NORMAL", "_MIN_WARNING", "_MAX_WARNING", "_MIN_CRITICAL",
                    "_MAX_CRITICAL"};
            Set<String> given = new LinkedHashSet<>();
            for (int i = 0; i < names.length; i++) {
                Double d = number(prefix + names[i]);
                if (d != null) {
                    v[i] = d;
                    given.add(prefix + names[i] + "=" + raw.get(prefix + names[i]));
                }
            }
            try {
                return Bands.of(v[0], v[1], v[2], v[3], v[4], v[5]);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(prefix + " thresholds " + given + " do not nest (critical low <= warning low"
                        + " <= normal low <= normal high <= warning high <= critical high): " + e.getMessage());
            }
        }
    }
}
