package com.nexussaude.monitor.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out load tool (not a test): connects N WebSocket clients to a running service, subscribes
 * each to the alerts channel, then raises manual alerts ({@code POST /alerts}) at a fixed rate for a
 * while and measures, at every client, each alert's latency from the moment its POST was sent to the
 * moment its {@code alert.raised} event arrived. Reports alerts delivered per second (all clients
 * together), latency percentiles, and what went wrong: alerts a client missed or got twice, events out
 * of sequence order, clients the service dropped as slow.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.nexussaude.monitor.benchmarks.WebSocketFanOut \
 *     http://127.0.0.1:18016 "$TOKEN" CLIENTS [ALERTS_PER_SECOND=50] [SECONDS=20]
 * </pre>
 * The token needs the viewer and clinician roles (the {@code serve --demo} token has all). Only JDK
 * classes: it can also run as a single source file. {@code benchmarks/service/ws-fanout.sh} starts the
 * service with the demo ward and runs this for 100, 500 and 1000 clients.
 */
public final class WebSocketFanOut {
    /** Alert keys are fan-RUN-INDEX: a run's alerts are new alerts even on a service an earlier run used. */
    private static final String RUN = Long.toString(System.currentTimeMillis() % 100_000_000L);
    private static final String MARK = "\"key\":\"fan-" + RUN + "-";

    private WebSocketFanOut() {
    }

    /** One subscriber: which alerts it got, their latencies, and its sequence order. */
    static final class Client implements WebSocket.Listener {
        final BitSet seen = new BitSet();
        final long[] latencyNanos;
        final long[] sentAt;
        final CountDownLatch subscribed = new CountDownLatch(1);
        final StringBuilder partial = new StringBuilder();
        int received;
        int duplicates;
        int outOfOrder;
        long lastSeq = -1;
        long lastAt;
        volatile String closedWith;

        Client(long[] sentAt) {
            this.sentAt = sentAt;
            this.latencyNanos = new long[sentAt.length];
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String m = partial.toString();
                partial.setLength(0);
                handle(m, now);
            }
            ws.request(1);
            return null;
        }

        private synchronized void handle(String m, long now) {
            if (m.contains("\"type\":\"subscribed\"")) {
                subscribed.countDown();
                return;
            }
            int s = m.indexOf("\"seq\":");
            if (s >= 0 && m.contains("\"channel\":")) {
                long seq = number(m, s + 6);
                if (seq <= lastSeq) {
                    outOfOrder++;
                }
                lastSeq = seq;
            }
            if (!m.contains("\"type\":\"alert.raised\"")) {
                return;
            }
            int k = m.indexOf(MARK);
            if (k < 0) {
                return; // an alert of the demo ward, not one of ours
            }
            int i = (int) number(m, k + MARK.length());
            if (i >= sentAt.length) {
                return;
            }
            lastAt = now;
            if (seen.get(i)) {
                duplicates++;
                return;
            }
            seen.set(i);
            latencyNanos[received++] = now - sentAt[i];
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedWith = statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closedWith = "error " + error;
        }
    }

    private static long number(String s, int from) {
        long v = 0;
        for (int i = from; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: WebSocketFanOut BASE_URL TOKEN CLIENTS [ALERTS_PER_SECOND=50] [SECONDS=20]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String token = args[1];
        int clients = Integer.parseInt(args[2]);
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int alerts = rate * seconds;
        long[] sentAt = new long[alerts];
        long[] postNanos = new long[alerts];

        // One HTTP client (one selector thread) per 100 WebSockets.
        List<HttpClient> https = new ArrayList<>();
        List<Client> subscribers = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        String ws = base.replaceFirst("^http", "ws") + "/ws/";
        for (int i = 0; i < clients; i++) {
            if (i % 100 == 0) {
                https.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
            }
            Client c = new Client(sentAt);
            WebSocket s = https.get(https.size() - 1).newWebSocketBuilder()
                    .buildAsync(URI.create(ws + "fan-" + i + "?access_token=" + token), c).get(30, TimeUnit.SECONDS);
            s.sendText("{\"type\":\"subscribe\",\"channel\":\"alerts\"}", true).get(30, TimeUnit.SECONDS);
            subscribers.add(c);
            sockets.add(s);
        }
        for (Client c : subscribers) {
            if (!c.subscribed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a client was not subscribed within 60 s: " + c.closedWith);
            }
        }
        System.out.printf(Locale.ROOT, "%d clients connected and subscribed; raising %d alerts at %d/s%n", clients, alerts, rate);

        HttpClient poster = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAnswered = new AtomicLong();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        CountDownLatch allSent = new CountDownLatch(1);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= alerts) {
                allSent.countDown();
                throw new IllegalStateException("done"); // ends the schedule
            }
            String body = "{\"patient_id\":\"load-bed-" + (i % 64) + "\",\"key\":\"fan-" + RUN + "-" + i + "\",\"severity\":\"high\","
                    + "\"message\":\"fan-out load " + i + "\",\"reason\":\"load test\",\"ttl_hours\":1}";
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/alerts"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            sentAt[i] = System.nanoTime();
            synchronized (posts) {
                posts.add(poster.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    lastAnswered.set(System.nanoTime());
                    postNanos[i] = System.nanoTime() - sentAt[i];
                    if (e != null || r.statusCode() != 201) {
                        if (failed.incrementAndGet() <= 5) {
                            System.err.println("POST /alerts failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
                        }
                    }
                }));
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        allSent.await();
        pacer.shutdown();
        synchronized (posts) {
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }
        long sendEnd = System.nanoTime();
        int expected = alerts - failed.get();
        // Wait (at most 60 s) until every client has every alert that was raised.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !allDelivered(subscribers, expected)) {
            Thread.sleep(50);
        }
        long lastDelivery = start;

        long deliveries = 0;
        int missing = 0;
        int duplicates = 0;
        int outOfOrder = 0;
        int closed = 0;
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (Client c : subscribers) {
            synchronized (c) {
                deliveries += c.received;
                missing += expected - c.received;
                duplicates += c.duplicates;
                outOfOrder += c.outOfOrder;
                parts.add(Arrays.copyOf(c.latencyNanos, c.received));
                total += c.received;
                lastDelivery = Math.max(lastDelivery, c.lastAt);
            }
            if (c.closedWith != null) {
                closed++;
            }
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        Arrays.sort(all);
        double sendSeconds = (sendEnd - start) / 1e9;
        double deliverySeconds = (lastDelivery - start) / 1e9;
        long[] post = postNanos.clone();
        Arrays.sort(post);
        System.out.printf(Locale.ROOT, "RESULT clients=%d alerts=%d post_failures=%d send_rate=%.1f/s"
                        + " post_p50=%.1fms post_p99=%.1fms deliveries=%d"
                        + " delivered_per_s=%.0f p50=%.1fms p90=%.1fms p99=%.1fms p999=%.1fms max=%.1fms"
                        + " missing=%d duplicates=%d out_of_order=%d clients_closed=%d%n",
                clients, alerts, failed.get(), alerts / sendSeconds, ms(post, 0.50), ms(post, 0.99), deliveries, deliveries / deliverySeconds,
                ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), ms(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                missing, duplicates, outOfOrder, closed);
        for (WebSocket s : sockets) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        System.exit(missing == 0 && duplicates == 0 && outOfOrder == 0 ? 0 : 1);
    }

    private static boolean allDelivered(List<Client> clients, int expected) {
        for (Client c : clients) {
            synchronized (c) {
                if (c.received < expected && c.closedWith == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
