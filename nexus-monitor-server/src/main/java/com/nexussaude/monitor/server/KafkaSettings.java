package com.nexussaude.monitor.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The service's Kafka mode ({@code docs/kafka.md}, "The service in Kafka mode"): set
 * {@code KAFKA_BOOTSTRAP_SERVERS} and the service writes {@code POST /vital-signs} to the group's observations
 * topic and answers {@code GET /alerts}, the incidents and the live streams from the group's alert and incident
 * topics, so every instance answers the same.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port...]} ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topicPrefix      the topics {@code PREFIX.observations}, {@code .alerts}, {@code .incidents},
 *                         {@code .pages} ({@code KAFKA_TOPIC_PREFIX}, default {@code nexus})
 * @param groupId          the consumer group of the monitors ({@code KAFKA_GROUP_ID}, default {@code nexus-monitor})
 * @param runsMonitors     whether this instance is also a monitor of the group ({@code KAFKA_ROLE=monitor}, the
 *                         default) or answers the API only ({@code KAFKA_ROLE=api})
 * @param publishTimeout   how long {@code POST /vital-signs} waits for the brokers to take a batch
 *                         ({@code KAFKA_PUBLISH_TIMEOUT_SECONDS}, default 10)
 * @param sessionTimeout   how soon the group notices a monitor instance that stopped
 *                         ({@code KAFKA_SESSION_TIMEOUT_MS}, default 45000)
 * @param tickInterval     how long a quiet partition waits before its owner ticks it ({@code KAFKA_TICK_SECONDS},
 *                         default 5; 0 turns ticks off, for replays of recorded data)
 * @since 0.5
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, String groupId, boolean runsMonitors,
                            Duration publishTimeout, Duration sessionTimeout, Duration tickInterval) {
    /** The settings read, in {@link ServerConfig#SETTINGS}, with their defaults ({@code null}: none). */
    static final List<String[]> NAMES = List.of(
            new String[] {"KAFKA_BOOTSTRAP_SERVERS", null},
            new String[] {"KAFKA_TOPIC_PREFIX", "nexus"},
            new String[] {"KAFKA_GROUP_ID", "nexus-monitor"},
            new String[] {"KAFKA_ROLE", "monitor"},
            new String[] {"KAFKA_PUBLISH_TIMEOUT_SECONDS", "10"},
            new String[] {"KAFKA_SESSION_TIMEOUT_MS", "45000"},
            new String[] {"KAFKA_TICK_SECONDS", "5"});

    private static final Pattern BROKER = Pattern.compile("([A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");
    /** Kafka's legal topic characters; the longest suffix is {@code .observations} (13) of 249. */
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._\\-]{1,200}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._\\-]{1,200}");

    /**
     * The Kafka mode's settings, or {@code null} when {@code KAFKA_BOOTSTRAP_SERVERS} is not set.
     *
     * @param value a setting's value, its default when not set ({@code null}: none)
     * @param where where a setting came from ("environment variable", "in FILE", "default")
     * @throws ServerConfig.ConfigException naming the setting that cannot be used, where it came from and its value
     */
    static KafkaSettings parse(Function<String, String> value, Function<String, String> where) {
        String servers = value.apply("KAFKA_BOOTSTRAP_SERVERS");
        if (servers == null) {
            List<String> stray = new ArrayList<>();
            for (String[] n : NAMES) {
                if (!"default".equals(where.apply(n[0]))) {
                    stray.add(n[0] + " (" + where.apply(n[0]) + ")");
                }
            }
            if (!stray.isEmpty()) {
                throw new ServerConfig.ConfigException(String.join(", ", stray) + (stray.size() == 1 ? " is" : " are")
                        + " set but KAFKA_BOOTSTRAP_SERVERS is not: the service would silently run alone instead of in"
                        + " Kafka mode; set KAFKA_BOOTSTRAP_SERVERS, or unset the other KAFKA_ settings");
            }
            return null;
        }
        for (String s : servers.split(",", -1)) {
            if (!BROKER.matcher(s.trim()).matches() || Integer.parseInt(s.trim().replaceAll(".*:", "")) > 65535) {
                throw bad(value, where, "KAFKA_BOOTSTRAP_SERVERS", "host:port[,host:port...] (e.g. kafka-1:9092,kafka-2:9092)"
                        + "; \"" + s + "\" is not a host:port");
            }
        }
        String prefix = value.apply("KAFKA_TOPIC_PREFIX");
        if (prefix == null || !TOPIC_PREFIX.matcher(prefix).matches() || prefix.equals(".") || prefix.equals("..")) {
            throw bad(value, where, "KAFKA_TOPIC_PREFIX", "1 to 200 of A-Z a-z 0-9 . _ - (Kafka's topic characters)");
        }
        String group = value.apply("KAFKA_GROUP_ID");
        if (group == null || !GROUP.matcher(group).matches()) {
            throw bad(value, where, "KAFKA_GROUP_ID", "1 to 200 of A-Z a-z 0-9 . _ -");
        }
        String role = value.apply("KAFKA_ROLE");
        role = role == null ? "" : role.toLowerCase(Locale.ROOT);
        if (!role.equals("monitor") && !role.equals("api")) {
            throw bad(value, where, "KAFKA_ROLE", "monitor (this instance also runs monitors of the group) or api"
                    + " (it answers the API only)");
        }
        return new KafkaSettings(servers.replace(" ", ""), prefix, group, role.equals("monitor"),
                Duration.ofSeconds(integer(value, where, "KAFKA_PUBLISH_TIMEOUT_SECONDS", 1, 300)),
                Duration.ofMillis(integer(value, where, "KAFKA_SESSION_TIMEOUT_MS", 1000, 1_800_000)),
                Duration.ofSeconds(integer(value, where, "KAFKA_TICK_SECONDS", 0, 3600)));
    }

    private static int integer(Function<String, String> value, Function<String, String> where, String name, int min,
                               int max) {
        try {
            int i = Integer.parseInt(String.valueOf(value.apply(name)));
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(value, where, name, "an integer in " + min + ".." + max);
    }

    private static ServerConfig.ConfigException bad(Function<String, String> value, Function<String, String> where,
                                                    String name, String expected) {
        return new ServerConfig.ConfigException(name + " (" + where.apply(name) + ") must be " + expected + ", but was \""
                + value.apply(name) + "\"");
    }

    /** A one-line description for the start-up log and health. */
    String describe() {
        return "Kafka mode: brokers " + bootstrapServers + ", topics " + topicPrefix + ".*, group " + groupId + ", "
                + (runsMonitors ? "this instance runs monitors of the group" : "API only (no monitors here)");
    }
}
