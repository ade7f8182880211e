package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The container files checked without a container engine (these machines have none): the Compose
 * file by Debian's {@code docker-compose config} (its schema check; installed by {@code .ci/run}), the
 * Kubernetes manifests by reading them into the fabric8 Kubernetes model, where any field the API does
 * not know lands in an "additional properties" map that must stay empty, plus the links between them
 * (selectors, probes on {@code /system/health}, the Secret and ConfigMap names). The Dockerfile is
 * checked on paper only: no image can be built here.
 */
class DeployFilesTest {
    static final Map<String, Class<?>> KINDS = Map.of("Deployment", Deployment.class, "Service", Service.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "PersistentVolumeClaim", PersistentVolumeClaim.class);

    @Test
    void composeFileIsValidForDockerCompose() throws Exception {
        Path compose = MetricsStackTest.deploy().resolve("docker-compose.yml");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")),
                "Debian's docker-compose is not installed (.ci/run installs it): skipping the Compose schema check");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/docker-compose", "-f", compose.toString(), "config", "-q")
                .redirectErrorStream(true);
        pb.environment().put("JWT_SECRET", "test");
        pb.environment().put("POSTGRES_PASSWORD", "test");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /**
     * The service's environment as Compose resolves it: every variable is a setting of the service, and
     * with DATABASE_URL, DB_USER and DB_PASSWORD given the service's journal is the postgres service's
     * database; without them, the file journal.
     */
    @Test
    void composeRunsTheServiceOnItsPostgresWhenConfiguredAndOnTheFileJournalOtherwise() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")),
                "Debian's docker-compose is not installed (.ci/run installs it): skipping the Compose environment check");
        Map<String, String> plain = composeEnvironment(Map.of());
        assertThat(ServerConfig.SETTINGS.keySet()).containsAll(plain.keySet());
        assertThat(ServerConfig.of(plain).database()).isNull();
        Map<String, String> withDb = composeEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://postgres:5432/nexus",
                "DB_USER", "nexus", "DB_PASSWORD", "pw"));
        var db = ServerConfig.of(withDb).database();
        assertThat(db.url()).isEqualTo("jdbc:postgresql://postgres:5432/nexus");
        assertThat(db.user()).isEqualTo("nexus");
        assertThat(db.password()).isEqualTo("pw");
    }

    private static Map<String, String> composeEnvironment(Map<String, String> extra) throws Exception {
        Path compose = MetricsStackTest.deploy().resolve("docker-compose.yml");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/docker-compose", "-f", compose.toString(), "config");
        pb.environment().put("JWT_SECRET", TestServer.SECRET);
        pb.environment().put("POSTGRES_PASSWORD", "test");
        pb.environment().keySet().removeAll(java.util.List.of("DATABASE_URL", "DB_USER", "DB_PASSWORD"));
        pb.environment().putAll(extra);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        JsonNode env = new ObjectMapper(new YAMLFactory()).readTree(out).at("/services/nexus-monitor/environment");
        Map<String, String> m = new java.util.HashMap<>();
        env.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @Test
    void kubernetesManifestsUseOnlyFieldsTheApiKnowsAndFitTogether() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        List<Object> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(MetricsStackTest.deploy().resolve("kubernetes"))) {
            for (Path f : files.sorted().toList()) {
                try (YAMLParser parser = new YAMLFactory().createParser(f.toFile())) {
                    for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
                        String kind = doc.path("kind").asText();
                        Class<?> type = KINDS.get(kind);
                        assertThat(type).as(f.getFileName() + ": kind '" + kind + "'").isNotNull();
                        Object o = yaml.treeToValue(doc, type);
                        List<String> unknown = new ArrayList<>();
                        unknownFields(o, kind, unknown, new IdentityHashMap<>());
                        assertThat(unknown).as(f.getFileName() + ": fields the Kubernetes API does not know").isEmpty();
                        objects.add(o);
                    }
                }
            }
        }
        Deployment d = one(objects, Deployment.class);
        Service svc = one(objects, Service.class);
        PodDisruptionBudget pdb = one(objects, PodDisruptionBudget.class);
        var labels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(labels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels())
                .containsAllEntriesOf(svc.getSpec().getSelector())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        var c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/system/health");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/system/health");
        assertThat(c.getEnvFrom()).extracting(e -> e.getConfigMapRef() != null ? e.getConfigMapRef().getName()
                : e.getSecretRef().getName()).containsExactly(one(objects, ConfigMap.class).getMetadata().getName(),
                one(objects, Secret.class).getMetadata().getName());
        assertThat(d.getSpec().getStrategy().getType()).as("two processes must never share one journal").isEqualTo("Recreate");
    }

    private static <T> T one(List<Object> objects, Class<T> type) {
        List<T> of = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(of).as(type.getSimpleName()).hasSize(1);
        return of.get(0);
    }

    /** Walks the model's getters; a non-empty additionalProperties map is a field the API does not have. */
    private static void unknownFields(Object o, String path, List<String> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || !g.getName().startsWith("get") || g.getDeclaringClass() == Object.class
                    || Set.of("getClass").contains(g.getName())) {
                continue;
            }
            Object v;
            try {
                v = g.invoke(o);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(g.toString(), e);
            }
            if (g.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(v, path + "." + g.getName().substring(3), out, seen);
            }
        }
    }
}
