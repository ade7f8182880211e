package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The standard {@link EscalationPolicy}: an ordered chain of levels, each paging its targets on
 * its channels and waiting for an acknowledgement for a time that depends on the incident's
 * severity, then the chain repeated a set number of times.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Level {@code n} waits {@link Level#waits() waits}{@code .get(severity)} before level
 *       {@code n + 1} is paged. A severity with no wait at a level stops escalating at that level:
 *       the bundled default gives {@link Severity#LOW low} no wait anywhere, so a low incident
 *       pages level 1 once and never escalates.</li>
 *   <li>After the last level, the wait of the last level passes and the chain starts over at
 *       level 1, {@link #repeat()} more times (0: no repeat). On the final pass the last level
 *       is the end.</li>
 *   <li>{@link #ackTimeouts()}: an acknowledgement holds for this long, by severity; a severity
 *       with none holds until the incident resolves.</li>
 *   <li>{@link #reminders()}: once the chain has run out with nobody acknowledging, the last
 *       step is paged again every this long, by severity; a severity with none is not reminded
 *       (the bundled default reminds critical every 15 minutes).</li>
 *   <li>Waits, acknowledgement timeouts and reminders are whole minutes, as in PagerDuty's
 *       escalation rules.</li>
 *   <li>{@link #notPaged()}: alerts of these categories and severities are shown, not paged
 *       ({@link #pages}); the bundled default does not page low technical alerts (an artefact,
 *       a brief sensor dropout: IEC 60601-1-8 low priority, for the operator's awareness), while a
 *       technical condition that leaves the patient unmonitored (signal loss, probe off: medium)
 *       pages the bedside nurse as technical.</li>
 * </ul>
 *
 * <p>Configure it from JSON ({@link #fromJson(String)}; {@code //} comments allowed), from code
 * ({@link #builder(String)}), or take the bundled default ({@link #defaults()}, documented in
 * {@value #DEFAULT_RESOURCE}):
 *
 * <pre>{@code
 * {
 *   "name": "default",
 *   "repeat": 2,
 *   "ack_timeout_minutes": { "critical": 15, "high": 30, "medium": 60 },
 *   "levels": [
 *     { "name": "bedside nurse", "targets": [ { "role": "bedside-nurse" } ], "channels": [ "push" ],
 *       "wait_minutes": { "critical": 2, "high": 5, "medium": 15 } },
 *     { "name": "ward physician", "targets": [ { "schedule": "ward-physician" } ],
 *       "channels": [ "push", "sms" ], "wait_minutes": 10 }
 *   ]
 * }
 * }</pre>
 * {@code wait_minutes} and {@code ack_timeout_minutes} take a number (every severity) or an
 * object by severity; a target is an object with exactly one of {@code person}, {@code role},
 * {@code schedule}; {@code channels} absent or empty means every contact point.
 *
 * <p>An immutable value; {@link #toJson()} writes JSON that {@link #fromJson(String)} reads back
 * equal.
 *
 * @param name        a label kept with every snapshot; not blank
 * @param repeat      how many more times the chain runs after the first pass, 0 to {@value #MAX_REPEAT}
 * @param ackTimeouts acknowledgement timeout by severity; a missing severity never times out
 * @param levels      the levels, 1 to {@value #MAX_LEVELS}, level 1 first
 * @param reminders   reminder interval by severity after the chain has run out; a missing
 *                    severity is not reminded
 * @param notPaged    by category, the severities of alerts that are shown but never paged
 *                    (since 0.2); empty pages every alert
 * @since 0.1
 */
public record EscalationChain(String name, int repeat, Map<Severity, Duration> ackTimeouts, List<Level> levels,
                              Map<Severity, Duration> reminders, Map<Category, Set<Severity>> notPaged)
        implements EscalationPolicy {

    /** Most levels a chain may have. */
    public static final int MAX_LEVELS = 10;
    /** Most repeats: four times Grafana OnCall's limit of 5, enough for any shift. */
    public static final int MAX_REPEAT = 20;
    /** Longest wait or acknowledgement timeout, in minutes: one week. */
    public static final long MAX_MINUTES = 7 * 24 * 60;
    /** The class-path resource holding the bundled default policy, with comments on every value. */
    public static final String DEFAULT_RESOURCE = "/com/nexussaude/monitor/escalation/default-escalation.json";

    /**
     * Checks and copies every component.
     *
     * @param name a label kept with every snapshot; not blank
     * @param repeat how many more times the chain runs after the first pass, 0 to {@value #MAX_REPEAT}
     * @param ackTimeouts acknowledgement timeout by severity; a missing severity never times out
     * @param levels the levels, 1 to {@value #MAX_LEVELS}, level 1 first
     * @param reminders reminder interval by severity after the chain has run out; a missing severity is not
     *     reminded
     * @param notPaged by category, the severities of alerts that are shown but never paged (since 0.2); empty
     *     pages every alert
     */
    public EscalationChain {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("chain name must not be blank");
        }
        if (repeat < 0 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be between 0 and " + MAX_REPEAT + ", but was " + repeat);
        }
        ackTimeouts = copyDurations(ackTimeouts, "ack timeout", 1);
        reminders = copyDurations(reminders, "reminder", 1);
        levels = List.copyOf(Objects.requireNonNull(levels, "levels"));
        if (levels.isEmpty() || levels.size() > MAX_LEVELS) {
            throw new IllegalArgumentException("a chain needs 1 to " + MAX_LEVELS + " levels, but had " + levels.size());
        }
        Objects.requireNonNull(notPaged, "notPaged");
        Map<Category, Set<Severity>> np = new EnumMap<>(Category.class);
        notPaged.forEach((c, sev) -> {
            Objects.requireNonNull(c, "notPaged category");
            Set<Severity> copy = Set.copyOf(Objects.requireNonNull(sev, "notPaged severities of " + c.wireName()));
            if (!copy.isEmpty()) {
                np.put(c, copy);
            }
        });
        notPaged = java.util.Collections.unmodifiableMap(np);
    }

    /**
     * A chain that pages every alert (the form before {@link #notPaged()} existed).
     *
     * @param name a label kept with every snapshot; not blank
     * @param repeat how many more times the chain runs after the first pass, 0 to {@value #MAX_REPEAT}
     * @param ackTimeouts acknowledgement timeout by severity; a missing severity never times out
     * @param levels the levels, 1 to {@value #MAX_LEVELS}, level 1 first
     * @param reminders reminder interval by severity after the chain has run out; a missing severity is not
     *     reminded
     */
    public EscalationChain(String name, int repeat, Map<Severity, Duration> ackTimeouts, List<Level> levels,
                           Map<Severity, Duration> reminders) {
        this(name, repeat, ackTimeouts, levels, reminders, Map.of());
    }

    /**
     * A chain without reminders (the form before reminders existed).
     *
     * @param name a label kept with every snapshot; not blank
     * @param repeat how many more times the chain runs after the first pass, 0 to {@value #MAX_REPEAT}
     * @param ackTimeouts acknowledgement timeout by severity; a missing severity never times out
     * @param levels the levels, 1 to {@value #MAX_LEVELS}, level 1 first
     */
    public EscalationChain(String name, int repeat, Map<Severity, Duration> ackTimeouts, List<Level> levels) {
        this(name, repeat, ackTimeouts, levels, Map.of());
    }

    /**
     * The bundled default: bedside nurse, charge nurse, ward physician (on-call schedule), rapid
     * response team, intensive care (on-call schedule); critical escalates every few minutes, high
     * more slowly, medium over an hour or more, low never; the chain repeats twice.
     *
     * @return the bundled default: bedside nurse, charge nurse, ward physician (on-call schedule), rapid
     *     response team, intensive care (on-call schedule); critical escalates every few minutes, high more
     *     slowly, medium over an hour or more, low never; the chain repeats twice
     */
    public static EscalationChain defaults() {
        return Defaults.CHAIN;
    }

    /**
     * Reads a chain from JSON.
     *
     * @param json JSON in the form {@link #toJson()} writes
     * @return the chain, validated
     * @throws EscalationConfigException listing every problem, each with its JSON path and value
     */
    public static EscalationChain fromJson(String json) {
        return ChainJson.parse(Objects.requireNonNull(json, "json"));
    }

    /**
     * Reads a chain from UTF-8 JSON; does not close the stream.
     *
     * @param json UTF-8 JSON in the form {@link #toJson()} writes; not closed
     * @return the chain, validated
     * @throws EscalationConfigException listing every problem, each with its JSON path and value
     * @throws UncheckedIOException      if the stream cannot be read
     */
    public static EscalationChain fromJson(InputStream json) {
        try {
            return fromJson(new String(json.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the escalation policy", e);
        }
    }

    /**
     * This chain as indented JSON, in the form {@link #fromJson(String)} reads.
     *
     * @return this chain as indented JSON, in the form {@link #fromJson(String)} reads
     */
    public String toJson() {
        return ChainJson.write(this);
    }

    /**
     * A builder for a chain named {@code name}, with no repeat and no acknowledgement timeout.
     *
     * @param name a label kept with every snapshot; not blank
     * @return a builder for a chain named {@code name}, with no repeat and no acknowledgement timeout
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * A builder holding this chain, to derive a changed one.
     *
     * @return a builder holding this chain, to derive a changed one
     */
    public Builder toBuilder() {
        Builder b = new Builder(name).repeat(repeat);
        ackTimeouts.forEach(b::ackTimeout);
        reminders.forEach(b::remindEvery);
        notPaged.forEach((c, sev) -> sev.forEach(x -> b.notPaged(c, x)));
        levels.forEach(b::level);
        return b;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code level} is not 1 to {@code levels().size()} or
     *                                  {@code repeat} is not 0 to {@link #repeat()}
     */
    @Override
    public EscalationStep step(EscalationSubject subject, int level, int repeat) {
        Objects.requireNonNull(subject, "subject");
        if (level < 1 || level > levels.size()) {
            throw new IllegalArgumentException("chain " + name + " has levels 1 to " + levels.size() + ", not " + level);
        }
        if (repeat < 0 || repeat > this.repeat) {
            throw new IllegalArgumentException("chain " + name + " has repeats 0 to " + this.repeat + ", not " + repeat);
        }
        Level l = levels.get(level - 1);
        boolean last = level == levels.size();
        Optional<Duration> wait = Optional.ofNullable(l.waits.get(subject.severity()));
        if (last && repeat == this.repeat) {
            wait = Optional.empty();
        }
        return new EscalationStep(level, repeat, l.name, l.targets, l.channels, wait, last);
    }

    @Override
    public Optional<Duration> acknowledgementTimeout(EscalationSubject subject) {
        return Optional.ofNullable(ackTimeouts.get(subject.severity()));
    }

    @Override
    public Optional<Duration> reminderInterval(EscalationSubject subject) {
        return Optional.ofNullable(reminders.get(subject.severity()));
    }

    /** False for an alert whose category and severity are in {@link #notPaged()}: shown, not paged. */
    @Override
    public boolean pages(EscalationSubject alert) {
        Objects.requireNonNull(alert, "alert");
        return !notPaged.getOrDefault(alert.category(), Set.of()).contains(alert.severity());
    }

    static Map<Severity, Duration> copyDurations(Map<Severity, Duration> in, String what, long minMinutes) {
        Objects.requireNonNull(in, what);
        Map<Severity, Duration> out = new EnumMap<>(Severity.class);
        in.forEach((s, d) -> {
            Objects.requireNonNull(s, what + " severity");
            Objects.requireNonNull(d, what + " of " + s.wireName());
            if (d.isNegative() || d.toMinutes() < minMinutes || d.toMinutes() > MAX_MINUTES
                    || !d.equals(Duration.ofMinutes(d.toMinutes()))) {
                throw new IllegalArgumentException(what + " for " + s.wireName() + " must be whole minutes between "
                        + minMinutes + " and " + MAX_MINUTES + ", but was " + d);
            }
            out.put(s, d);
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * One level of the chain.
     *
     * @param name     a label ({@code "charge nurse"}); not blank
     * @param targets  whom to page, at least one; copied
     * @param channels the channel names to page on; empty for every contact point; copied
     * @param waits    how long to wait for an acknowledgement before the next level, by severity;
     *                 a missing severity stops escalating here; whole minutes, 0 allowed (the
     *                 next level is paged at once)
     */
    public record Level(String name, List<EscalationTarget> targets, List<String> channels,
                        Map<Severity, Duration> waits) {

        /**
         * Checks and copies every component.
         *
         * @param name a label ({@code "charge nurse"}); not blank
         * @param targets whom to page, at least one; copied
         * @param channels the channel names to page on; empty for every contact point; copied
         * @param waits how long to wait for an acknowledgement before the next level, by severity; a missing
         *     severity stops escalating here; whole minutes, 0 allowed (the next level is paged at once)
         */
        public Level {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("level name must not be blank");
            }
            targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("level " + name + " needs at least one target");
            }
            channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
            for (int i = 0; i < channels.size(); i++) {
                if (channels.get(i).isBlank() || channels.indexOf(channels.get(i)) != i) {
                    throw new IllegalArgumentException("level " + name
                            + ": channel names must be non-blank and distinct, but were " + channels);
                }
            }
            waits = copyDurations(waits, "level " + name + " wait", 0);
        }

        /**
         * A builder for a level named {@code name}.
         *
         * @param name a label ({@code "charge nurse"}); not blank
         * @return a builder for a level named {@code name}
         */
        public static Builder builder(String name) {
            return new Builder(name);
        }

        /** Builds a {@link Level}. */
        public static final class Builder {
            private final String name;
            private final List<EscalationTarget> targets = new ArrayList<>();
            private final List<String> channels = new ArrayList<>();
            private final Map<Severity, Duration> waits = new EnumMap<>(Severity.class);

            private Builder(String name) {
                this.name = name;
            }

            /**
             * Adds targets.
             *
             * @param more the people, roles or schedules to page
             * @return this builder
             */
            public Builder target(EscalationTarget... more) {
                targets.addAll(List.of(more));
                return this;
            }

            /**
             * Adds channels to page on.
             *
             * @param more channel names, as registered with the paging
             * @return this builder
             */
            public Builder channels(String... more) {
                channels.addAll(List.of(more));
                return this;
            }

            /**
             * At {@code severity}, the next level is paged {@code wait} after this one unless
             * somebody acknowledges; a severity never given a wait stops escalating here.
             *
             * @param severity the severity the wait applies to
             * @param wait the wait before the next level, whole minutes, 0 or more
             * @return this builder
             */
            public Builder escalateAfter(Severity severity, Duration wait) {
                waits.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(wait, "wait"));
                return this;
            }

            /**
             * The same wait at every severity.
             *
             * @param wait the wait before the next level, whole minutes, 0 or more
             * @return this builder
             */
            public Builder escalateAfter(Duration wait) {
                for (Severity s : Severity.values()) {
                    escalateAfter(s, wait);
                }
                return this;
            }

            /**
             * Builds the level.
             *
             * @return the level, immutable
             * @throws IllegalArgumentException naming what is invalid
             */
            public Level build() {
                return new Level(name, targets, channels, waits);
            }
        }
    }

    /** Builds an {@link EscalationChain}. */
    public static final class Builder {
        private final String name;
        private int repeat;
        private final Map<Severity, Duration> ackTimeouts = new EnumMap<>(Severity.class);
        private final Map<Severity, Duration> reminders = new EnumMap<>(Severity.class);
        private final List<Level> levels = new ArrayList<>();
        private final Map<Category, Set<Severity>> notPaged = new EnumMap<>(Category.class);

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Alerts of {@code category} at {@code severity} are shown, not paged; default: every alert pages.
         *
         * @param category clinical or technical
         * @param severity the severity shown but not paged
         * @return this builder
         * @since 0.2
         */
        public Builder notPaged(Category category, Severity severity) {
            notPaged.computeIfAbsent(Objects.requireNonNull(category, "category"), k -> java.util.EnumSet.noneOf(Severity.class))
                    .add(Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Alerts of {@code category} at {@code severity} page again.
         *
         * @param category clinical or technical
         * @param severity the severity
         * @return this builder
         * @since 0.2
         */
        public Builder paged(Category category, Severity severity) {
            Set<Severity> s = notPaged.get(Objects.requireNonNull(category, "category"));
            if (s != null) {
                s.remove(Objects.requireNonNull(severity, "severity"));
            }
            return this;
        }

        /**
         * Repeats of the chain after the first pass; default 0.
         *
         * @param repeat how many more times the chain runs after the first pass, 0 to {@value #MAX_REPEAT}
         * @return this builder
         */
        public Builder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        /**
         * The acknowledgement timeout at {@code severity}; default none.
         *
         * @param severity the severity the timeout applies to
         * @param timeout how long an acknowledgement holds before the alert pages again; positive
         * @return this builder
         */
        public Builder ackTimeout(Severity severity, Duration timeout) {
            ackTimeouts.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(timeout, "timeout"));
            return this;
        }

        /**
         * Removes the acknowledgement timeout at {@code severity}.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder noAckTimeout(Severity severity) {
            ackTimeouts.remove(Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * After the chain has run out unacknowledged, pages its last step again every
         * {@code interval} at {@code severity}; default none.
         *
         * @param severity the severity the reminder applies to
         * @param interval how often the last step is paged again; positive
         * @return this builder
         */
        public Builder remindEvery(Severity severity, Duration interval) {
            reminders.put(Objects.requireNonNull(severity, "severity"), Objects.requireNonNull(interval, "interval"));
            return this;
        }

        /**
         * Removes the reminder at {@code severity}.
         *
         * @param severity the severity
         * @return this builder
         */
        public Builder noReminder(Severity severity) {
            reminders.remove(Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Appends a level.
         *
         * @param level the level to page after the current last one
         * @return this builder
         */
        public Builder level(Level level) {
            levels.add(Objects.requireNonNull(level, "level"));
            return this;
        }

        /**
         * Replaces level {@code number} (from 1).
         *
         * @param number the level's number, 1 to the number of levels
         * @param level the new level
         * @return this builder
         */
        public Builder level(int number, Level level) {
            levels.set(number - 1, Objects.requireNonNull(level, "level"));
            return this;
        }

        /**
         * Builds the chain.
         *
         * @return the chain, immutable
         * @throws IllegalArgumentException naming what is invalid
         */
        public EscalationChain build() {
            return new EscalationChain(name, repeat, ackTimeouts, levels, reminders, notPaged);
        }
    }

    /** Loaded on first use, so a broken resource fails where it is asked for, with its problems. */
    private static final class Defaults {
        static final EscalationChain CHAIN = load();

        private static EscalationChain load() {
            try (InputStream in = EscalationChain.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
                }
                return fromJson(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
