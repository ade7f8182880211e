package com.nexussaude.monitor.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one node until it is stopped: {@code java ... KafkaMonitorMain --bootstrap HOST:PORT --group G
 * --prefix P --setup com.example.WardSetup [--client-id ID] [--tick-seconds 5] [--session-timeout-ms 45000]
 * [--heartbeat-interval-ms 3000] [--delivery-timeout-ms 120000] [--transaction-timeout-ms 10000]}.
 * The setup class is a {@link MonitorSetup} with a public no-argument constructor. It prints
 * {@code node NAME running} once the consumer has started and stops on SIGTERM (shutdown hook).
 *
 * @since 0.4
 */
public final class KafkaMonitorMain {
    private KafkaMonitorMain() {
    }

    /**
     * Starts the node the options describe and runs it until the process is stopped.
     *
     * @param args the options of the class comment, each {@code --name value}
     * @throws Exception if the options are wrong (an {@link IllegalArgumentException} naming the option),
     *                   the setup class cannot be instantiated, or the node fails to start
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        String setupClass = required(a, "setup");
        MonitorSetup setup = (MonitorSetup) Class.forName(setupClass).getDeclaredConstructor().newInstance();
        String clientId = a.getOrDefault("client-id", "nexus-monitor");
        KafkaMonitorNode node = KafkaMonitorNode.builder(required(a, "bootstrap"), required(a, "group"),
                        KafkaTopics.withPrefix(required(a, "prefix")), setup)
                .clientId(clientId)
                .tickInterval(Duration.ofSeconds(Long.parseLong(a.getOrDefault("tick-seconds", "5"))))
                .consumerProperty("session.timeout.ms", a.getOrDefault("session-timeout-ms", "45000"))
                .consumerProperty("heartbeat.interval.ms", a.getOrDefault("heartbeat-interval-ms", "3000"))
                .producerProperty("delivery.timeout.ms", a.getOrDefault("delivery-timeout-ms", "120000"))
                .producerProperty("transaction.timeout.ms", a.getOrDefault("transaction-timeout-ms", "10000"))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "nexus-kafka-shutdown"));
        System.out.println("node " + clientId + " running");
        System.out.flush();
        node.run();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, but argument " + (i + 1) + " was '"
                        + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String required(Map<String, String> a, String name) {
        String v = a.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
