package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.need;
import static com.nexussaude.monitor.server.Auth.Role.VIEWER;
import static com.nexussaude.monitor.server.Requests.listParam;
import static com.nexussaude.monitor.server.Requests.onlyParams;

import com.github.benmanes.caffeine.cache.Cache;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@code GET /events}: the WebSocket's events as Server-Sent Events. */
final class SseHandlers {
    private final MonitorServer s;

    SseHandlers(MonitorServer server) {
        this.s = server;
    }

    /**
     * {@code GET /events?channels=alerts,incidents&since=N}: the same events as the WebSocket, as
     * Server-Sent Events ({@code id:} is the sequence, so a browser's reconnect sends
     * {@code Last-Event-ID}). A client more than {@code WS_QUEUE_LIMIT} events behind gets a
     * {@code dropped} event and the stream ends.
     */
    void sse(Context ctx) throws IOException, InterruptedException {
        need(ctx, VIEWER);
        onlyParams(ctx, Set.of("channels", "since"));
        List<String> channels = new ArrayList<>();
        for (String c : listParam(ctx, "channels")) {
            String bad = EventHub.invalidSubscription(c);
            if (bad != null) {
                throw Problem.badRequest(bad);
            }
            channels.add(c);
        }
        if (channels.isEmpty()) {
            channels.addAll(List.of("alerts", "incidents"));
        }
        Long since = null;
        String sinceText = ctx.queryParam("since") != null ? ctx.queryParam("since") : ctx.header("Last-Event-ID");
        if (sinceText != null) {
            try {
                since = Long.parseLong(sinceText.trim());
            } catch (NumberFormatException e) {
                throw Problem.badRequest("since (or Last-Event-ID) must be a sequence number, but was \"" + sinceText + "\"");
            }
        }
        SseClient client = new SseClient(s.config.wsQueueLimit(), reason -> {
            s.counters.sseDropped.incrementAndGet();
            s.counters.dropped("sse", reason);
        });
        ctx.status(200);
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        OutputStream out = ctx.res().getOutputStream();
        s.counters.sseConnected.incrementAndGet();
        try {
            Map<String, Object> gap = s.hub.subscribe(client, channels, since);
            write(out, null, "subscribed", EventHub.write(Map.of("channels", channels, "seq", s.hub.latestSeq())));
            if (gap != null) {
                write(out, null, "gap", EventHub.write(gap));
            }
            while (!s.wsSender.isShutdown()) {
                EventHub.Event e = client.queue.poll(15, TimeUnit.SECONDS);
                if (client.droppedReason != null) {
                    write(out, null, "dropped", EventHub.write(Map.of("reason", client.droppedReason)));
                    return;
                }
                if (e == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else {
                    write(out, e.seq(), e.type(), e.json());
                }
            }
        } catch (IOException gone) {
            // The client went away: nothing to answer.
        } finally {
            s.hub.unsubscribe(client);
        }
    }

    private static void write(OutputStream out, Long id, String event, String data) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (id != null) {
            sb.append("id: ").append(id).append('\n');
        }
        sb.append("event: ").append(event).append('\n').append("data: ").append(data).append("\n\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** An SSE stream's bounded queue; overflowing it drops the stream. */
    static final class SseClient implements EventHub.Subscriber {
        final Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        final BlockingQueue<EventHub.Event> queue;
        volatile String droppedReason;
        private final int limit;
        private final java.util.function.Consumer<String> onDrop;

        SseClient(int limit, java.util.function.Consumer<String> onDrop) {
            this.limit = limit;
            this.onDrop = onDrop;
            this.queue = new ArrayBlockingQueue<>(limit + 1);
        }

        @Override
        public Set<String> subscriptions() {
            return subscriptions;
        }

        @Override
        public void offer(EventHub.Event e, boolean replay) {
            if (droppedReason != null) {
                return;
            }
            if (!queue.offer(e)) {
                droppedReason = "slow consumer: more than " + limit + " events waiting";
                queue.clear();
                // Wakes the stream's thread (when it is not stuck writing) to send the dropped event.
                queue.offer(e);
                onDrop.accept(droppedReason);
            }
        }
    }
}
