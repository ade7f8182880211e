package com.nexussaude.monitor.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Every single shot in JMH JSON result files (one value per fork and iteration of a {@code SingleShotTime} benchmark,
 * from {@code primaryMetric.rawData}), pooled: count, median, range and unit. Used by {@code appcds.sh}, whose lanes
 * are several JMH runs each.
 */
public final class Shots {
    private Shots() {
    }

    /** Prints the pooled shots of the files named as arguments. */
    public static void main(String[] args) throws IOException {
        List<Double> shots = new ArrayList<>();
        String unit = "";
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode result : json.readTree(Path.of(file).toFile())) {
                JsonNode metric = result.path("primaryMetric");
                unit = metric.path("scoreUnit").asText();
                for (JsonNode fork : metric.path("rawData")) {
                    fork.forEach(v -> shots.add(v.asDouble()));
                }
            }
        }
        if (shots.isEmpty()) {
            throw new IllegalArgumentException("no shots in " + List.of(args));
        }
        Collections.sort(shots);
        int n = shots.size();
        double median = n % 2 == 1 ? shots.get(n / 2) : (shots.get(n / 2 - 1) + shots.get(n / 2)) / 2;
        System.out.printf(Locale.ROOT, "%d shots, median %.1f %s, range %.1f-%.1f%n", n, median, unit, shots.get(0),
                shots.get(n - 1));
    }
}
