package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationPolicy;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import com.nexussaude.monitor.notify.escalation.EscalationTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy as it was when an incident started, written out step by step for every severity.
 *
 * <p>Walking the policy once, for all four severities, is what makes the snapshot independent of
 * the policy object: a host may replace its policy, or even mutate it, and a running escalation
 * keeps the steps it started with (later changes apply only to new incidents). All four severities
 * are taken because the incident's severity may change while it escalates. It also makes the
 * snapshot plain data, so that it can be exported and restored whatever the policy's class.
 */
final class PolicySnapshot {

    /** Longest chain accepted per severity: 10 levels times 21 passes is well inside it. */
    static final int MAX_STEPS = 1000;

    private static final List<String> FIELDS = List.of("name", "ack_timeouts", "reminders", "steps", "chains");
    private static final List<String> STEP_FIELDS =
            List.of("level", "name", "targets", "channels", "wait", "last_level");

    private final String name;
    private final Map<Severity, List<EscalationStep>> chains;
    private final Map<Severity, Duration> ackTimeouts;
    private final Map<Severity, Duration> reminders;

    private PolicySnapshot(String name, Map<Severity, List<EscalationStep>> chains, Map<Severity, Duration> ackTimeouts,
                           Map<Severity, Duration> reminders) {
        this.name = name;
        this.chains = chains;
        this.ackTimeouts = ackTimeouts;
        this.reminders = reminders;
    }

