package com.nexussaude.monitor.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiFunction;
import org.flywaydb.core.Flyway;

/**
 * The pool and the schema: a HikariCP pool whose every connection carries the statement timeout,
 * migrated by Flyway (plain SQL under {@code db/migration}) before first use. Not API.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final JdbcConfig config;

    private Database(HikariDataSource pool, JdbcConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /**
     * Opens the pool, checks that the database answers, and migrates the schema.
     *
     * @param error makes the exception thrown when the database cannot be reached or migrated, from a
     *              message naming the database (never the password) and the cause
     */
    static Database open(JdbcConfig config, String poolName, BiFunction<String, Throwable, RuntimeException> error) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(config.url());
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(config.connectTimeout().toMillis());
        hc.setValidationTimeout(Math.min(config.connectTimeout().toMillis(), 1000));
        // Fail here, with the cause, rather than on the first append.
        hc.setInitializationFailTimeout(config.connectTimeout().toMillis());
        long timeoutMs = config.statementTimeout().toMillis();
        // Every statement on every connection: the server cancels what runs longer (and what waits
        // longer for a lock); the socket timeout catches a server that stops answering at all.
        // The keepalives let the server end the session of a client whose host died within about a
        // minute (the default is hours), releasing the journal's advisory lock for its successor.
        hc.addDataSourceProperty("options", "-c statement_timeout=" + timeoutMs + " -c lock_timeout=" + timeoutMs
                + " -c idle_in_transaction_session_timeout=" + Math.max(timeoutMs * 4, 10_000)
                + " -c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3");
        hc.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, timeoutMs / 1000 + 2)));
        hc.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        hc.addDataSourceProperty("loginTimeout", Long.toString(Math.max(1, config.connectTimeout().toSeconds())));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", poolName);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw error.apply("cannot connect to the database " + JdbcConfig.redact(config.url()) + " as "
                    + config.user() + " within " + config.connectTimeout().toMillis() + " ms", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .connectRetries(0).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw error.apply("cannot migrate the schema of " + JdbcConfig.redact(config.url()), e);
        }
        return new Database(pool, config);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Removes a broken connection from the pool instead of returning it. */
    void evict(Connection c) {
        pool.evictConnection(c);
    }

    JdbcConfig config() {
        return config;
    }

    String describe() {
        return JdbcConfig.redact(config.url());
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Whether a failure is the database being away or slow (retry later), as opposed to the data
     * being refused (retrying would fail the same way): connection errors (class 08), shutdown and
     * cancelled statements (57: statement timeout, admin shutdown), lock timeouts (55P03),
     * serialization failures and deadlocks (40), out of resources (53), and failures with no
     * SQLSTATE (the pool timing out).
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null || e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("57") || state.startsWith("53") || state.startsWith("40")
                || state.equals("55P03") || state.startsWith("58");
    }
}
