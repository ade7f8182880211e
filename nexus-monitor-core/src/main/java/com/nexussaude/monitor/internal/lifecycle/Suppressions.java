package com.nexussaude.monitor.internal.lifecycle;

import com.nexussaude.monitor.InhibitionRule;
import com.nexussaude.monitor.Silence;
import com.nexussaude.monitor.Suppression;
import com.nexussaude.monitor.notify.Severity;
import java.util.List;
import java.util.function.Function;

/**
 * Whether an alert is suppressed, and why: a silence in force that matches it comes first, then an
 * inhibition rule with an active source alert of the same patient. {@link AlertBook} asks it whenever
 * something that could change the answer happens, and records and announces the change itself.
 */
final class Suppressions {
    private final Silences silences;
    private final List<InhibitionRule> inhibitions;
    private final Function<String, String> wardOf;

    Suppressions(Silences silences, List<InhibitionRule> inhibitions, Function<String, String> wardOf) {
        this.silences = silences;
        this.inhibitions = inhibitions;
        this.wardOf = wardOf;
    }

    /**
     * Whether {@code e} matches the source of an inhibition rule, at its severity or at {@code otherSeverity}
     * (null: only its own): whether it can inhibit another alert of its patient.
     */
    boolean couldInhibit(AlertEntry e, Severity otherSeverity) {
        for (InhibitionRule r : inhibitions) {
            if (r.source().matches(e.key.ruleId(), e.keyText(), e.category, e.severity)
                    || otherSeverity != null && r.source().matches(e.key.ruleId(), e.keyText(), e.category, otherSeverity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The suppression of an alert at {@code now}, or null when nothing suppresses it.
     *
     * @param patientsActive the patient's active alerts, the possible sources of an inhibition
     */
    Suppression of(AlertEntry e, long now, List<AlertEntry> patientsActive) {
        Silence s = silences.silencing(e, now, wardOf);
        if (s != null) {
            return new Suppression(Suppression.Kind.SILENCE, s.silenceId(), null,
                    "silenced by " + s.silenceId() + " (" + s.createdBy() + ": " + s.comment() + ")");
        }
        for (InhibitionRule r : inhibitions) {
            if (!r.target().matches(e.key.ruleId(), e.keyText(), e.category, e.severity)) {
                continue;
            }
            for (AlertEntry src : patientsActive) {
                if (src != e && r.source().matches(src.key.ruleId(), src.keyText(), src.category, src.severity)
                        && (!r.sameKey() || src.keyText().equals(e.keyText()))
                        && (!r.onlyLowerSeverity() || src.severity.isAbove(e.severity))) {
                    return new Suppression(Suppression.Kind.INHIBITION, r.name(), src.alertId,
                            "inhibited by " + src.alertId + " (" + src.key.ruleId() + " " + src.severity.wireName()
                                    + ") under " + r.name());
                }
            }
        }
        return null;
    }
}
