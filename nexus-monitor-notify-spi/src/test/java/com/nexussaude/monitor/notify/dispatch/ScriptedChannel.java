package com.nexussaude.monitor.notify.dispatch;

import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A channel that answers from a script (then with a default) and records when it was called. */
final class ScriptedChannel implements NotificationChannel {

    record Call(String alertId, Instant at) {
    }

    private final String name;
    private final Supplier<Instant> clock;
    private final ArrayDeque<DeliveryResult> script = new ArrayDeque<>();
    private DeliveryResult otherwise = DeliveryResult.delivered("accepted");
    final List<Call> calls = new CopyOnWriteArrayList<>();

    ScriptedChannel(String name, Supplier<Instant> clock) {
        this.name = name;
        this.clock = clock;
    }

    synchronized ScriptedChannel then(DeliveryResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    synchronized ScriptedChannel otherwise(DeliveryResult result) {
        this.otherwise = result;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DeliveryResult deliver(Notification n) {
        Objects.requireNonNull(n);
        calls.add(new Call(n.alertId(), clock.get()));
        synchronized (this) {
            DeliveryResult r = script.poll();
            return r != null ? r : otherwise;
        }
    }

    List<Instant> callTimes() {
        return calls.stream().map(Call::at).toList();
    }
}
