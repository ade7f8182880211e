package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.escalation.EscalationChain;
import com.nexussaude.monitor.journal.InMemoryJournal;
import com.nexussaude.monitor.notify.EventKind;
import com.nexussaude.monitor.notify.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A monitor restored from the journal pages an incident's resolution once to each person paged for it, at the
 * address the paging configuration gives, also when the same person was paged again after the restore. (A
 * role's recipient restored from the journal used to be another value than the live one, so the resolution
 * went to the role twice, once at an empty address.)
 */
class RestoredPagedRecipientsTest {
    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    private static VitalMonitor monitor(InMemoryJournal journal, EscalationPagingTest.Recorder push,
                                        EscalationPagingTest.Recorder sms) {
        return VitalMonitor.builder().clock(MonitorClock.eventTime())
                .paging(Paging.builder().channel(push).channel(sms)
                        .escalation(EscalationChain.defaults(), EscalationPagingTest.roster(true)).build())
                .journal(journal).listenerExecutor(Runnable::run).build();
    }

    private static void observe(VitalMonitor m, long fromSecond, long toSecond, boolean unwell) {
        for (long s = fromSecond; s <= toSecond; s += 5) {
            m.submit(Observation.builder("bed-2", T0.plusSeconds(s)).spo2(unwell ? 84 : 97)
                    .heartRate(unwell ? 135 : 75).respiratoryRate(unwell ? 28 : 15).build());
        }
    }

    @Test
    void aResolutionIsPagedOnceToEachPersonPagedBeforeAndAfterTheRestore() {
        EscalationPagingTest.Recorder push = new EscalationPagingTest.Recorder("push");
        EscalationPagingTest.Recorder sms = new EscalationPagingTest.Recorder("sms");
        InMemoryJournal first = new InMemoryJournal();
        try (VitalMonitor a = monitor(first, push, sms)) {
            observe(a, 0, 600, true);
        }
        assertThat(push.received).as("paged before the restart").isNotEmpty();

        EscalationPagingTest.Recorder push2 = new EscalationPagingTest.Recorder("push");
        EscalationPagingTest.Recorder sms2 = new EscalationPagingTest.Recorder("sms");
        try (VitalMonitor b = monitor(new InMemoryJournal(first.records()), push2, sms2)) {
            observe(b, 605, 2400, true); // the chain pages its first levels again after the restore
            for (Alert alert : b.openAlerts()) { // resolved by hand: the incident resolves at this instant
                b.resolve(alert.alertId(), "nurse-ana", "patient reviewed");
            }
            assertThat(b.incidents()).as("no incident open: resolved").isEmpty();
        }
        List<String> pagedAgain = push2.received.stream().filter(n -> n.event() != EventKind.RESOLVED)
                .map(n -> n.recipient().id()).distinct().toList();
        assertThat(pagedAgain).as("people paged again after the restore").contains("bedside-nurse");
        List<Notification> resolved = push2.received.stream().filter(n -> n.event() == EventKind.RESOLVED).toList();
        assertThat(resolved).extracting(n -> n.recipient().id()).as("resolution pages")
                .contains("bedside-nurse", "charge-nurse").doesNotHaveDuplicates();
        assertThat(resolved).allSatisfy(n -> assertThat(n.recipient().contact().address()).isNotBlank());
    }
}
