package com.nexussaude.monitor.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for every test of this JVM that does not stop it (starting one takes
 * seconds), and a fresh database on it for each journal or store a test opens.
 */
final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the data directory is temporary
                }
            }));
        }
        return server;
    }

    /** A new, empty database on the shared server; its configuration, with short timeouts for tests. */
    static JdbcConfig freshDatabase() {
        return config(server(), createDatabase(server(), "t" + DATABASES.incrementAndGet()));
    }

    static String createDatabase(EmbeddedPostgres pg, String name) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    static JdbcConfig config(EmbeddedPostgres pg, String database) {
        return configBuilder(pg.getPort(), database).build();
    }

    static JdbcConfig.Builder configBuilder(int port, String database) {
        return JdbcConfig.builder("jdbc:postgresql://localhost:" + port + "/" + database).user("postgres")
                .statementTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2))
                .retryInterval(Duration.ofHours(1)); // tests flush() themselves, deterministically
    }
}