    /**
     * Walks {@code policy} for {@code subject} at every severity.
     *
     * @throws IllegalArgumentException if the policy breaks its contract (a step for another
     *                                  level, a chain that never ends, a negative timeout)
     */
    static PolicySnapshot take(EscalationPolicy policy, EscalationSubject subject) {
        Objects.requireNonNull(policy, "policy");
        String name = Objects.requireNonNull(policy.name(), "policy name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("policy " + policy.getClass().getName() + " has a blank name");
        }
        Map<Severity, List<EscalationStep>> chains = new EnumMap<>(Severity.class);
        Map<Severity, Duration> acks = new EnumMap<>(Severity.class);
        Map<Severity, Duration> reminders = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            EscalationSubject at = subject.withSeverity(s);
            List<EscalationStep> steps = new ArrayList<>();
            int level = 1;
            int repeat = 0;
            while (true) {
                EscalationStep step = policy.step(at, level, repeat);
                if (step == null || step.level() != level || step.repeat() != repeat) {
                    throw new IllegalArgumentException("policy " + name + " returned " + describe(step)
                            + " when asked for level " + level + " of repeat " + repeat + " at " + s.wireName());
                }
                steps.add(step);
                if (!step.hasNext()) {
                    break;
                }
                if (steps.size() >= MAX_STEPS) {
                    throw new IllegalArgumentException("policy " + name + " does not end at " + s.wireName()
                            + ": more than " + MAX_STEPS + " steps");
                }
                level = step.nextLevel();
                repeat = step.nextRepeat();
            }
            chains.put(s, List.copyOf(steps));
            Optional<Duration> ack = Objects.requireNonNull(policy.acknowledgementTimeout(at), "acknowledgementTimeout");
            if (ack.isPresent()) {
                if (ack.get().isNegative() || ack.get().isZero()) {
                    throw new IllegalArgumentException("policy " + name + " has acknowledgement timeout " + ack.get()
                            + " at " + s.wireName() + "; it must be positive");
                }
                acks.put(s, ack.get());
            }
            Optional<Duration> remind = Objects.requireNonNull(policy.reminderInterval(at), "reminderInterval");
            if (remind.isPresent()) {
                if (remind.get().isNegative() || remind.get().isZero()) {
                    throw new IllegalArgumentException("policy " + name + " has reminder interval " + remind.get()
                            + " at " + s.wireName() + "; it must be positive");
                }
                reminders.put(s, remind.get());
            }
        }
        return new PolicySnapshot(name, Collections.unmodifiableMap(chains), Collections.unmodifiableMap(acks),
                Collections.unmodifiableMap(reminders));
    }

    private static String describe(EscalationStep step) {
        return step == null ? "null" : "level " + step.level() + " of repeat " + step.repeat();
    }

    String name() {
        return name;
    }

    List<EscalationStep> chain(Severity severity) {
        return chains.get(severity);
    }

    Optional<Duration> ackTimeout(Severity severity) {
        return Optional.ofNullable(ackTimeouts.get(severity));
    }

    /** How often an exhausted, unacknowledged escalation at {@code severity} pages its last step again. */
    Optional<Duration> reminder(Severity severity) {
        return Optional.ofNullable(reminders.get(severity));
    }

    /** The index of {@code (level, repeat)} in the chain of {@code severity}, or -1. */
    int indexOf(Severity severity, int level, int repeat) {
        List<EscalationStep> chain = chains.get(severity);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).level() == level && chain.get(i).repeat() == repeat) {
                return i;
            }
        }
        return -1;
    }

    /**
     * JSON-shaped form; durations are ISO-8601 strings ({@code "PT2M"}), exact for any policy. A
     * step's repeat is not written: it follows from the chain's order (the SPI fixes what follows
     * a step), so identical levels of different passes are stored once and a chain is a list of
     * indices into {@code steps}.
     */
    Map<String, Object> toMap() {
        List<StepContent> contents = new ArrayList<>();
        Map<String, Object> chainMap = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            List<Object> indices = new ArrayList<>();
            for (EscalationStep step : chains.get(s)) {
                StepContent c = StepContent.of(step);
                int i = contents.indexOf(c);
                if (i < 0) {
                    i = contents.size();
                    contents.add(c);
                }
                indices.add(i);
            }
            chainMap.put(s.wireName(), indices);
        }
        Map<String, Object> acks = new LinkedHashMap<>();
        ackTimeouts.forEach((s, d) -> acks.put(s.wireName(), d.toString()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("ack_timeouts", acks);
        if (!reminders.isEmpty()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            reminders.forEach((s, d) -> rm.put(s.wireName(), d.toString()));
            m.put("reminders", rm);
        }
        m.put("steps", contents.stream().map(StepContent::toMap).toList());
        m.put("chains", chainMap);
        return m;
    }

    /** Reads {@link #toMap()}'s form; null if there were problems (they are in {@code t}). */
    static PolicySnapshot fromMap(Tree t, Object raw, String path) {
        Map<String, Object> m = t.object(raw, path);
        if (m == null) {
            return null;
        }
        int before = t.count();
        t.onlyFields(m, path, FIELDS);
        String name = t.text(m.get("name"), Tree.field(path, "name"));
        Map<Severity, Duration> acks = new EnumMap<>(Severity.class);
        String acksPath = Tree.field(path, "ack_timeouts");
        Map<String, Object> rawAcks = t.object(m.get("ack_timeouts"), acksPath);
        if (rawAcks != null) {
            rawAcks.forEach((k, v) -> {
                Severity s = t.severity(k, acksPath);
                Duration d = t.duration(v, Tree.field(acksPath, k), false);
                if (s != null && d != null) {
                    acks.put(s, d);
                }
            });
        }
        // Absent in exports written before reminders existed: no reminders.
        Map<Severity, Duration> reminders = new EnumMap<>(Severity.class);
        if (m.get("reminders") != null) {
            String remindersPath = Tree.field(path, "reminders");
            Map<String, Object> rawReminders = t.object(m.get("reminders"), remindersPath);
            if (rawReminders != null) {
                rawReminders.forEach((k, v) -> {
                    Severity s = t.severity(k, remindersPath);
                    Duration d = t.duration(v, Tree.field(remindersPath, k), false);
                    if (s != null && d != null) {
                        reminders.put(s, d);
                    }
                });
            }
        }
        List<StepContent> contents = new ArrayList<>();
        String stepsPath = Tree.field(path, "steps");
        List<?> rawSteps = t.array(m.get("steps"), stepsPath);
        if (rawSteps != null) {
            for (int i = 0; i < rawSteps.size(); i++) {
                contents.add(StepContent.fromMap(t, rawSteps.get(i), Tree.index(stepsPath, i)));
            }
        }
        Map<Severity, List<EscalationStep>> chains = new EnumMap<>(Severity.class);
        String chainsPath = Tree.field(path, "chains");
        Map<String, Object> rawChains = t.object(m.get("chains"), chainsPath);
        if (rawChains != null && t.count() == before) {
            t.onlyFields(rawChains, chainsPath, List.of("low", "medium", "high", "critical"));
            for (Severity s : Severity.values()) {
                List<EscalationStep> chain = chain(t, rawChains.get(s.wireName()),
                        Tree.field(chainsPath, s.wireName()), contents);
                if (chain != null) {
                    chains.put(s, chain);
                }
            }
        }
        if (t.count() != before) {
            return null;
        }
        return new PolicySnapshot(name, Collections.unmodifiableMap(chains), Collections.unmodifiableMap(acks),
                Collections.unmodifiableMap(reminders));
    }

    private static List<EscalationStep> chain(Tree t, Object raw, String path, List<StepContent> contents) {
        List<?> indices = t.array(raw, path);
        if (indices == null) {
            return null;
        }
        if (indices.isEmpty() || indices.size() > MAX_STEPS) {
            t.problem(path, "must list 1 to " + MAX_STEPS + " steps, but had " + indices.size());
            return null;
        }
        List<EscalationStep> steps = new ArrayList<>();
        int level = 1;
        int repeat = 0;
        for (int i = 0; i < indices.size(); i++) {
            String p = Tree.index(path, i);
            Integer index = t.integer(indices.get(i), p, 0, contents.size() - 1L);
            if (index == null) {
                return null;
            }
            StepContent c = contents.get(index);
            boolean last = i == indices.size() - 1;
            if (c.level != level) {
                t.problem(p, "must be a step of level " + level + " (the SPI's order), but was " + index
                        + " (level " + c.level + ")");
                return null;
            }
            if ((c.waitTime == null) != last) {
                t.problem(p, (last ? "the last step must have no wait" : "only the last step may have no wait")
                        + ", but was " + index);
                return null;
            }
            EscalationStep step = new EscalationStep(c.level, repeat, c.name, c.targets, c.channels,
                    Optional.ofNullable(c.waitTime), c.lastLevel);
            steps.add(step);
            level = step.nextLevel();
            repeat = step.nextRepeat();
        }
        return List.copyOf(steps);
    }

    /** A step without its repeat: what is stored once however many passes use it. */
    private record StepContent(int level, String name, List<EscalationTarget> targets, List<String> channels,
                               Duration waitTime, boolean lastLevel) {

        static StepContent of(EscalationStep s) {
            return new StepContent(s.level(), s.name(), s.targets(), s.channels(), s.waitBeforeNext().orElse(null),
                    s.lastLevel());
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level);
            m.put("name", name);
            m.put("targets", targets.stream().map(x -> Map.of(x.kind().wireName(), x.id())).toList());
            m.put("channels", channels);
            m.put("wait", waitTime == null ? null : waitTime.toString());
            m.put("last_level", lastLevel);
            return m;
        }

        static StepContent fromMap(Tree t, Object raw, String path) {
            Map<String, Object> m = t.object(raw, path);
            if (m == null) {
                return null;
            }
            int before = t.count();
            t.onlyFields(m, path, STEP_FIELDS);
            Integer level = t.integer(m.get("level"), Tree.field(path, "level"), 1, Integer.MAX_VALUE);
            String name = m.get("name") == null ? "" : t.optionalText(m.get("name"), Tree.field(path, "name"));
            List<EscalationTarget> targets = new ArrayList<>();
            String targetsPath = Tree.field(path, "targets");
            List<?> rawTargets = t.array(m.get("targets"), targetsPath);
            if (rawTargets != null) {
                for (int i = 0; i < rawTargets.size(); i++) {
                    String p = Tree.index(targetsPath, i);
                    Map<String, Object> tm = t.object(rawTargets.get(i), p);
                    if (tm == null) {
                        continue;
                    }
                    if (tm.size() != 1 || !List.of("person", "role", "schedule").contains(tm.keySet().iterator().next())) {
                        t.problem(p, "must name exactly one of person|role|schedule, but was " + Tree.show(tm));
                        continue;
                    }
                    String kind = tm.keySet().iterator().next();
                    String id = t.text(tm.get(kind), Tree.field(p, kind));
                    if (id != null) {
                        targets.add(EscalationTarget.of(EscalationTarget.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), id));
                    }
                }
            }
            List<String> channels = new ArrayList<>();
            String channelsPath = Tree.field(path, "channels");
            List<?> rawChannels = t.array(m.get("channels"), channelsPath);
            if (rawChannels != null) {
                for (int i = 0; i < rawChannels.size(); i++) {
                    String c = t.text(rawChannels.get(i), Tree.index(channelsPath, i));
                    if (c != null) {
                        channels.add(c);
                    }
                }
            }
            Duration wait = m.get("wait") == null ? null : t.duration(m.get("wait"), Tree.field(path, "wait"), true);
            Boolean last = t.bool(m.get("last_level"), Tree.field(path, "last_level"));
            if (t.count() != before) {
                return null;
            }
            return new StepContent(level, name, List.copyOf(targets), List.copyOf(channels), wait, last);
        }
    }
}
