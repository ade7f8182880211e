package com.nexussaude.monitor;

import com.nexussaude.monitor.notify.Category;
import com.nexussaude.monitor.notify.Severity;
import java.util.List;
import java.util.Objects;

/**
 * While an active alert matching {@code source} exists for a patient, that patient's active alerts
 * matching {@code target} are inhibited: recorded with the reason, not notified. Like Alertmanager's
 * inhibit rules, scoped to one patient. When the source resolves, the targets still active are
 * notified ({@link AlertEventType#UNSUPPRESSED}).
 *
 * @param name              names the rule in suppressions and the journal
 * @param source            the alerts that inhibit
 * @param target            the alerts they inhibit (an alert never inhibits itself)
 * @param sameKey           the target must have the source's key (e.g. the same vital)
 * @param onlyLowerSeverity the target must be less severe than the source
 * @since 0.1
 */
public record InhibitionRule(String name, AlertMatcher source, AlertMatcher target, boolean sameKey,
                             boolean onlyLowerSeverity) {

    /**
     * A lost signal explains the clinical alerts on that parameter: a signal-loss alert inhibits the
     * patient's physiological alerts with the same key (the vital).
     */
    public static final InhibitionRule SIGNAL_LOSS_INHIBITS_CLINICAL = new InhibitionRule(
            "signal-loss-inhibits-clinical", AlertMatcher.rules("signal-loss"),
            AlertMatcher.any().withCategories(Category.PHYSIOLOGICAL), true, false);

    /**
     * A NEWS2 alert at urgent or emergency response (severity high or critical) already calls for a
     * clinician; the patient's less severe single-parameter (threshold) alerts add noise to it.
     */
    public static final InhibitionRule NEWS2_INHIBITS_LOWER_SINGLE_PARAMETER = new InhibitionRule(
            "news2-inhibits-lower-single-parameter", AlertMatcher.rules("news2").atLeast(Severity.HIGH),
            AlertMatcher.rules("threshold"), false, true);

    /** The default inhibition rules. */
    public static final List<InhibitionRule> DEFAULTS = List.of(SIGNAL_LOSS_INHIBITS_CLINICAL,
            NEWS2_INHIBITS_LOWER_SINGLE_PARAMETER);

    /**
     * Checks that no component is null.
     *
     * @param name names the rule in suppressions and the journal
     * @param source the alerts that inhibit
     * @param target the alerts they inhibit (an alert never inhibits itself)
     * @param sameKey the target must have the source's key (e.g. the same vital)
     * @param onlyLowerSeverity the target must be less severe than the source
     */
    public InhibitionRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }

    /**
     * True if {@code source} inhibits {@code target} under this rule (same patient, both active).
     *
     * @param source the alerts that inhibit
     * @param target the alerts they inhibit (an alert never inhibits itself)
     * @return true if {@code source} inhibits {@code target} under this rule (same patient, both active)
     */
    public boolean inhibits(Alert source, Alert target) {
        return !source.alertId().equals(target.alertId())
                && source.patientId().equals(target.patientId())
                && source.isActive() && target.isActive()
                && this.source.matches(source)
                && this.target.matches(target)
                && (!sameKey || source.key().equals(target.key()))
                && (!onlyLowerSeverity || source.severity().isAbove(target.severity()));
    }
}
