package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kafka mode's settings: off unless KAFKA_BOOTSTRAP_SERVERS is set, defaults, and bad values refused by name. */
class KafkaSettingsTest {
    @TempDir
    Path dir;

    @Test
    void offWithoutBootstrapServersAndTheDocumentedDefaultsWithThem() {
        assertThat(ServerConfig.of(Map.of()).kafka()).isNull();
        KafkaSettings k = ServerConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, kafka-2:9092")).kafka();
        assertThat(k.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(k.topicPrefix()).isEqualTo("nexus");
        assertThat(k.groupId()).isEqualTo("nexus-monitor");
        assertThat(k.runsMonitors()).isTrue();
        assertThat(k.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(k.sessionTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(k.tickInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ServerConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")).withPort(0).kafka()).isEqualTo(
                ServerConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092")).kafka());
        assertThat(ServerConfig.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092", "KAFKA_ROLE", "API")).kafka()
                .runsMonitors()).isFalse();
    }

    @Test
    void badValuesNameTheSettingWhereItCameFromAndTheValue() throws IOException {
        assertThatThrownBy(() -> kafka("KAFKA_BOOTSTRAP_SERVERS", "kafka-1"))
                .hasMessageStartingWith("KAFKA_BOOTSTRAP_SERVERS (environment variable) must be host:port")
                .hasMessageContaining("\"kafka-1\" is not a host:port");
        assertThatThrownBy(() -> kafka("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:99999"))
                .hasMessageContaining("\"kafka-2:99999\" is not a host:port");
        assertThatThrownBy(() -> kafka("KAFKA_TOPIC_PREFIX", "ward 3"))
                .hasMessage("KAFKA_TOPIC_PREFIX (environment variable) must be 1 to 200 of A-Z a-z 0-9 . _ - (Kafka's"
                        + " topic characters), but was \"ward 3\"");
        assertThatThrownBy(() -> kafka("KAFKA_GROUP_ID", "group/1")).hasMessageStartingWith("KAFKA_GROUP_ID (environment"
                + " variable) must be");
        assertThatThrownBy(() -> kafka("KAFKA_ROLE", "both"))
                .hasMessageStartingWith("KAFKA_ROLE (environment variable) must be monitor").hasMessageEndingWith("\"both\"");
        assertThatThrownBy(() -> kafka("KAFKA_PUBLISH_TIMEOUT_SECONDS", "0"))
                .hasMessage("KAFKA_PUBLISH_TIMEOUT_SECONDS (environment variable) must be an integer in 1..300, but was \"0\"");
        assertThatThrownBy(() -> kafka("KAFKA_SESSION_TIMEOUT_MS", "soon")).hasMessageContaining("KAFKA_SESSION_TIMEOUT_MS");
        assertThatThrownBy(() -> kafka("KAFKA_TICK_SECONDS", "-1")).hasMessageContaining("KAFKA_TICK_SECONDS");
        Path file = Files.writeString(dir.resolve("kafka.properties"), "KAFKA_TOPIC_PREFIX=ward3\n");
        assertThatThrownBy(() -> ServerConfig.load(file, Map.of()))
                .hasMessage("KAFKA_TOPIC_PREFIX (in " + file + ") is set but KAFKA_BOOTSTRAP_SERVERS is not: the service"
                        + " would silently run alone instead of in Kafka mode; set KAFKA_BOOTSTRAP_SERVERS, or unset the"
                        + " other KAFKA_ settings");
    }

    @Test
    void withoutTheTopicsTheServiceRefusesToStartNamingThem() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DATA_DIR", dir.toString());
        env.put("JWT_SECRET", TestServer.SECRET);
        env.put("KAFKA_BOOTSTRAP_SERVERS", com.nexussaude.monitor.kafka.ServiceTestBroker.bootstrap());
        env.put("KAFKA_TOPIC_PREFIX", "svc-missing");
        assertThatThrownBy(() -> MonitorServer.start(ServerConfig.of(env)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("svc-missing.observations").hasMessageContaining("KAFKA_TOPIC_PREFIX");
    }

    private static ServerConfig kafka(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092");
        env.put(name, value);
        return ServerConfig.of(env);
    }
}
