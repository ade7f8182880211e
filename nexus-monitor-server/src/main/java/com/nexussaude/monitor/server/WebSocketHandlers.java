package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.Api.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.websocket.WsContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /ws/{client_id}}: subscribe messages, replay since a sequence number, slow clients dropped. */
final class WebSocketHandlers {
    private static final Logger log = LoggerFactory.getLogger(WebSocketHandlers.class);
    private final MonitorServer s;

    WebSocketHandlers(MonitorServer server) {
        this.s = server;
    }

    void wsConnect(WsContext ctx) {
        String id = ctx.pathParam("client_id");
        WsClient client = new WsClient(id, ctx.session, s.config.wsQueueLimit(), s.wsSender, (c, reason) -> {
            s.counters.wsDropped.incrementAndGet();
            s.counters.dropped("ws " + c.clientId, reason);
            log.warn("WebSocket client {} dropped: {}", c.clientId, reason);
            s.hub.unsubscribe(c);
            s.wsClients.remove(ctx.sessionId(), c);
        });
        s.wsClients.put(ctx.sessionId(), client);
        s.counters.wsConnected.incrementAndGet();
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "connected");
        hello.put("client_id", id);
        hello.put("seq", s.hub.latestSeq());
        hello.put("channels", List.of("alerts", "incidents", "scores", "vitals:PATIENT_ID"));
        client.reply(hello);
    }

    void wsMessage(WsContext ctx, String text) {
        WsClient client = s.wsClients.get(ctx.sessionId());
        if (client == null) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            client.reply(wsError("the message is not valid JSON: " + e.getOriginalMessage()));
            return;
        }
        String type = m.path("type").asText("");
        switch (type) {
            case "ping" -> client.reply(Map.of("type", "pong", "seq", s.hub.latestSeq()));
            case "subscribe", "unsubscribe" -> {
                String channel = m.path("channel").asText(null);
                if (channel != null && channel.equals("vitals") && m.hasNonNull("patient_id")) {
                    channel = "vitals:" + m.get("patient_id").asText();
                }
                String bad = EventHub.invalidSubscription(channel);
                if (bad != null) {
                    client.reply(wsError(bad));
                    return;
                }
                if (type.equals("unsubscribe")) {
                    client.subscriptions().remove(channel);
                    client.reply(Map.of("type", "unsubscribed", "channel", channel));
                    return;
                }
                Long since = null;
                if (m.has("since")) {
                    if (!m.get("since").canConvertToLong() || m.get("since").asLong() < 0) {
                        client.reply(wsError("since must be a sequence number >= 0, but was " + m.get("since")));
                        return;
                    }
                    since = m.get("since").asLong();
                }
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", "subscribed");
                ack.put("channel", channel);
                ack.put("seq", s.hub.latestSeq());
                // Queued before the replay: the client knows the subscription before its events.
                client.reply(ack);
                Map<String, Object> gap = s.hub.subscribe(client, List.of(channel), since);
                if (gap != null) {
                    client.reply(gap);
                }
            }
            default -> client.reply(wsError("type must be subscribe, unsubscribe or ping, but was \"" + type + "\""));
        }
    }

    private static Map<String, Object> wsError(String detail) {
        return Map.of("type", "error", "detail", detail);
    }

    void wsClosed(WsContext ctx) {
        WsClient c = s.wsClients.remove(ctx.sessionId());
        if (c != null) {
            c.closed();
            s.hub.unsubscribe(c);
        }
    }

}
