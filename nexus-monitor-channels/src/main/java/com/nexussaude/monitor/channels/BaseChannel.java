package com.nexussaude.monitor.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nexussaude.monitor.notify.DeliveryResult;
import com.nexussaude.monitor.notify.Notification;
import com.nexussaude.monitor.notify.NotificationChannel;
import com.nexussaude.monitor.notify.PrivacyPolicy;
import java.util.Map;
import java.util.Objects;

/**
 * What every standard channel does around its vendor call: apply the privacy policy, build the
 * template model, and turn anything unexpected into a result instead of an exception.
 */
abstract class BaseChannel implements NotificationChannel {

    static final System.Logger LOG = System.getLogger("com.nexussaude.monitor.channels");
    static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final PrivacyPolicy privacyPolicy;
    final Templates templates;
    final String dashboardUrl;

    BaseChannel(ChannelBuilder<?> b, Templates templates) {
        this.name = b.name;
        this.privacyPolicy = b.privacyPolicy;
        this.templates = templates;
        this.dashboardUrl = b.dashboardUrl;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        try {
            Notification visible = privacyPolicy.apply(notification);
            return send(notification, visible, TemplateModel.of(visible, dashboardUrl));
        } catch (InvalidContentException e) {
            return DeliveryResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            // A bug here will not go away on retry; the message is left out in case it quotes a credential.
            LOG.log(System.Logger.Level.WARNING, name + " channel failed to prepare " + notification + ": "
                    + e.getClass().getName());
            return DeliveryResult.failed(name + " channel could not prepare the message: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Sends one message.
     *
     * @param original the notification as submitted (idempotency key, pre-rendered content)
     * @param visible  the same after the privacy policy
     * @param model    the template variables built from {@code visible}
     */
    abstract DeliveryResult send(Notification original, Notification visible, Map<String, Object> model);

    /** The failure of a notification whose contact point has no address, which is the {@code what} this channel needs. */
    static DeliveryResult noAddress(Notification original, String what) {
        return DeliveryResult.failed("no " + what + ": the contact point of " + original.recipient().id() + " has no address");
    }

    /** The complete payload: a pre-rendered body for this channel's name, else {@code part} rendered. */
    String body(Notification original, String part, Map<String, Object> model) {
        return original.content().body(name).orElseGet(() -> templates.render(part, model));
    }

    /** Parses a rendered JSON object; a template that produced invalid JSON fails permanently. */
    ObjectNode jsonObject(String rendered, String what) {
        try {
            if (JSON.readTree(rendered) instanceof ObjectNode o) {
                return o;
            }
            throw new InvalidContentException("the " + what + " of the " + name + " channel is not a JSON object");
        } catch (JsonProcessingException e) {
            throw new InvalidContentException("the " + what + " of the " + name + " channel is not valid JSON: "
                    + e.getOriginalMessage());
        }
    }

    static String json(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Content that cannot be sent as it is: a failed result, never a retry. */
    static final class InvalidContentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidContentException(String message) {
            super(message, null, false, false);
        }
    }
}
