package com.nexussaude.monitor;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable monitor configuration. Every setting has a documented default ({@code DEFAULT_*});
 * {@link #defaults()} is the configuration a monitor gets when none is given.
 *
 * <pre>{@code
 * MonitorConfig config = MonitorConfig.builder()
 *         .bands(Vital.SPO2, Bands.of(92, 100, 88, 100, 85, 100))
 *         .persistence(Vital.SPO2, PersistencePolicy.continuous(Duration.ofSeconds(20), Duration.ofSeconds(10)))
 *         .build();
 * }</pre>
 *
 * @param allowedLateness how far behind the monitor clock an observation may be and still be accepted
 * @param futureTolerance how far ahead of a live clock an observation may be (clock skew); unused in event time
 * @param resolveHold     how long a cleared condition must stay clear before its alert resolves (hysteresis)
 * @param updateInterval  at most one {@code updated} event per alert per interval; zero sends none
 * @param bands           global alarm bands per vital
 * @param wardBands       per-ward band overrides, by ward then vital
 * @param persistence     alarm delay per vital
 * @param packs           bundled rule packs to deploy (see {@link #BUNDLED_PACKS})
 * @param packSettings    tuning of the bundled packs: values for the EPL variables the packs declare
 *                        ({@code create variable}), by name; an unknown name or a value of the wrong
 *                        type fails {@code build()} naming the setting
 * @param ackTimeout      an acknowledged alert that is still active alerts again after this; zero never
 * @param flapWindow      the window in which {@code flapThreshold} raises of one patient, rule and key
 *                        make the next alert {@link AlertState#FLAPPING}
 * @param flapThreshold   raises within {@code flapWindow} that make an alert flapping (counting its own)
 * @param flapSettle      a flapping alert resolves only after its condition has been clear this long
 * @param inhibitions     inhibition rules (see {@link InhibitionRule#DEFAULTS})
 * @since 0.1
 */
public record MonitorConfig(
        Duration allowedLateness,
        Duration futureTolerance,
        Duration resolveHold,
        Duration updateInterval,
        Map<Vital, Bands> bands,
        Map<String, Map<Vital, Bands>> wardBands,
        Map<Vital, PersistencePolicy> persistence,
        Set<String> packs,
        Map<String, Object> packSettings,
        Duration ackTimeout,
        Duration flapWindow,
        int flapThreshold,
        Duration flapSettle,
        List<InhibitionRule> inhibitions) {

    /** Default allowed lateness: 30 s, enough for a NIBP result delivered after the next SpO2 sample. */
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofSeconds(30);
    /** Default tolerance for timestamps ahead of a live clock: 60 s. */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofSeconds(60);
    /** Default hysteresis before a cleared alert resolves: 30 s. */
    public static final Duration DEFAULT_RESOLVE_HOLD = Duration.ofSeconds(30);
    /** Default interval between {@code updated} events of one alert: 5 min. */
    public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofMinutes(5);
    /** Default acknowledgement timeout: 30 min, after which a still-active acknowledged alert alerts again. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofMinutes(30);
    /** Default flapping window: 15 min. */
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(15);
    /** Default flapping threshold: the 4th raise of one patient, rule and key within the window is flapping. */
    public static final int DEFAULT_FLAP_THRESHOLD = 4;
    /** Default settle time of a flapping alert: clear for 10 min. */
    public static final Duration DEFAULT_FLAP_SETTLE = Duration.ofMinutes(10);

    /** The rule packs shipped with the library: threshold, technical (signal loss, sensor dropout, artefacts),
     *  anomaly (deviation from the patient's own baseline), news2, trend (sustained slopes: HR, SpO2, RR,
     *  systolic BP, temperature) and correlation (shock index, respiratory deterioration, sepsis screen). */
    public static final Set<String> BUNDLED_PACKS = Set.of("threshold", "technical", "anomaly", "news2", "trend",
            "correlation");

    /**
     * Default bands. Heart rate, systolic BP and temperature are the original product's; the others:
     * diastolic 60–90 / 50–100 / 40–120 mmHg; SpO2 94–100 / 90–100 / 85–100 % (94 is the lower end
     * of the NEWS2 scale-1 one-point band, 90 the usual bedside alarm limit, below 85 is severe
     * hypoxaemia); respiratory rate 12–20 / 9–24 / 8–30 /min (the NEWS2 zero band, its ≤24 and
     * ≤8 edges).
     */
    public static final Map<Vital, Bands> DEFAULT_BANDS = defaultBands();

    /**
     * Default alarm delays (continuous time outside the band): SpO2 30 s to medium, 10 s to high;
     * heart rate 20 s / 5 s; respiratory rate 45 s / 10 s (since 0.2; before, 15, 10 and 20 s to
     * medium); NIBP and temperature are discrete measurements and alert at once, staying valid for
     * 90 min (NIBP) and 6 h (temperature). Critical values alert on the first confirmed reading: for
     * HR, SpO2 and RR two consecutive readings outside the critical band (see docs/alarm-semantics.md).
     */
    public static final Map<Vital, PersistencePolicy> DEFAULT_PERSISTENCE = defaultPersistence();

    /**
     * Validates every component and takes unmodifiable copies of the collections.
     *
     * @param allowedLateness how far behind the monitor clock an observation may be and still be accepted
     * @param futureTolerance how far ahead of a live clock an observation may be (clock skew); unused in
     *     event time
     * @param resolveHold how long a cleared condition must stay clear before its alert resolves (hysteresis)
     * @param updateInterval at most one {@code updated} event per alert per interval; zero sends none
     * @param bands global alarm bands per vital
     * @param wardBands per-ward band overrides, by ward then vital
     * @param persistence alarm delay per vital
     * @param packs bundled rule packs to deploy (see {@link #BUNDLED_PACKS})
     * @param packSettings tuning of the bundled packs: values for the EPL variables the packs declare
     *     ({@code create variable}), by name; an unknown name or a value of the wrong type fails {@code build()}
     *     naming the setting
     * @param ackTimeout an acknowledged alert that is still active alerts again after this; zero never
     * @param flapWindow the window in which {@code flapThreshold} raises of one patient, rule and key make
     *     the next alert {@link AlertState#FLAPPING}
     * @param flapThreshold raises within {@code flapWindow} that make an alert flapping (counting its own)
     * @param flapSettle a flapping alert resolves only after its condition has been clear this long
     * @param inhibitions inhibition rules (see {@link InhibitionRule#DEFAULTS})
     * @throws IllegalArgumentException naming the first invalid component (a negative duration, an unknown
     *                                  pack, a flap threshold below 2)
     * @throws NullPointerException     naming a {@code null} component
     */
    public MonitorConfig {
        positiveOrZero("allowedLateness", allowedLateness);
        positiveOrZero("futureTolerance", futureTolerance);
        positiveOrZero("resolveHold", resolveHold);
        positiveOrZero("updateInterval", updateInterval);
        bands = completeVitalMap("bands", bands, DEFAULT_BANDS);
        persistence = completeVitalMap("persistence", persistence, DEFAULT_PERSISTENCE);
        Map<String, Map<Vital, Bands>> wards = new LinkedHashMap<>();
        Objects.requireNonNull(wardBands, "wardBands").forEach((ward, m) -> {
            Map<Vital, Bands> copy = new EnumMap<>(Vital.class);
            copy.putAll(m);
            wards.put(Objects.requireNonNull(ward, "ward"), Collections.unmodifiableMap(copy));
        });
        wardBands = Collections.unmodifiableMap(wards);
        for (String p : Objects.requireNonNull(packs, "packs")) {
            if (!BUNDLED_PACKS.contains(p)) {
                throw new IllegalArgumentException("packs: unknown pack '" + p + "', the bundled packs are "
                        + new java.util.TreeSet<>(BUNDLED_PACKS));
            }
        }
        packs = Collections.unmodifiableSet(new LinkedHashSet<>(packs));
        Map<String, Object> settings = new LinkedHashMap<>();
        Objects.requireNonNull(packSettings, "packSettings").forEach((k, v) -> settings.put(
                Objects.requireNonNull(k, "packSettings name"), Objects.requireNonNull(v, "packSettings." + k)));
        packSettings = Collections.unmodifiableMap(settings);
        positiveOrZero("ackTimeout", ackTimeout);
        positiveOrZero("flapWindow", flapWindow);
        positiveOrZero("flapSettle", flapSettle);
        if (flapThreshold < 2) {
            throw new IllegalArgumentException("flapThreshold must be at least 2 raises, but was " + flapThreshold);
        }
        inhibitions = List.copyOf(Objects.requireNonNull(inhibitions, "inhibitions"));
    }

    /**
     * The default configuration.
     *
     * @return the default configuration
     */
    public static MonitorConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder starting from the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this configuration.
     *
     * @return a builder starting from this configuration
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.allowedLateness = allowedLateness;
        b.futureTolerance = futureTolerance;
        b.resolveHold = resolveHold;
        b.updateInterval = updateInterval;
        b.bands.putAll(bands);
        wardBands.forEach((w, m) -> b.wardBands.put(w, new EnumMap<>(m)));
        b.persistence.putAll(persistence);
        b.packs.clear();
        b.packs.addAll(packs);
        b.packSettings.putAll(packSettings);
        b.ackTimeout = ackTimeout;
        b.flapWindow = flapWindow;
        b.flapThreshold = flapThreshold;
        b.flapSettle = flapSettle;
        b.inhibitions = inhibitions;
        return b;
    }

    /** Builds a {@link MonitorConfig}; each setter validates its argument. */
    public static final class Builder {
        private Duration allowedLateness = DEFAULT_ALLOWED_LATENESS;
        private Duration futureTolerance = DEFAULT_FUTURE_TOLERANCE;
        private Duration resolveHold = DEFAULT_RESOLVE_HOLD;
        private Duration updateInterval = DEFAULT_UPDATE_INTERVAL;
        private final Map<Vital, Bands> bands = new EnumMap<>(DEFAULT_BANDS);
        private final Map<String, Map<Vital, Bands>> wardBands = new LinkedHashMap<>();
        private final Map<Vital, PersistencePolicy> persistence = new EnumMap<>(DEFAULT_PERSISTENCE);
        private final Set<String> packs = new LinkedHashSet<>(BUNDLED_PACKS);
        private final Map<String, Object> packSettings = new LinkedHashMap<>();
        private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
        private Duration flapWindow = DEFAULT_FLAP_WINDOW;
        private int flapThreshold = DEFAULT_FLAP_THRESHOLD;
        private Duration flapSettle = DEFAULT_FLAP_SETTLE;
        private List<InhibitionRule> inhibitions = InhibitionRule.DEFAULTS;

        private Builder() {
        }

        /**
         * An acknowledged alert that is still active alerts again after this.
         *
         * @param d the timeout; zero never re-alerts
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder ackTimeout(Duration d) {
            this.ackTimeout = positiveOrZero("ackTimeout", d);
            return this;
        }

        /**
         * Flapping: {@code threshold} raises of one patient, rule and key within {@code window}; the alert then resolves only after {@code settle} clear.
         *
         * @param threshold how many raises count as flapping, {@code >= 2}
         * @param window the window the raises must fall in; not negative
         * @param settle how long a flapping alert must stay clear before it resolves; not negative
         * @return this builder
         */
        public Builder flapping(int threshold, Duration window, Duration settle) {
            if (threshold < 2) {
                throw new IllegalArgumentException("flapThreshold must be at least 2 raises, but was " + threshold);
            }
            this.flapThreshold = threshold;
            this.flapWindow = positiveOrZero("flapWindow", window);
            this.flapSettle = positiveOrZero("flapSettle", settle);
            return this;
        }

        /**
         * Replaces the inhibition rules (none if empty).
         *
         * @param rules the inhibition rules, in order; copied
         * @return this builder
         */
        public Builder inhibitions(List<InhibitionRule> rules) {
            this.inhibitions = List.copyOf(Objects.requireNonNull(rules, "inhibitions"));
            return this;
        }

        /**
         * How far behind the monitor clock an observation may be and still be accepted; default {@link #DEFAULT_ALLOWED_LATENESS}.
         *
         * @param d the lateness allowed; zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder allowedLateness(Duration d) {
            this.allowedLateness = positiveOrZero("allowedLateness", d);
            return this;
        }

        /**
         * How far ahead of a live clock an observation may be (device clock skew); unused in event time.
         *
         * @param d the tolerance; zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder futureTolerance(Duration d) {
            this.futureTolerance = positiveOrZero("futureTolerance", d);
            return this;
        }

        /**
         * How long a cleared condition must stay clear before its alert resolves (hysteresis).
         *
         * @param d the hold; zero resolves at once
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder resolveHold(Duration d) {
            this.resolveHold = positiveOrZero("resolveHold", d);
            return this;
        }

        /**
         * At most one {@code updated} event per alert per interval.
         *
         * @param d the interval; zero sends no {@code updated} events
         * @return this builder
         * @throws IllegalArgumentException if {@code d} is negative
         */
        public Builder updateInterval(Duration d) {
            this.updateInterval = positiveOrZero("updateInterval", d);
            return this;
        }

        /**
         * Sets the global alarm bands of a vital.
         *
         * @param vital a banded vital
         * @param b its bands, in the vital's unit ({@link Vital#unit()}); not {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the vital has no bands
         */
        public Builder bands(Vital vital, Bands b) {
            requireBanded(vital);
            bands.put(vital, Objects.requireNonNull(b, "bands"));
            return this;
        }

        /**
         * Sets one ward's bands for a vital, overriding the global bands for its patients.
         *
         * @param ward the ward, as in {@link PatientContext}; not {@code null}
         * @param vital a banded vital
         * @param b its bands on that ward, in the vital's unit; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the vital has no bands
         */
        public Builder wardBands(String ward, Vital vital, Bands b) {
            requireBanded(vital);
            wardBands.computeIfAbsent(Objects.requireNonNull(ward, "ward"), w -> new EnumMap<>(Vital.class))
                    .put(vital, Objects.requireNonNull(b, "bands"));
            return this;
        }

        /**
         * Sets the alarm delay of a vital (see {@link #DEFAULT_PERSISTENCE}).
         *
         * @param vital a banded vital
         * @param p how long, or how many readings, a value must stay outside a band before it alerts; not {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the vital has no bands
         */
        public Builder persistence(Vital vital, PersistencePolicy p) {
            requireBanded(vital);
            persistence.put(vital, Objects.requireNonNull(p, "persistence"));
            return this;
        }

        /**
         * Deploys only the named bundled packs (none if empty).
         *
         * @param names the bundled pack names, e.g. {@code "threshold"}, {@code "news2"}; copied
         * @return this builder
         */
        public Builder packs(Set<String> names) {
            packs.clear();
            packs.addAll(Objects.requireNonNull(names, "packs"));
            return this;
        }

        /**
         * Sets a pack tuning variable, e.g. {@code packSetting("trend_hr_rise_per_hour", 15.0)}; the
         * names and defaults are in each pack's EPL file.
         *
         * @param name the variable's name as declared in the pack's EPL file; not {@code null}
         * @param value its value, of the type the EPL declares (e.g. a {@code Double}); not {@code null}
         * @return this builder
         */
        public Builder packSetting(String name, Object value) {
            packSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Builds the configuration; the record's constructor validates it.
         *
         * @return the configuration, immutable
         * @throws IllegalArgumentException naming the first invalid setting
         */
        public MonitorConfig build() {
            return new MonitorConfig(allowedLateness, futureTolerance, resolveHold, updateInterval, bands, wardBands,
                    persistence, packs, packSettings, ackTimeout, flapWindow, flapThreshold, flapSettle, inhibitions);
        }

        private static void requireBanded(Vital vital) {
            if (!Objects.requireNonNull(vital, "vital").hasBands()) {
                throw new IllegalArgumentException(vital + " has no alarm bands");
            }
        }
    }

    private static Duration positiveOrZero(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + d);
        }
        return d;
    }

    private static <T> Map<Vital, T> completeVitalMap(String name, Map<Vital, T> given, Map<Vital, T> defaults) {
        Map<Vital, T> m = new EnumMap<>(Vital.class);
        m.putAll(defaults);
        m.putAll(Objects.requireNonNull(given, name));
        return Collections.unmodifiableMap(m);
    }

    private static Map<Vital, Bands> defaultBands() {
        Map<Vital, Bands> m = new EnumMap<>(Vital.class);
        m.put(Vital.HEART_RATE, Bands.of(60, 100, 50, 120, 40, 150));
        m.put(Vital.SYSTOLIC_BP, Bands.of(90, 140, 80, 160, 70, 180));
        m.put(Vital.DIASTOLIC_BP, Bands.of(60, 90, 50, 100, 40, 120));
        m.put(Vital.TEMPERATURE, Bands.of(36.0, 37.5, 35.5, 38.0, 35.0, 40.0));
        m.put(Vital.SPO2, Bands.of(94, 100, 90, 100, 85, 100));
        m.put(Vital.RESPIRATORY_RATE, Bands.of(12, 20, 9, 24, 8, 30));
        return Collections.unmodifiableMap(m);
    }

    private static Map<Vital, PersistencePolicy> defaultPersistence() {
        Map<Vital, PersistencePolicy> m = new EnumMap<>(Vital.class);
        // Medium (first band) since 0.2: HR 20 s, SpO2 30 s (Taenzer 2010's pager delay; longer than a sleep
        // desaturation), RR 45 s (a charted rate is a one-minute count; impedance RR averages 15-30 s itself).
        // docs/alarm-semantics.md §1 gives the cohort figures behind them.
        m.put(Vital.HEART_RATE, PersistencePolicy.continuous(Duration.ofSeconds(20), Duration.ofSeconds(5)));
        m.put(Vital.SPO2, PersistencePolicy.continuous(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        m.put(Vital.RESPIRATORY_RATE, PersistencePolicy.continuous(Duration.ofSeconds(45), Duration.ofSeconds(10)));
        m.put(Vital.SYSTOLIC_BP, PersistencePolicy.discrete(Duration.ofMinutes(90)));
        m.put(Vital.DIASTOLIC_BP, PersistencePolicy.discrete(Duration.ofMinutes(90)));
        m.put(Vital.TEMPERATURE, PersistencePolicy.discrete(Duration.ofHours(6)));
        return Collections.unmodifiableMap(m);
    }
}
