package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import com.nexussaude.monitor.notify.escalation.EscalationStep;
import com.nexussaude.monitor.notify.escalation.EscalationSubject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable state of one incident's escalation. Only the {@link Escalator} touches it, under its
 * lock; {@link #index} always points into the chain of the subject's current severity.
 */
final class Escalation {

    /** The version of the exported form; bumped on any incompatible change. */
    static final int FORMAT = 1;

    private static final List<String> FIELDS = List.of("format", "incident_id", "subject", "policy", "state", "round",
            "step_index", "level", "repeat", "paged_at", "next_due", "acknowledged_at", "level_1_severity", "restart_pending", "catch_up_level", "catch_up_due");
    private static final List<String> SUBJECT_FIELDS = List.of("incident_id", "alert_id", "patient_id", "patient_name",
            "ward", "bed", "rule_id", "severity", "category", "headline", "opened_at");

    EscalationSubject subject;
    final PolicySnapshot policy;
    EscalationStatus.State state;
    int round;
    int index;
    Instant pagedAt;
    Instant nextDue;
    Instant acknowledgedAt;
    /** The severity level 1 (the bedside nurse) was last paged with; a rise above it pages level 1 again. */
    Severity level1Severity;
    /** A rise above {@link #level1Severity}: the next {@code advance} pages level 1 in a new round. */
    boolean restartPending;
    /**
     * After a restart: the level the old chain would have paged next, and when; levels up to it are paged no
     * later than that. 0 and null when no catch-up is running.
     */
    int catchUpLevel;
    Instant catchUpDue;

    Escalation(EscalationSubject subject, PolicySnapshot policy) {
        this.subject = subject;
        this.policy = policy;
        this.level1Severity = subject.severity();
    }

    String incidentId() {
        return subject.incidentId();
    }

    List<EscalationStep> chain() {
        return policy.chain(subject.severity());
    }

    EscalationStep current() {
        return chain().get(index);
    }

    EscalationStatus status() {
        EscalationStep step = current();
        return new EscalationStatus(incidentId(), state, subject.severity(), step.level(), step.repeat(), round, pagedAt,
                java.util.Optional.ofNullable(nextDue), java.util.Optional.ofNullable(acknowledgedAt), policy.name());
    }

    /** The exported form: JSON-shaped maps, lists, strings, numbers, booleans and nulls. */
    Map<String, Object> toMap() {
        EscalationStep step = current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("incident_id", incidentId());
        m.put("subject", subjectMap(subject));
        m.put("policy", policy.toMap());
        m.put("state", state.wireName());
        m.put("round", round);
        m.put("step_index", index);
        // Level and repeat are implied by the index; they are written for people reading the
        // export and checked on restore.
        m.put("level", step.level());
        m.put("repeat", step.repeat());
        m.put("paged_at", pagedAt.toString());
        m.put("next_due", nextDue == null ? null : nextDue.toString());
        m.put("acknowledged_at", acknowledgedAt == null ? null : acknowledgedAt.toString());
        m.put("level_1_severity", level1Severity.wireName());
        m.put("restart_pending", restartPending);
        m.put("catch_up_level", catchUpLevel);
        m.put("catch_up_due", catchUpDue == null ? null : catchUpDue.toString());
        return m;
    }

    private static Map<String, Object> subjectMap(EscalationSubject s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", s.incidentId());
        m.put("alert_id", s.alertId());
        m.put("patient_id", s.patientId());
        m.put("patient_name", s.patientName());
        m.put("ward", s.ward());
        m.put("bed", s.bed());
        m.put("rule_id", s.ruleId());
        m.put("severity", s.severity().wireName());
        m.put("category", s.category().wireName());
        m.put("headline", s.headline());
        m.put("opened_at", s.openedAt().toString());
        return m;
    }

    /** Reads {@link #toMap()}'s form; null if there were problems (they are in {@code t}). */
    static Escalation fromMap(Tree t, Object raw, String path) {
        Map<String, Object> m = t.object(raw, path);
        if (m == null) {
            return null;
        }
        int before = t.count();
        t.onlyFields(m, path, FIELDS);
        Integer format = t.integer(m.get("format"), Tree.field(path, "format"), FORMAT, FORMAT);
        if (format == null) {
            return null; // another format: the rest cannot be read as this one
        }
        String incidentId = t.text(m.get("incident_id"), Tree.field(path, "incident_id"));
        EscalationSubject subject = subject(t, m.get("subject"), Tree.field(path, "subject"));
        if (subject != null && incidentId != null && !subject.incidentId().equals(incidentId)) {
            t.problem(Tree.field(path, "subject.incident_id"), "must equal incident_id " + Tree.show(incidentId)
                    + ", but was " + Tree.show(subject.incidentId()));
        }
        PolicySnapshot policy = PolicySnapshot.fromMap(t, m.get("policy"), Tree.field(path, "policy"));
        String state = t.oneOf(m.get("state"), Tree.field(path, "state"), Set.of("escalating", "acknowledged", "exhausted"));
        Integer round = t.integer(m.get("round"), Tree.field(path, "round"), 0, Integer.MAX_VALUE);
        Integer index = t.integer(m.get("step_index"), Tree.field(path, "step_index"), 0, PolicySnapshot.MAX_STEPS - 1L);
        Integer level = t.integer(m.get("level"), Tree.field(path, "level"), 1, Integer.MAX_VALUE);
        Integer repeat = t.integer(m.get("repeat"), Tree.field(path, "repeat"), 0, Integer.MAX_VALUE);
        Instant pagedAt = t.instant(m.get("paged_at"), Tree.field(path, "paged_at"));
        Instant nextDue = t.optionalInstant(m.get("next_due"), Tree.field(path, "next_due"));
        Instant ackedAt = t.optionalInstant(m.get("acknowledged_at"), Tree.field(path, "acknowledged_at"));
        // Both absent in exports written before they existed: level 1 heard the current severity, no restart.
        Severity level1 = m.get("level_1_severity") == null ? null
                : t.severity(m.get("level_1_severity"), Tree.field(path, "level_1_severity"));
        Boolean restart = m.get("restart_pending") == null ? Boolean.FALSE
                : t.bool(m.get("restart_pending"), Tree.field(path, "restart_pending"));
        Integer catchUpLevel = m.get("catch_up_level") == null ? Integer.valueOf(0)
                : t.integer(m.get("catch_up_level"), Tree.field(path, "catch_up_level"), 0, Integer.MAX_VALUE);
        Instant catchUpDue = t.optionalInstant(m.get("catch_up_due"), Tree.field(path, "catch_up_due"));
        if (t.count() != before) {
            return null;
        }
        Escalation e = new Escalation(subject, policy);
        e.state = EscalationStatus.State.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        e.round = round;
        e.pagedAt = pagedAt;
        e.nextDue = nextDue;
        e.acknowledgedAt = ackedAt;
        if (level1 != null) {
            e.level1Severity = level1;
        }
        e.restartPending = restart;
        e.catchUpLevel = catchUpLevel;
        e.catchUpDue = catchUpDue;
        List<EscalationStep> chain = e.chain();
        if (index >= chain.size()) {
            t.problem(Tree.field(path, "step_index"), "must be below " + chain.size() + " (the " + subject.severity().wireName()
                    + " chain's length), but was " + index);
            return null;
        }
        e.index = index;
        EscalationStep step = chain.get(index);
        if (step.level() != level || step.repeat() != repeat) {
            t.problem(Tree.field(path, "level"), "must match step_index " + index + " (level " + step.level() + ", repeat "
                    + step.repeat() + "), but was level " + level + ", repeat " + repeat);
            return null;
        }
        if ((e.state == EscalationStatus.State.ACKNOWLEDGED) != (ackedAt != null)) {
            t.problem(Tree.field(path, "acknowledged_at"), "must be set exactly when state is acknowledged, but was "
                    + Tree.show(m.get("acknowledged_at")) + " with state " + Tree.show(state));
            return null;
        }
        if (e.state == EscalationStatus.State.ESCALATING && (nextDue == null || (!step.hasNext() && !e.restartPending))) {
            t.problem(Tree.field(path, "next_due"), "an escalating escalation must have a next step and a due time, but was "
                    + Tree.show(m.get("next_due")));
            return null;
        }
        if (e.state == EscalationStatus.State.EXHAUSTED && nextDue != null && policy.reminder(subject.severity()).isEmpty()) {
            t.problem(Tree.field(path, "next_due"), "an exhausted escalation without reminders has nothing due, but was "
                    + Tree.show(m.get("next_due")));
            return null;
        }
        return e;
    }

    private static EscalationSubject subject(Tree t, Object raw, String path) {
        Map<String, Object> m = t.object(raw, path);
        if (m == null) {
            return null;
        }
        int before = t.count();
        t.onlyFields(m, path, SUBJECT_FIELDS);
        EscalationSubject.Builder b = EscalationSubject.builder()
                .incidentId(t.text(m.get("incident_id"), Tree.field(path, "incident_id")))
                .alertId(t.text(m.get("alert_id"), Tree.field(path, "alert_id")))
                .patientId(t.text(m.get("patient_id"), Tree.field(path, "patient_id")))
                .patientName(t.optionalText(m.get("patient_name"), Tree.field(path, "patient_name")))
                .ward(t.optionalText(m.get("ward"), Tree.field(path, "ward")))
                .bed(t.optionalText(m.get("bed"), Tree.field(path, "bed")))
                .ruleId(t.text(m.get("rule_id"), Tree.field(path, "rule_id")))
                .severity(t.severity(m.get("severity"), Tree.field(path, "severity")))
                .openedAt(t.instant(m.get("opened_at"), Tree.field(path, "opened_at")));
        String category = t.oneOf(m.get("category"), Tree.field(path, "category"), Set.of("physiological", "technical"));
        Object headline = m.get("headline");
        if (!(headline instanceof String)) {
            t.problem(Tree.field(path, "headline"), "must be a string, but was " + Tree.show(headline));
        }
        if (t.count() != before) {
            return null;
        }
        return b.category(Category.fromWireName(category)).headline((String) headline).build();
    }
}
