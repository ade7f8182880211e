package com.nexussaude.monitor.internal.ingest;

/**
 * What paging learns that the operators must hear of as a technical alert: it enters the pipeline at the front
 * ({@link FeedbackQueue}), like an observation, instead of paging calling back up into the lifecycle. The
 * engine turns each into its technical alert under the lock, in the pass that took it.
 */
public sealed interface Feedback {
    /** A page nobody received: a {@code notification-failed} alert on the page's patient, at once. */
    record DeadLetter(com.nexussaude.monitor.notify.dispatch.DeadLetter letter) implements Feedback {
    }

    /** Nobody could be paged at an escalation level: an {@code on-call-gap} alert on the incident's patient. */
    record CoverageGap(com.nexussaude.monitor.notify.escalation.CoverageGap gap) implements Feedback {
    }

    /** Live: an escalation step found late (the monitor was stalled): an {@code escalation-overdue} alert. */
    record OverdueEscalation(com.nexussaude.monitor.escalation.OverdueEscalation late) implements Feedback {
    }
}
