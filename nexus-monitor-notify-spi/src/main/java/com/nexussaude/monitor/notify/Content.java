package com.nexussaude.monitor.notify;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Content the sender rendered itself, which then replaces what a channel would render from its
 * own templates. Every part is optional; {@link #none()} (the default) lets every channel render
 * from its templates.
 *
 * <p>Which parts a channel uses is part of that channel's documentation. The standard channels
 * use a {@linkplain #body(String) channel-specific body} as the complete payload when one is given
 * for their name; otherwise e-mail uses {@code subject}/{@code text}/{@code html}, SMS, WhatsApp
 * and push use {@code text} (push also {@code subject} as the title).
 *
 * <p>Pre-rendered content is sent as given: a {@link PrivacyPolicy} filters the facts of a
 * notification before templates see them, but cannot filter text the sender wrote.
 *
 * @param subject a subject or title; null if not given
 * @param text    plain text; null if not given
 * @param html    HTML; null if not given
 * @param bodies  complete payloads keyed by channel name; never null, copied
 * @since 0.1
 */
public record Content(String subject, String text, String html, Map<String, String> bodies) {

    private static final Content NONE = new Content(null, null, null, Map.of());

    /**
     * Copies the map of bodies.
     *
     * @param subject a subject or title; null if not given
     * @param text plain text; null if not given
     * @param html HTML; null if not given
     * @param bodies complete payloads keyed by channel name; never null, copied
     */
    public Content {
        bodies = Map.copyOf(Objects.requireNonNull(bodies, "bodies"));
    }

    /**
     * No pre-rendered content: every channel renders from its templates.
     *
     * @return no pre-rendered content: every channel renders from its templates
     */
    public static Content none() {
        return NONE;
    }

    /**
     * Pre-rendered subject, text and HTML (each may be null).
     *
     * @param subject a subject or title; null if not given
     * @param text plain text; null if not given
     * @param html HTML; null if not given
     * @return pre-rendered subject, text and HTML (each may be null)
     */
    public static Content of(String subject, String text, String html) {
        return new Content(subject, text, html, Map.of());
    }

    /**
     * This content plus a complete payload for the channel named {@code channel}.
     *
     * @param channel the {@link NotificationChannel#name() name} of the channel that sends this body; not
     *     null
     * @param body the complete payload that channel sends as it is (a JSON document, a message body); not
     *     null
     * @return this content plus a complete payload for the channel named {@code channel}
     */
    public Content withBody(String channel, String body) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(body, "body");
        var copy = new java.util.HashMap<>(bodies);
        copy.put(channel, body);
        return new Content(subject, text, html, copy);
    }

    /**
     * The pre-rendered complete payload for the channel named {@code channel}, if any.
     *
     * @param channel the name of a channel
     * @return the pre-rendered complete payload for the channel named {@code channel}, if any
     */
    public Optional<String> body(String channel) {
        return Optional.ofNullable(bodies.get(channel));
    }

    /**
     * The subject, if given.
     *
     * @return the subject, if given
     */
    public Optional<String> subjectIfPresent() {
        return Optional.ofNullable(subject);
    }

    /**
     * The plain text, if given.
     *
     * @return the plain text, if given
     */
    public Optional<String> textIfPresent() {
        return Optional.ofNullable(text);
    }

    /**
     * The HTML, if given.
     *
     * @return the HTML, if given
     */
    public Optional<String> htmlIfPresent() {
        return Optional.ofNullable(html);
    }

    /**
     * True if nothing was pre-rendered.
     *
     * @return true if nothing was pre-rendered
     */
    public boolean isEmpty() {
        return subject == null && text == null && html == null && bodies.isEmpty();
    }

    /** Says which parts are present, never their text (it may name a patient). */
    @Override
    public String toString() {
        return "Content[subject=" + (subject != null) + ", text=" + (text != null) + ", html=" + (html != null)
                + ", bodies=" + bodies.keySet() + "]";
    }
}
