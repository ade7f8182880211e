package com.nexussaude.monitor.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes {@link WardWorkload} readings as a JSON Lines recording in the command line's input
 * contract (one object per line: {@code patient_id}, {@code timestamp}, {@code heart_rate},
 * {@code oxygen_saturation}, {@code respiratory_rate}, and when measured
 * {@code blood_pressure_systolic}, {@code blood_pressure_diastolic}, {@code temperature}).
 */
public final class DayRecording {
    /** Seconds in a day. */
    public static final int DAY_S = 86_400;

    private DayRecording() {
    }

    /**
     * Writes a ward recording for {@code benchmarks/equivalence.sh}: {@code PATIENTS SECONDS FILE [SEED]},
     * every bed of a {@link WardWorkload} of that size (seed 42 by default) for that many seconds.
     *
     * @param args patients, seconds, output file, optional seed
     */
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: DayRecording PATIENTS SECONDS FILE [SEED]");
            System.exit(2);
        }
        int patients = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        long seed = args.length == 4 ? Long.parseLong(args[3]) : 42;
        int[] beds = new int[patients];
        for (int p = 0; p < patients; p++) {
            beds[p] = p;
        }
        long lines = write(new WardWorkload(patients, seed), beds, seconds, Path.of(args[2]));
        System.err.printf("wrote %d observations (%d beds x %d s, seed %d) to %s%n", lines, patients, seconds,
                seed, args[2]);
    }

    /**
     * Writes {@code seconds} of ward time for the given beds of {@code workload} to {@code file}, in
     * time order; returns the number of lines (observations).
     */
    public static long write(WardWorkload workload, int[] beds, int seconds, Path file) {
        WardWorkload.Reading r = new WardWorkload.Reading();
        long lines = 0;
        StringBuilder line = new StringBuilder(200);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long s = 0; s < seconds; s++) {
                for (int bed : beds) {
                    workload.fill(s * workload.patients() + bed, r);
                    line.setLength(0);
                    line.append("{\"patient_id\":\"").append(r.patientId).append("\",\"timestamp\":\"")
                            .append(Instant.ofEpochMilli(r.timestampMs)).append('"');
                    field(line, "heart_rate", r.heartRate);
                    field(line, "oxygen_saturation", r.spo2);
                    field(line, "respiratory_rate", r.respiratoryRate);
                    field(line, "blood_pressure_systolic", r.systolicBp);
                    field(line, "blood_pressure_diastolic", r.diastolicBp);
                    field(line, "temperature", r.temperature);
                    out.append(line.append("}\n"));
                    lines++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static void field(StringBuilder line, String name, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        line.append(",\"").append(name).append("\":");
        if (value == Math.rint(value)) {
            line.append((long) value);
        } else {
            line.append(value);
        }
    }
}
