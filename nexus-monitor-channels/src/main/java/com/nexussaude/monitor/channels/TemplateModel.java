package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a template sees, built from a notification after its {@link
 * com.nexussaude.monitor.notify.PrivacyPolicy} was applied (so a dropped field is simply absent).
 *
 * <p>The original product's variables: {@code patient_id}, {@code severity}, {@code message},
 * {@code timestamp}, {@code dashboard_url}. Added: {@code alert_id}, {@code incident_id},
 * {@code patient_name} (only if the policy includes it), {@code ward}, {@code bed},
 * {@code location} ("bed 12, ward-3"), {@code rule}, {@code category}, {@code event},
 * {@code level}, {@code severity_label} ("CRITICAL"), {@code title} (one line, at most 150
 * characters), {@code page_text} (one line saying what, where and who first:
 * "CRITICAL bed 12 (cardiology) patient bed-12: SpO2 84 % below 85", the default SMS), {@code evidence} (a list of {@code name}/{@code value}/{@code last}),
 * {@code has_evidence}, {@code recipient_id}, {@code recipient_name}, {@code color} (hex, by
 * severity) and {@code teams_color} (an Adaptive Card colour). Absent values are null, so
 * {@code {{#bed}}…{{/bed}}} renders only when there is a bed.
 */
final class TemplateModel {

    /** Slack's header block limit, which also keeps e-mail subjects and push titles short. */
    static final int MAX_TITLE = 150;

    private TemplateModel() {
    }

    static Map<String, Object> of(Notification n, String dashboardUrl) {
        Map<String, Object> m = new HashMap<>();
        m.put("alert_id", n.alertId());
        m.put("incident_id", n.incidentId());
        m.put("patient_id", n.patientId());
        m.put("patient_name", n.patientName());
        m.put("ward", n.ward());
        m.put("bed", n.bed());
        m.put("location", location(n));
        m.put("rule", n.ruleId());
        m.put("severity", n.severity().wireName());
        m.put("severity_label", n.severity().name());
        m.put("category", n.category().wireName());
        m.put("event", n.event().wireName());
        m.put("level", Integer.toString(n.escalationLevel()));
        m.put("timestamp", n.timestamp().toString());
        m.put("message", n.message().isEmpty() ? null : n.message());
        m.put("title", title(n));
        m.put("page_text", pageText(n));
        List<Map<String, Object>> evidence = new ArrayList<>();
        int i = 0;
        for (var e : n.evidence().entrySet()) {
            i++;
            evidence.add(Map.of("name", e.getKey(), "value", e.getValue(), "last", i == n.evidence().size()));
        }
        m.put("evidence", evidence);
        m.put("has_evidence", !evidence.isEmpty());
        m.put("recipient_id", n.recipient().id());
        m.put("recipient_name", n.recipient().name().isEmpty() ? null : n.recipient().name());
        m.put("dashboard_url", dashboardUrl);
        m.put("color", color(n.severity()));
        m.put("teams_color", teamsColor(n.severity()));
        return m;
    }

    /** "bed 12, ward-3", or whichever of the two is known, or null. */
    static String location(Notification n) {
        if (n.bed() != null && n.ward() != null) {
            return "bed " + n.bed() + ", " + n.ward();
        }
        if (n.bed() != null) {
            return "bed " + n.bed();
        }
        return n.ward();
    }

    /** One line saying what happened, at most {@link #MAX_TITLE} characters. */
    static String title(Notification n) {
        String what = n.message().isEmpty() ? n.ruleId() + " alert" : n.message();
        String t = (prefix(n) + ": " + what).replaceAll("\\s+", " ").trim();
        return Text.truncate(t, MAX_TITLE);
    }

    /**
     * The page in one line, where before what, so that a cut never loses the bed: "CRITICAL bed 12
     * (cardiology) patient bed-12: SpO2 84 % below 85". The bed, ward and patient id are there
     * whenever the privacy policy kept them (the default keeps all three; only the name is dropped).
     */
    static String pageText(Notification n) {
        StringBuilder b = new StringBuilder(prefix(n));
        if (n.bed() != null) {
            b.append(" bed ").append(n.bed());
            if (n.ward() != null) {
                b.append(" (").append(n.ward()).append(')');
            }
        } else if (n.ward() != null) {
            b.append(' ').append(n.ward());
        }
        b.append(" patient ").append(n.patientId());
        if (n.patientName() != null) {
            b.append(" (").append(n.patientName()).append(')');
        }
        b.append(": ").append(n.message().isEmpty() ? n.ruleId() + " alert" : n.message());
        return Text.oneLine(b.toString());
    }

    private static String prefix(Notification n) {
        return switch (n.event()) {
            case ESCALATED -> n.severity().name() + " escalated to level " + n.escalationLevel();
            case ACKNOWLEDGED -> "Acknowledged";
            case RESOLVED -> "Resolved";
            case SEVERITY_CHANGED -> n.severity().name() + " (severity changed)";
            default -> n.severity().name();
        };
    }

    static boolean isUrgent(Severity s) {
        return s.compareTo(Severity.HIGH) >= 0;
    }

    private static String color(Severity s) {
        return switch (s) {
            case CRITICAL -> "#b00020";
            case HIGH -> "#e65100";
            case MEDIUM -> "#f9a825";
            default -> "#1565c0";
        };
    }

    private static String teamsColor(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "Attention";
            case MEDIUM -> "Warning";
            default -> "Default";
        };
    }

    static String eventLabel(EventKind k) {
        String w = k.wireName().replace('_', ' ');
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }
}
