package com.nexussaude.monitor.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raise history's ring of longs against the {@code Deque<Long>} it replaced, operation for operation: the
 * trim from the oldest end after a raise ({@code while peekFirst <= horizon: pollFirst}) and the prune of every
 * time at or before a horizon ({@code removeIf}), including histories out of time order (restored from a journal).
 */
class RaiseTimesTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void holdsWhatTheDequeHolds(long seed) {
        Random random = new Random(seed);
        for (int history = 0; history < 200; history++) {
            RaiseTimes ring = new RaiseTimes();
            Deque<Long> plain = new ArrayDeque<>();
            long now = random.nextInt(1_000);
            for (int op = 0; op < 300; op++) {
                int what = random.nextInt(10);
                if (what < 6) {
                    // Mostly increasing, sometimes not: a restored history is in journal order.
                    now += random.nextInt(10) < 8 ? random.nextInt(500) : -random.nextInt(300);
                    ring.add(now);
                    plain.addLast(now);
                } else if (what < 9) {
                    long horizon = now - random.nextInt(2_000);
                    ring.dropUpTo(horizon);
                    while (!plain.isEmpty() && plain.peekFirst() <= horizon) {
                        plain.pollFirst();
                    }
                } else {
                    long horizon = now - random.nextInt(2_000);
                    ring.removeUpTo(horizon);
                    plain.removeIf(t -> t <= horizon);
                }
                assertThat(contents(ring)).as("history %d, operation %d", history, op).isEqualTo(new ArrayList<>(plain));
                assertThat(ring.isEmpty()).isEqualTo(plain.isEmpty());
            }
        }
    }

    private static List<Long> contents(RaiseTimes ring) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            out.add(ring.get(i));
        }
        return out;
    }
}
