package com.nexussaude.monitor.server;

import com.nexussaude.monitor.Observation;
import com.nexussaude.monitor.Vital;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One patient's latest accepted readings and their retained history, kept by the server from what it
 * submits (the library keeps no history of readings).
 *
 * <p>Retention, per vital: every reading of the last {@code full} window (at most one reading per
 * second of it, so a faster feed keeps a shorter window), then one median per minute for the
 * {@code minutes} window before that. Older data is dropped. With the defaults (2 h, 24 h) a patient
 * at 1 Hz holds at most 7,201 readings and 1,441 medians per vital.
 */
final class PatientVitals {
    private record Point(long t, double v) {
    }

    /** One vital's history: full-resolution points, then per-minute medians of older ones. */
    private static final class Series {
        final ArrayDeque<Point> raw = new ArrayDeque<>();
        final ArrayDeque<Point> minutes = new ArrayDeque<>();
        long pendingMinute = Long.MIN_VALUE;
        final List<Double> pending = new ArrayList<>();
    }

    private final long fullMs;
    private final long minutesMs;
    private final int rawCap;
    private final Map<Vital, double[]> latest = new EnumMap<>(Vital.class);
    private final Map<Vital, Long> latestAt = new EnumMap<>(Vital.class);
    private final Map<Vital, Series> series = new EnumMap<>(Vital.class);

    /** NEWS2 totals of the last {@code full} window, one per change (score events come on change only). */
    private final ArrayDeque<Point> news2 = new ArrayDeque<>();

