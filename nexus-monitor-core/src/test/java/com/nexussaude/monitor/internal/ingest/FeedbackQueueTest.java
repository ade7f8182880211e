package com.nexussaude.monitor.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.OverdueEscalation;
import com.nexussaude.monitor.notify.escalation.CoverageGap;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackQueueTest {

    @Test
    void takesOneKindInArrivalOrderAndLeavesTheOthersQueued() {
        FeedbackQueue q = new FeedbackQueue();
        Feedback.CoverageGap g1 = new Feedback.CoverageGap(gap("inc-1"));
        Feedback.OverdueEscalation o1 = new Feedback.OverdueEscalation(overdue("inc-2"));
        Feedback.CoverageGap g2 = new Feedback.CoverageGap(gap("inc-3"));
        q.offer(g1);
        q.offer(o1);
        q.offer(g2);

        assertThat(q.take(Feedback.OverdueEscalation.class)).containsExactly(o1);
        assertThat(q.take(Feedback.DeadLetter.class)).isEmpty();
        assertThat(q.isEmpty()).isFalse();
        assertThat(q.take(Feedback.CoverageGap.class)).containsExactly(g1, g2);
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.take(Feedback.CoverageGap.class)).isEqualTo(List.of());
    }

    private static CoverageGap gap(String incident) {
        return new CoverageGap(incident, 1, 0, com.nexussaude.monitor.notify.escalation.EscalationTarget.role("charge-nurse"),
                java.time.Instant.EPOCH, CoverageGap.Reason.values()[0]);
    }

    private static OverdueEscalation overdue(String incident) {
        return new OverdueEscalation(incident, com.nexussaude.monitor.escalation.EscalationStatus.State.values()[0], 2, 0,
                java.time.Instant.EPOCH, java.time.Duration.ofMinutes(3));
    }
}
