package com.nexussaude.monitor.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the database is and how long to wait for it: the configuration of a {@link JdbcJournal} and
 * a {@link VitalsHistoryStore}. Credentials come only from here (never from code or defaults), and
 * {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * JdbcConfig config = JdbcConfig.builder("jdbc:postgresql://db.ward3:5432/nexus")
 *         .user("nexus").password(System.getenv("NEXUS_DB_PASSWORD"))
 *         .statementTimeout(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 *
 * @param url               a {@code jdbc:postgresql:} URL; it must not carry a password
 * @param user              the database user, or {@code null} for the driver's default
 * @param password          the password, or {@code null}; never logged
 * @param statementTimeout  the longest any statement may run (PostgreSQL {@code statement_timeout},
 *                          and a socket timeout a little longer for a server that stops answering)
 * @param connectTimeout    the longest to wait for a connection (TCP connect, login, pool)
 * @param poolSize          the most connections the pool opens
 * @param bufferCapacity    the most journal records kept in memory while the database is
 *                          unreachable ({@link JdbcJournal})
 * @param retryInterval     how often the background writer retries while the database is
 *                          unreachable
 * @since 0.1
 */
public record JdbcConfig(String url, String user, String password, Duration statementTimeout, Duration connectTimeout,
                         int poolSize, int bufferCapacity, Duration retryInterval) {
    /** Default {@link #statementTimeout()}: 5 s. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link #connectTimeout()}: 3 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Default {@link #bufferCapacity()}: 100,000 records, weeks of a 30-bed ward. */
    public static final int DEFAULT_BUFFER_CAPACITY = 100_000;
    /** Environment variables read by {@link #fromEnvironment(Map)}. */
    public static final String ENV_URL = "NEXUS_DB_URL";
    /** The user's environment variable. */
    public static final String ENV_USER = "NEXUS_DB_USER";
    /** The password's environment variable. */
    public static final String ENV_PASSWORD = "NEXUS_DB_PASSWORD";

    /**
     * Validates every component.
     *
     * @param url a {@code jdbc:postgresql:} URL; it must not carry a password
     * @param user the database user, or {@code null} for the driver's default
     * @param password the password, or {@code null}; never logged
     * @param statementTimeout the longest any statement may run (PostgreSQL {@code statement_timeout}, and a
     *     socket timeout a little longer for a server that stops answering)
     * @param connectTimeout the longest to wait for a connection (TCP connect, login, pool)
     * @param poolSize the most connections the pool opens
     * @param bufferCapacity the most journal records kept in memory while the database is unreachable
     *     ({@link JdbcJournal})
     * @param retryInterval how often the background writer retries while the database is unreachable
     */
    public JdbcConfig {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a jdbc:postgresql: URL, but was " + redact(url));
        }
        if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
            throw new IllegalArgumentException("url must not carry a password (give it as password): "
                    + redact(url));
        }
        positive("statementTimeout", statementTimeout);
        positive("connectTimeout", connectTimeout);
        positive("retryInterval", retryInterval);
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250 ms, but was " + connectTimeout);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, but was " + poolSize);
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be at least 1, but was " + bufferCapacity);
        }
    }

    /**
     * A builder for the database at {@code url}, with the defaults.
     *
     * @param url a {@code jdbc:postgresql:} URL; it must not carry a password
     * @return a builder for the database at {@code url}, with the defaults
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /**
     * The configuration in {@code NEXUS_DB_URL}, {@code NEXUS_DB_USER} and {@code NEXUS_DB_PASSWORD}
     * (pass {@code System.getenv()}), with the defaults for the rest.
     *
     * @param env the environment, e.g. {@code System.getenv()}; only the {@code NEXUS_DB_*} names are read
     * @return the configuration in {@code NEXUS_DB_URL}, {@code NEXUS_DB_USER} and {@code NEXUS_DB_PASSWORD}
     *     (pass {@code System.getenv()}), with the defaults for the rest
     * @throws IllegalArgumentException if {@code NEXUS_DB_URL} is missing
     */
    public static JdbcConfig fromEnvironment(Map<String, String> env) {
        String url = env.get(ENV_URL);
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(ENV_URL + " is not set: it names the database (jdbc:postgresql://host:5432/db)");
        }
        return builder(url).user(env.get(ENV_USER)).password(env.get(ENV_PASSWORD)).build();
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "JdbcConfig[url=" + redact(url) + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", statementTimeout=" + statementTimeout + ", connectTimeout=" + connectTimeout + ", poolSize="
                + poolSize + ", bufferCapacity=" + bufferCapacity + ", retryInterval=" + retryInterval + "]";
    }

    /** The URL without its query string, which may hold secrets. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, but was " + d);
        }
    }

    /**
     * Builds a {@link JdbcConfig}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String url;
        private String user;
        private String password;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int poolSize = 4;
        private int bufferCapacity = DEFAULT_BUFFER_CAPACITY;
        private Duration retryInterval = Duration.ofSeconds(1);

        private Builder(String url) {
            this.url = url;
        }

        /**
         * The database user.
         *
         * @param user the database user, or {@code null} for the driver's default
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * The password; never logged.
         *
         * @param password the password, or {@code null}; never logged
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * See {@link JdbcConfig#statementTimeout()}.
         *
         * @param timeout the longest any statement may run
         * @return this builder
         */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /**
         * See {@link JdbcConfig#connectTimeout()}.
         *
         * @param timeout the longest to wait for a connection (TCP connect, login, pool)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * See {@link JdbcConfig#poolSize()}.
         *
         * @param size the most connections the pool opens; default 4
         * @return this builder
         */
        public Builder poolSize(int size) {
            this.poolSize = size;
            return this;
        }

        /**
         * See {@link JdbcConfig#bufferCapacity()}.
         *
         * @param records the most journal records kept in memory during an outage
         * @return this builder
         */
        public Builder bufferCapacity(int records) {
            this.bufferCapacity = records;
            return this;
        }

        /**
         * See {@link JdbcConfig#retryInterval()}.
         *
         * @param interval how often to retry while the database is unreachable; default 1 s
         * @return this builder
         */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = interval;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the configuration
         */
        public JdbcConfig build() {
            return new JdbcConfig(url, user, password, statementTimeout, connectTimeout, poolSize, bufferCapacity,
                    retryInterval);
        }
    }
}
