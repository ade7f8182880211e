package com.nexussaude.monitor.escalation;

import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import java.util.List;
import java.util.Objects;

/**
 * What a call to the {@link Escalator} decided: the pages to send now, in time order, and the
 * targets that could not be paged.
 *
 * @param pages the pages, ordered by due time, then by incident, then level and recipient as the
 *              policy lists them
 * @param gaps  targets nobody could be paged for; the host should raise a technical alert for
 *              each (an escalation went on without them)
 * @since 0.1
 */
public record EscalationOutcome(List<EscalationPage> pages, List<CoverageGap> gaps) {

    private static final EscalationOutcome EMPTY = new EscalationOutcome(List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param pages the pages, ordered by due time, then by incident, then level and recipient as the policy
     *     lists them
     * @param gaps targets nobody could be paged for; the host should raise a technical alert for each (an
     *     escalation went on without them)
     */
    public EscalationOutcome {
        pages = List.copyOf(Objects.requireNonNull(pages, "pages"));
        gaps = List.copyOf(Objects.requireNonNull(gaps, "gaps"));
    }

    /**
     * Nothing to send and nothing to report.
     *
     * @return an outcome with nothing to send and nothing to report
     */
    public static EscalationOutcome empty() {
        return EMPTY;
    }

    /**
     * The notifications of {@link #pages()}, in the same order.
     *
     * @return the notifications of {@link #pages()}, in the same order
     */
    public List<Notification> notifications() {
        return pages.stream().map(EscalationPage::notification).toList();
    }

    /**
     * True if there is nothing to send and nothing to report.
     *
     * @return true if there is nothing to send and nothing to report
     */
    public boolean isEmpty() {
        return pages.isEmpty() && gaps.isEmpty();
    }
}
