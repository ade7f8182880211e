package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.PatientContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files checked for real: the service runs a scripted ward, a real Prometheus (Debian's
 * package, installed by {@code .ci/run}) scrapes its {@code /metrics} with the committed alerting rules,
 * and every PromQL expression of every Grafana panel must return data while every alerting rule loads
 * healthy and stays quiet. {@code promtool} checks the configuration, the rules and the scrape itself.
 */
class MetricsStackTest {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    static Path deploy() {
        Path p = Path.of(System.getProperty("user.dir")).resolve("../deploy").normalize();
        assertThat(p).as("the deploy folder").isDirectory();
        return p;
    }

    static void requirePrometheus() {
        assumeTrue(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL),
                "Debian's prometheus package is not installed (.ci/run installs it): skipping the metrics stack test");
    }

    @Test
    void promtoolAcceptsTheCommittedConfigAndRules() throws Exception {
        requirePrometheus();
        assertThat(run(List.of(PROMTOOL.toString(), "check", "config", deploy().resolve("prometheus/prometheus.yml").toString()), null))
                .contains("SUCCESS");
        assertThat(run(List.of(PROMTOOL.toString(), "check", "rules", deploy().resolve("prometheus/alerts.yml").toString()), null))
                .contains("SUCCESS");
    }

    @Test
    void prometheusScrapesTheServiceAndEveryPanelAndRuleWorks() throws Exception {
        requirePrometheus();
        // Pages go to a real webhook receiver on loopback, so the paging meters have something to count.
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (TestServer t = new TestServer(dir.resolve("data"), Map.of(
                "WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                "WEBHOOK_SECRET", WebhookPagingTest.WEBHOOK_SECRET,
                "NOTIFY_ALLOW_INSECURE_TRANSPORT", "a plain-HTTP receiver on loopback in a test"))) {
            scriptedWard(t.server);
            // The ward keeps sending, as a real one does (the engine-stalled rule watches for silence);
            // a failure on the feeder's thread is handed back to the test.
            ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
            AtomicReference<Throwable> feederFailure = new AtomicReference<>();
            feeder.scheduleAtFixedRate(() -> {
                try {
                    steadyBeat(t.server);
                } catch (Throwable e) {
                    feederFailure.compareAndSet(null, e);
                }
            }, 0, 200, TimeUnit.MILLISECONDS);
            try {
                stack(t);
            } finally {
                feeder.shutdownNow();
            }
            assertThat(feederFailure.get()).as("the ward feeder's failure").isNull();
        } finally {
            receiver.stop(0);
        }
    }

    private void stack(TestServer t) throws Exception {
        {
            HttpResponse<String> scrape = t.get("/metrics", null);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("nexus_monitor_alerts_total", "nexus_monitor_patients", "jvm_memory_used_bytes");
            assertThat(scrape.body()).as("no patient id in any metric").doesNotContain("bed-m1", "bed-m2");
            run(List.of(PROMTOOL.toString(), "check", "metrics"), scrape.body());

            int promPort = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.copy(deploy().resolve("prometheus/alerts.yml"), dir.resolve("alerts.yml"));
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files: [alerts.yml]
                    scrape_configs:
                      - job_name: nexus-monitor
                        metrics_path: /metrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(t.server.port()));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                String api = "http://127.0.0.1:" + promPort + "/api/v1/";
                // Prometheus scrapes on its own schedule: wait (bounded) until rates have two samples.
                await(() -> !result(query(api, "rate(nexus_monitor_observations_total[1m])")).isEmpty()
                        && !result(query(api, "up{job=\"nexus-monitor\"} == 1")).isEmpty(), Duration.ofSeconds(60), dir);
                // A little more traffic between scrapes, so that rates and quantiles have something to say.
                scriptedWard(t.server);
                await(() -> !result(query(api, "histogram_quantile(0.99, sum by (le) (rate(nexus_monitor_journal_append_seconds_bucket[1m])))")).isEmpty(),
                        Duration.ofSeconds(30), dir);

                // Each panel's series reach Prometheus at its own later scrape (a page's meters once the delivery
                // was counted, a rate at its second sample): wait (bounded) for what is asserted below, every panel
                // and both latency meters, not only for the two series above.
                String raisedLatency = "sum(nexus_monitor_submit_to_alert_seconds_count{event=\"raised\"}) > 0";
                String fsyncLatency = "sum(nexus_monitor_journal_fsync_seconds_count) > 0";
                reached(() -> emptyPanels(api).isEmpty() && !result(query(api, raisedLatency)).isEmpty()
                        && !result(query(api, fsyncLatency)).isEmpty(), Duration.ofSeconds(60));
                assertThat(emptyPanels(api)).as("panel queries that returned no data").isEmpty();
                // The new latency meters count real events, not only exist: the desaturation's alert was raised by a
                // submit, and every journal record was forced to the device.
                assertThat(result(query(api, raisedLatency))).isNotEmpty();
                assertThat(result(query(api, fsyncLatency))).isNotEmpty();

                JsonNode rules = get(api + "rules").get("data").get("groups");
                List<String> unhealthy = new ArrayList<>();
                int count = 0;
                for (JsonNode g : rules) {
                    for (JsonNode r : g.get("rules")) {
                        count++;
                        if (!r.get("health").asText().equals("ok") || !r.get("state").asText().equals("inactive")) {
                            unhealthy.add(r.get("name").asText() + " " + r.get("health").asText() + " " + r.get("state").asText()
                                    + " " + r.path("lastError").asText());
                        }
                    }
                }
                assertThat(count).as("alerting rules loaded").isEqualTo(8);
                assertThat(unhealthy).as("rules that are unhealthy or not quiet on a healthy service").isEmpty();
            } finally {
                prometheus.destroy();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** One beat of the steady part of the ward: bed-m2 normal, bed-m1 still desaturated. */
    static void steadyBeat(MonitorServer server) {
        Instant now = Instant.now();
        server.submit(Observation.builder("bed-m1", now).heartRate(88).spo2(82).build());
        server.submit(Observation.builder("bed-m2", now).heartRate(72).spo2(97).respiratoryRate(14).build());
    }

    /** Three beds for a few seconds of live time: one desaturates (critical, paged), one is fine, one sends an invalid value. */
    static void scriptedWard(MonitorServer server) {
        server.monitor().register(PatientContext.of("bed-m1").withWard("ward-m"));
        server.monitor().register(PatientContext.of("bed-m2").withWard("ward-m"));
        Instant now = Instant.now();
        for (int s = 0; s < 3; s++) {
            server.submit(Observation.builder("bed-m1", now.plusMillis(s)).heartRate(88).spo2(82).build());
            server.submit(Observation.builder("bed-m2", now.plusMillis(s)).heartRate(72).spo2(97).respiratoryRate(14).build());
        }
        try {
            server.submit(Observation.builder("bed-m2", now.plusMillis(5)).heartRate(999).build());
        } catch (com.nexussaude.monitor.InvalidObservationException expected) {
            // counted as a rejected observation, which is what the patients dashboard shows
        }
    }

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> s = Files.list(deploy().resolve("grafana/dashboards"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .containsExactly("alerts.json", "overview.json", "patients.json", "performance.json");
            return all;
        }
    }

    static JsonNode query(String api, String expr) {
        return get(api + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    }

    static JsonNode result(JsonNode response) {
        assertThat(response.get("status").asText()).as(response.toString()).isEqualTo("success");
        return response.get("data").get("result");
    }

    static JsonNode get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return Api.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls an external process's state until {@code ready} or the limit; a real Prometheus cannot be
     * driven by the monitor clock, so this is the one place the suite waits on wall time.
     */
    static void await(BooleanSupplier ready, Duration limit, Path dir) throws IOException {
        if (!reached(ready, limit)) {
            throw new AssertionError("Prometheus did not get there within " + limit + "; its log:\n"
                    + Files.readString(dir.resolve("prometheus.log")));
        }
    }

    /** Polls as {@link #await} does; false at the limit, for a caller whose own assertions then say what is missing. */
    static boolean reached(BooleanSupplier ready, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (ready.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // Prometheus still starting: connection refused
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** The dashboards' panel queries that return no data now, each named by its dashboard and panel. */
    static List<String> emptyPanels(String api) {
        List<String> empty = new ArrayList<>();
        try {
            for (Path d : dashboards()) {
                for (JsonNode panel : Api.JSON.readTree(d.toFile()).get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        // Range windows of the dashboards (5m, 1h) hold the test's few seconds of data.
                        String expr = target.get("expr").asText();
                        if (result(query(api, expr)).isEmpty()) {
                            empty.add(d.getFileName() + " / " + panel.get("title").asText() + ": " + expr);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return empty;
    }

    static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
