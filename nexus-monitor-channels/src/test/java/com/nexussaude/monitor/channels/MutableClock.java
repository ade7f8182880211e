package com.nexussaude.monitor.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand. */
final class MutableClock extends SuppliedClock {

    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
        this(new AtomicReference<>(start));
    }

    private MutableClock(AtomicReference<Instant> now) {
        super(now::get);
        this.now = now;
    }

    void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }
}
