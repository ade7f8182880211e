package com.nexussaude.monitor.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket client: its subscriptions and a bounded queue of messages not yet written. One
 * message is in flight at a time (Jetty's asynchronous send); the next is sent from {@code sender}
 * when it completes. A client whose queue exceeds {@code limit} live events is closed with code
 * 1008 and the reason {@code slow consumer: ...}: the engine's listener thread only ever enqueues.
 * Replayed events (after a reconnect) are not counted against the limit; there are at most as many
 * as the hub keeps.
 */
final class WsClient implements EventHub.Subscriber {
    /** The close code of a client dropped for not keeping up (policy violation). */
    static final int SLOW_CLOSE_CODE = 1008;

    final String clientId;
    private final Session session;
    private final int limit;
    private final Executor sender;
    private final BiConsumer<WsClient, String> onDrop;
    private final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();

    WsClient(String clientId, Session session, int limit, Executor sender, BiConsumer<WsClient, String> onDrop) {
        this.clientId = clientId;
        this.session = session;
        this.limit = limit;
        this.sender = sender;
        this.onDrop = onDrop;
    }

    @Override
    public Set<String> subscriptions() {
        return subscriptions;
    }

    @Override
    public void offer(EventHub.Event e, boolean replay) {
        if (dropped.get()) {
            return;
        }
        if (!replay && queued.get() >= limit) {
            drop("slow consumer: " + queued.get() + " events waiting (limit " + limit + ")");
            return;
        }
        enqueue(e.json());
    }

    /** A control message (subscribed, gap, error, pong): queued in order with the events. */
    void reply(Map<String, Object> message) {
        if (!dropped.get()) {
            enqueue(EventHub.write(message));
        }
    }

    private void enqueue(String text) {
        queue.add(text);
        queued.incrementAndGet();
        sender.execute(this::pump);
    }

    private void pump() {
        if (dropped.get() || !sending.compareAndSet(false, true)) {
            return;
        }
        String next = queue.poll();
        if (next == null) {
            sending.set(false);
            if (!queue.isEmpty()) {
                sender.execute(this::pump);
            }
            return;
        }
        queued.decrementAndGet();
        session.sendText(next, Callback.from(() -> {
            sending.set(false);
            sender.execute(this::pump);
        }, failure -> drop("send failed: " + failure.getClass().getSimpleName())));
    }

    void drop(String reason) {
        if (dropped.compareAndSet(false, true)) {
            queue.clear();
            onDrop.accept(this, reason);
            session.close(SLOW_CLOSE_CODE, reason.length() > 120 ? reason.substring(0, 120) : reason, Callback.NOOP);
        }
    }

    void closed() {
        dropped.set(true);
        queue.clear();
    }
}
