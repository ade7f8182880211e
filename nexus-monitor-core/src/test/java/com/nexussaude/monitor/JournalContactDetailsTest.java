package com.nexussaude.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.nexussaude.monitor.journal.FileJournal;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Recipient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal names staff by recipient id and channel, never by their phone number, e-mail address
 * or device token; a page pending at a crash still goes out after the restart, to the address the
 * paging configuration gives that recipient then.
 */
class JournalContactDetailsTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final String PHONE = "+5511999990042";
    static final String NEW_PHONE = "+5511999990077";

    @TempDir
    Path dir;
    final List<VitalMonitor> monitors = new ArrayList<>();

    @AfterEach
    void closeAll() {
        monitors.forEach(VitalMonitor::close);
    }

    private VitalMonitor monitor(Path journal, PagingTest.PagerChannel pager, String phone) throws IOException {
        VitalMonitor m = VitalMonitor.builder().config(MonitorConfig.builder().packs(Set.of("threshold")).build())
                .journal(FileJournal.open(journal))
                .paging(Paging.builder().channel(pager).recipient(new Recipient("charge-nurse", "Ana",
                        ContactPoint.of("pager", phone))).build())
                .listenerExecutor(Runnable::run).build();
        monitors.add(m);
        return m;
    }

    @Test
    void thePendingPageIsJournalledWithoutTheAddressAndRestoredToTheConfiguredOne() throws IOException {
        Path file = dir.resolve("journal.jsonl");
        PagingTest.PagerChannel down = new PagingTest.PagerChannel();
        down.answer = n -> DeliveryResult.retryLater("gateway down");
        VitalMonitor first = monitor(file, down, PHONE);
        for (long s = 0; s <= 20; s++) {
            first.submit(Observation.builder("bed-1", T0.plusSeconds(s)).heartRate(110).build());
        }
        assertThat(first.pendingNotifications()).isEqualTo(1);
        assertThat(down.received).isNotEmpty().allSatisfy(n -> assertThat(n.recipient().contact().address()).isEqualTo(PHONE));
        String key = down.received.get(0).idempotencyKey();
        Path crashImage = Files.copy(file, dir.resolve("after-kill.jsonl"));
        String journalText = Files.readString(crashImage);
        assertThat(journalText).contains("notification.submitted").contains("charge-nurse").doesNotContain(PHONE);

        // The nurse's pager number changed while the monitor was down: the page goes to the new one.
        PagingTest.PagerChannel working = new PagingTest.PagerChannel();
        VitalMonitor second = monitor(crashImage, working, NEW_PHONE);
        second.submit(Observation.builder("bed-1", T0.plusSeconds(300)).heartRate(110).build());
        assertThat(working.received).singleElement().satisfies(n -> {
            assertThat(n.idempotencyKey()).isEqualTo(key);
            assertThat(n.recipient().id()).isEqualTo("charge-nurse");
            assertThat(n.recipient().contact().address()).isEqualTo(NEW_PHONE);
        });
        assertThat(second.pendingNotifications()).isZero();
        assertThat(Files.readString(crashImage)).doesNotContain(PHONE).doesNotContain(NEW_PHONE);
    }
}
