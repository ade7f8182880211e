package com.nexussaude.monitor.kafka;

import com.nexussaude.monitor.channels.WebhookChannel;
import com.nexussaude.monitor.notify.ContactPoint;
import com.nexussaude.monitor.notify.Recipient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A page delivery in a JVM of its own, for the test that kills it: {@code DeliveryChild BOOTSTRAP GROUP PREFIX URL
 * CLIENT_ID}. Public with a main: the test starts it by name.
 */
public final class DeliveryChild {
    private DeliveryChild() {
    }

    public static void main(String[] args) {
        PageDelivery d = PageDeliveryTest.delivery(args[0], args[1], KafkaTopics.withPrefix(args[2]), URI.create(args[3]),
                args[4]).consumerProperty("session.timeout.ms", 3000).consumerProperty("heartbeat.interval.ms", 500)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "delivery-shutdown"));
        System.out.println("delivery " + args[4] + " running");
        System.out.flush();
        d.run();
    }

    /** Every recipient of the tests' roster, reached on {@code push} at an address made of its id. */
    static RecipientLookup roster() {
        List<Recipient> r = new ArrayList<>();
        for (String id : List.of("bedside-nurse", "charge-nurse", "rapid-response-team", "ward-physician-on-call",
                "intensive-care-on-call")) {
            r.add(new Recipient(id, id, ContactPoint.of("push", "pager:" + id)));
        }
        return RecipientLookup.of(r);
    }

    static WebhookChannel webhook(URI url) {
        return WebhookChannel.builder().name("push").url(url).secret(WebhookReceiver.SECRET)
                .requestTimeout(Duration.ofSeconds(30)).allowInsecureTransport("loopback test receiver").build();
    }
}
