package com.nexussaude.monitor.channels;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/** A UTC clock that reads a time source of the test, e.g. a manual scheduler's time. */
class SuppliedClock extends Clock {

    private final Supplier<Instant> now;

    SuppliedClock(Supplier<Instant> now) {
        this.now = now;
    }

    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public final Instant instant() {
        return now.get();
    }
}
