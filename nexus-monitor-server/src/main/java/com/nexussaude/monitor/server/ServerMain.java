package com.nexussaude.monitor.server;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs the service alone: {@code java -cp ... com.nexussaude.monitor.server.ServerMain [CONFIG_FILE]}.
 * Settings come from the optional properties file and the environment ({@link ServerConfig}); it
 * prints its address (and, in development mode, a token) and runs until the process is stopped.
 * Exit code 2 for a configuration it cannot use, with the reason on stderr.
 */
public final class ServerMain {
    private ServerMain() {
    }

    /**
     * Loads the configuration, starts the server and waits until the process is stopped; exits with 2 and
     * the reason on stderr for a configuration it cannot use.
     *
     * @param args an optional properties file, {@code CONFIG_FILE}
     * @throws InterruptedException if interrupted while waiting for the stop
     */
    public static void main(String[] args) throws InterruptedException {
        ServerConfig config;
        try {
            config = ServerConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        } catch (ServerConfig.ConfigException e) {
            System.err.println("nexus-monitor-server: " + e.getMessage());
            System.exit(2);
            return;
        }
        MonitorServer server = start(config, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "nexus-monitor-shutdown"));
        server.awaitStop();
    }

    /**
     * Starts the server and prints where it listens; in development mode also a token. A
     * {@link ServerConfig.ConfigException} propagates for the caller to report.
     *
     * @param config the server's settings
     * @param out where the address (and the development token) is printed
     * @return the running server
     */
    public static MonitorServer start(ServerConfig config, PrintStream out) {
        MonitorServer server = MonitorServer.start(config);
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        String base = server.scheme() + "://" + host + ":" + server.port();
        out.println("Nexus Monitor service: " + base + "  (API description: " + base + "/openapi.json)");
        if (config.devMode()) {
            String token = server.developmentToken();
            out.println("Dashboard: " + base + "/dashboard#token=" + token);
            out.println("Development token (all roles, 12 h; DEV_MODE only):");
            out.println("  export TOKEN=" + token);
            out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + base + "/alerts");
        } else {
            out.println("Dashboard: " + base + "/dashboard");
        }
        out.flush();
        return server;
    }
}
