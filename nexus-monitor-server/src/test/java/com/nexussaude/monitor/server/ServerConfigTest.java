package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.Vital;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings from a file and the environment, under the original's names, with named errors. */
class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreThoseDocumented() {
        ServerConfig c = ServerConfig.of(Map.of());
        assertThat(c.port()).isEqualTo(8005);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.bands().get(Vital.HEART_RATE).normalHigh()).isEqualTo(100);
        assertThat(c.devMode()).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheFileAndThresholdsUseTheOriginalNames() throws IOException {
        Path file = Files.writeString(dir.resolve("server.properties"), "PORT=9000\nHEART_RATE_MAX_NORMAL=110\nHOST=127.0.0.1\n");
        ServerConfig c = ServerConfig.load(file, Map.of("PORT", "9001", "OXYGEN_SATURATION_MIN_NORMAL", "92",
                "UNRELATED_VARIABLE", "ignored"));
        assertThat(c.port()).isEqualTo(9001);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.bands().get(Vital.HEART_RATE).normalHigh()).isEqualTo(110);
        assertThat(c.bands().get(Vital.SPO2).normalLow()).isEqualTo(92);
    }

    @Test
    void badValuesNameTheVariableWhereItCameFromAndTheValue() throws IOException {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("PORT", "eighty")))
                .hasMessage("PORT (environment variable) must be an integer in 0..65535, but was \"eighty\"");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("HEART_RATE_MAX_NORMAL", "fast")))
                .hasMessage("HEART_RATE_MAX_NORMAL (environment variable) must be a number, but was \"fast\"");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("HEART_RATE_MAX_NORMAL", "130")))
                .hasMessageStartingWith("HEART_RATE thresholds [HEART_RATE_MAX_NORMAL=130] do not nest");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("DEV_MODE", "yes")))
                .hasMessage("DEV_MODE (environment variable) must be true or false, but was \"yes\"");
        assertThatThrownBy(() -> ServerConfig.of(Map.of("JWT_SECRET", "short-secret")))
                .hasMessageContaining("JWT_SECRET").hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-secret");
        Path file = Files.writeString(dir.resolve("bad.properties"), "PORT=8005\nHEART_RATE_MAX_NORMA=110\n");
        assertThatThrownBy(() -> ServerConfig.load(file, Map.of()))
                .hasMessageStartingWith("unknown setting(s) [HEART_RATE_MAX_NORMA] in " + file);
        Path portFile = Files.writeString(dir.resolve("port.properties"), "PORT=-1\n");
        assertThatThrownBy(() -> ServerConfig.load(portFile, Map.of()))
                .hasMessage("PORT (in " + portFile + ") must be an integer in 0..65535, but was \"-1\"");
    }

    @Test
    void withoutAVerificationKeyOutsideDevelopmentModeTheServerRefusesToStart() {
        assertThatThrownBy(() -> MonitorServer.start(ServerConfig.of(Map.of("PORT", "0", "DATA_DIR", dir.toString()))))
                .isInstanceOf(ServerConfig.ConfigException.class).hasMessageContaining("JWT_SECRET");
    }

    @Test
    void itsTextNeverShowsASecret() {
        ServerConfig c = ServerConfig.of(Map.of("JWT_SECRET", "jwt-secret-value-0123456789abcdef",
                "KEYSTORE_PASSWORD", "keystore-pw-value", "WEBHOOK_URL", "https://hooks.example.org/T000/B000/token-value",
                "WEBHOOK_SECRET", "webhook-secret-value", "DATABASE_URL", "postgresql://nurse:db-pw-value@db.example.org:5432/nexus"));
        String text = c.toString();
        assertThat(text).doesNotContain("jwt-secret-value", "keystore-pw-value", "token-value", "webhook-secret-value",
                "db-pw-value");
        assertThat(text).contains("jwtSecret=(set)", "keystorePassword=(set)", "webhookUrl=(set)", "webhookSecret=(set)",
                "port=8005");
        assertThat(ServerConfig.of(Map.of()).toString()).contains("jwtSecret=(not set)", "webhookUrl=(not set)");
    }
}
