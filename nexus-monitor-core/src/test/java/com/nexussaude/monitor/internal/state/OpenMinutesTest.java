package com.nexussaude.monitor.internal.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PatientReadings queues its open minutes in {@link OpenMinutes} (an owner and one packed long per entry) instead of
 * an ArrayDeque of records: the queue must hand back exactly what the deque of records does, entry for entry, for
 * minutes anywhere in a long's range (including starts that wrapped around near {@code Long.MIN_VALUE}), every
 * vital, and queues that grow, drain and wrap their ring. Seeds × operations, every field compared.
 */
class OpenMinutesTest {
    private record Entry(String owner, int vital, long minute) {}

    @Test
    void theQueueHandsBackExactlyWhatADequeOfRecordsDoes() {
        long peaks = 0;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            OpenMinutes<String> queue = new OpenMinutes<>();
            ArrayDeque<Entry> plain = new ArrayDeque<>();
            String[] owners = {"p1", "p2", "p3", "bed-7"};
            for (int k = 0; k < 20_000; k++) {
                // Bursts of additions, then drains: the ring grows past 16 and wraps around its end
                boolean add = plain.isEmpty() || random.nextInt(100) < (k / 2_000 % 2 == 0 ? 70 : 35);
                if (add) {
                    Entry e = new Entry(owners[random.nextInt(owners.length)], random.nextInt(32), minute(random));
                    queue.addLast(e.owner(), e.vital(), e.minute());
                    plain.addLast(e);
                    peaks = Math.max(peaks, plain.size());
                } else {
                    Entry e = plain.pollFirst();
                    assertThat(queue.firstOwner()).isSameAs(e.owner());
                    assertThat(queue.firstVital()).isEqualTo(e.vital());
                    assertThat(queue.firstMinute()).isEqualTo(e.minute());
                    queue.removeFirst();
                }
                assertThat(queue.size()).isEqualTo(plain.size());
                assertThat(queue.isEmpty()).isEqualTo(plain.isEmpty());
                if (!plain.isEmpty()) {
                    assertThat(queue.firstMinute()).isEqualTo(plain.peekFirst().minute());
                    assertThat(queue.firstVital()).isEqualTo(plain.peekFirst().vital());
                }
            }
        }
        assertThat(peaks).as("the ring grew well past its first 16 slots").isGreaterThan(200);
    }

    /** A minute's start as PatientReadings computes it, from a time anywhere in a long's range (so wrapped ones too). */
    private static long minute(SplittableRandom random) {
        long ts = switch (random.nextInt(4)) {
            case 0 -> 1_764_000_000_000L + random.nextLong(10_000_000_000L);
            case 1 -> -random.nextLong(10_000_000_000L);
            case 2 -> Long.MIN_VALUE + random.nextLong(200_000);
            default -> random.nextLong();
        };
        return Math.floorDiv(ts, 60_000L) * 60_000L;
    }

    @Test
    void whatIsNoMinuteStartOrNoVitalIsRefused() {
        OpenMinutes<String> queue = new OpenMinutes<>();
        assertThatThrownBy(() -> queue.addLast("p1", 32, 60_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vital 32");
        assertThatThrownBy(() -> queue.addLast("p1", 0, 60_001)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minute 60001");
        assertThat(queue.isEmpty()).isTrue();
    }
}