    PatientVitals(Duration full, Duration minutes) {
        this.fullMs = full.toMillis();
        this.minutesMs = minutes.toMillis();
        this.rawCap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, full.toSeconds() + 1));
    }

    synchronized void add(Observation o) {
        long t = o.timestamp().toEpochMilli();
        for (Map.Entry<Vital, Double> e : o.values().entrySet()) {
            Vital v = e.getKey();
            Long prev = latestAt.get(v);
            if (prev == null || prev <= t) {
                latest.put(v, new double[] {e.getValue()});
                latestAt.put(v, t);
            }
            Series s = series.computeIfAbsent(v, k -> new Series());
            s.raw.addLast(new Point(t, e.getValue()));
            while (!s.raw.isEmpty() && (s.raw.size() > rawCap || s.raw.peekFirst().t() < t - fullMs)) {
                fold(s, s.raw.pollFirst());
            }
            while (!s.minutes.isEmpty() && s.minutes.peekFirst().t() < t - fullMs - minutesMs) {
                s.minutes.pollFirst();
            }
        }
    }

    /** Records a NEWS2 total at its event time, for the patient view's NEWS2 trend. */
    synchronized void addNews2(Instant at, int total) {
        long t = at.toEpochMilli();
        news2.addLast(new Point(t, total));
        while (!news2.isEmpty() && (news2.size() > rawCap || news2.peekFirst().t() < t - fullMs)) {
            news2.pollFirst();
        }
    }

    /** NEWS2 totals between {@code from} and {@code to} (inclusive), oldest first. */
    synchronized List<Map<String, Object>> news2History(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long u = to.toEpochMilli();
        List<Point> in = new ArrayList<>();
        for (Point p : news2) {
            if (p.t() >= f && p.t() <= u) {
                in.add(p);
            }
        }
        in.sort(Comparator.comparingLong(Point::t));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Point p : in) {
            out.add(point(p.t(), p.v(), "raw"));
        }
        return out;
    }

    private void fold(Series s, Point p) {
        long minute = Math.floorDiv(p.t(), 60_000L) * 60_000L;
        if (minute != s.pendingMinute) {
            flush(s);
            s.pendingMinute = minute;
        }
        s.pending.add(p.v());
    }

    private void flush(Series s) {
        if (!s.pending.isEmpty() && minutesMs > 0) {
            s.minutes.addLast(new Point(s.pendingMinute, median(s.pending)));
        }
        s.pending.clear();
    }

    static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    /** {@code {"heart_rate": {"value": 88, "at": "..."}, ...}} of the latest reading of each vital. */
    synchronized Map<String, Object> latest() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<Vital, double[]> e : latest.entrySet()) {
            Vital v = e.getKey();
            double x = e.getValue()[0];
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("value", v == Vital.SUPPLEMENTAL_OXYGEN ? (Object) (x != 0)
                    : v == Vital.CONSCIOUSNESS ? (Object) String.valueOf(com.nexussaude.monitor.Consciousness.values()[(int) x].code())
                    : (Object) x);
            r.put("unit", v.unit());
            r.put("at", Instant.ofEpochMilli(latestAt.get(v)).toString());
            m.put(v.fieldName(), r);
        }
        return m;
    }

    /** Readings of the latest observation time, for the NEWS2 fallback; empty if none. */
    synchronized Map<Vital, Double> latestValues() {
        Map<Vital, Double> m = new EnumMap<>(Vital.class);
        latest.forEach((v, x) -> m.put(v, x[0]));
        return m;
    }

    /**
     * History between {@code from} and {@code to} (inclusive) at a resolution: {@code raw} (every
     * retained reading, where still held), {@code minute} (per-minute medians throughout) or
     * {@code auto} (readings where held, medians before). Each point is {@code {"t","v","resolution"}}.
     */
    synchronized Map<String, Object> history(Instant from, Instant to, String resolution) {
        long f = from.toEpochMilli();
        long u = to.toEpochMilli();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<Vital, Series> e : series.entrySet()) {
            Series s = e.getValue();
            List<Map<String, Object>> points = new ArrayList<>();
            List<Point> raw = new ArrayList<>();
            for (Point p : s.raw) {
                if (p.t() >= f && p.t() <= u) {
                    raw.add(p);
                }
            }
            raw.sort(Comparator.comparingLong(Point::t));
            List<Point> medians = new ArrayList<>();
            for (Point p : s.minutes) {
                if (p.t() >= f && p.t() <= u) {
                    medians.add(p);
                }
            }
            if (!s.pending.isEmpty() && s.pendingMinute >= f && s.pendingMinute <= u) {
                medians.add(new Point(s.pendingMinute, median(s.pending)));
            }
            if (resolution.equals("minute")) {
                TreeMap<Long, List<Double>> byMinute = new TreeMap<>();
                for (Point p : raw) {
                    byMinute.computeIfAbsent(Math.floorDiv(p.t(), 60_000L) * 60_000L, k -> new ArrayList<>()).add(p.v());
                }
                Map<Long, Double> merged = new TreeMap<>();
                for (Point p : medians) {
                    merged.put(p.t(), p.v());
                }
                byMinute.forEach((t, vs) -> merged.putIfAbsent(t, median(vs)));
                merged.forEach((t, v) -> points.add(point(t, v, "minute")));
            } else {
                if (resolution.equals("auto")) {
                    long firstRaw = raw.isEmpty() ? Long.MAX_VALUE : raw.get(0).t();
                    for (Point p : medians) {
                        if (p.t() < Math.floorDiv(firstRaw, 60_000L) * 60_000L) {
                            points.add(point(p.t(), p.v(), "minute"));
                        }
                    }
                }
                for (Point p : raw) {
                    points.add(point(p.t(), p.v(), "raw"));
                }
            }
            if (!points.isEmpty()) {
                out.put(e.getKey().fieldName(), points);
            }
        }
        return out;
    }

    /** Readings and medians held now, all vitals together (what the retention bound limits). */
    synchronized int retainedPoints() {
        int n = 0;
        for (Iterator<Series> it = series.values().iterator(); it.hasNext(); ) {
            Series s = it.next();
            n += s.raw.size() + s.minutes.size();
        }
        return n;
    }

    private static Map<String, Object> point(long t, double v, String resolution) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", Instant.ofEpochMilli(t).toString());
        m.put("v", v);
        m.put("resolution", resolution);
        return m;
    }
}
