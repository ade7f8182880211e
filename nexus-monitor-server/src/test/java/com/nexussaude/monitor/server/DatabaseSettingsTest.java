package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nexussaude.monitor.jdbc.JdbcConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database settings under the original product's names, with errors naming the setting and never a password. */
class DatabaseSettingsTest {
    @TempDir
    Path dir;

    static JdbcConfig db(Map<String, String> env) {
        return ServerConfig.of(env).database();
    }

    @Test
    void noDatabaseSettingMeansTheFileJournal() {
        assertThat(db(Map.of())).isNull();
    }

    @Test
    void theDatabaseIsGivenByHostPortNameUserAndPassword() {
        JdbcConfig c = db(Map.of("DB_HOST", "db.ward3", "DB_NAME", "nexus", "DB_USER", "nexus", "DB_PASSWORD", "pw-1"));
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db.ward3:5432/nexus");
        assertThat(c.user()).isEqualTo("nexus");
        assertThat(c.password()).isEqualTo("pw-1");
        assertThat(c.toString()).doesNotContain("pw-1");
        assertThat(db(Map.of("DB_HOST", "10.0.0.5", "DB_PORT", "6432", "DB_NAME", "nexus")).url())
                .isEqualTo("jdbc:postgresql://10.0.0.5:6432/nexus");
    }

    @Test
    void theDatabaseIsGivenByAJdbcOrALibpqUrl() {
        JdbcConfig jdbc = db(Map.of("DATABASE_URL", "jdbc:postgresql://postgres:5432/nexus?sslmode=require",
                "DB_USER", "nexus", "DB_PASSWORD", "pw-2"));
        assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://postgres:5432/nexus?sslmode=require");
        assertThat(jdbc.password()).isEqualTo("pw-2");
        JdbcConfig libpq = db(Map.of("DATABASE_URL", "postgresql://nexus:p%40ss@postgres/nexus"));
        assertThat(libpq.url()).isEqualTo("jdbc:postgresql://postgres:5432/nexus");
        assertThat(libpq.user()).isEqualTo("nexus");
        assertThat(libpq.password()).isEqualTo("p@ss");
        assertThat(db(Map.of("DATABASE_URL", "postgres://h:5433/d")).url()).isEqualTo("jdbc:postgresql://h:5433/d");
    }

    @Test
    void badSettingsNameTheSettingAndWhereItCameFromButNeverThePassword() throws IOException {
        assertThatThrownBy(() -> db(Map.of("DB_HOST", "db", "DB_PORT", "five", "DB_NAME", "n")))
                .hasMessage("DB_PORT (environment variable) must be an integer in 1..65535, but was \"five\"");
        assertThatThrownBy(() -> db(Map.of("DB_HOST", "db")))
                .hasMessageStartingWith("DB_HOST (environment variable) is set but DB_NAME is not");
        assertThatThrownBy(() -> db(Map.of("DB_HOST", "db/x", "DB_NAME", "n")))
                .hasMessageStartingWith("DB_HOST (environment variable) must be a host name");
        assertThatThrownBy(() -> db(Map.of("DB_HOST", "db", "DB_NAME", "n; drop")))
                .hasMessageStartingWith("DB_NAME (environment variable) must be letters");
        assertThatThrownBy(() -> db(Map.of("DB_HOST", "db", "DB_NAME", "n", "DATABASE_URL", "jdbc:postgresql://db/n")))
                .hasMessageContaining("both DATABASE_URL").hasMessageContaining("DB_HOST");
        assertThatThrownBy(() -> db(Map.of("DB_USER", "nexus", "DB_PASSWORD", "hunter22")))
                .hasMessageStartingWith("DB_USER (environment variable), DB_PASSWORD (environment variable) are set but"
                        + " neither DATABASE_URL nor DB_HOST").hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> db(Map.of("DATABASE_URL", "mysql://nexus:hunter22@db/n")))
                .hasMessageStartingWith("DATABASE_URL (environment variable) must be jdbc:postgresql://")
                .hasMessageContaining("mysql://…@db/n").hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> db(Map.of("DATABASE_URL", "jdbc:postgresql://db/n?password=hunter22")))
                .hasMessageStartingWith("DATABASE_URL (environment variable): url must not carry a password")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> db(Map.of("DATABASE_URL", "postgresql://u:hunter22@db/n", "DB_PASSWORD", "other")))
                .hasMessageContaining("DB_PASSWORD").hasMessageNotContaining("hunter22").hasMessageNotContaining("other");
        assertThatThrownBy(() -> db(Map.of("DATABASE_URL", "postgresql://db/n", "DB_PORT", "5432")))
                .hasMessageStartingWith("DB_PORT (environment variable) is set together with DATABASE_URL");
        Path file = Files.writeString(dir.resolve("s.properties"), "DB_HOST=db\nDB_PORT=0\nDB_NAME=n\n");
        assertThatThrownBy(() -> ServerConfig.load(file, Map.of()))
                .hasMessage("DB_PORT (in " + file + ") must be an integer in 1..65535, but was \"0\"");
    }
}
