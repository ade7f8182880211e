package com.nexussaude.monitor.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A PostgreSQL server of a test's own, which the test stops and starts again on the same data
 * directory and port: the database going away under a running journal, and coming back.
 */
final class RestartablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    RestartablePostgres(Path dataDir) {
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

    EmbeddedPostgres server() {
        return server;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
