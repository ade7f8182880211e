package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.PrivacyPolicy;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings every standard channel has. A later call replaces an earlier one, so a builder that
 * {@code fromEnvironment} filled in can still be adjusted in code.
 *
 * @param <B> the concrete builder
 */
abstract class ChannelBuilder<B extends ChannelBuilder<B>> {

    String name;
    PrivacyPolicy privacyPolicy = PrivacyPolicy.minimumNecessary();
    String dashboardUrl;
    final Map<String, String> templates = new LinkedHashMap<>();
    Clock clock = Clock.systemUTC();

    ChannelBuilder(String defaultName) {
        this.name = defaultName;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * The channel's name, which contact points route by; each channel has a default.
     *
     * @param name the channel's name, matched against {@link com.nexussaude.monitor.notify.ContactPoint#channel()}; not null
     * @return this builder
     */
    public B name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new ChannelConfigurationException(List.of("name"), "channel name must not be blank");
        }
        this.name = name;
        return self();
    }

    /**
     * Which facts of a notification templates may use; default
     * {@link PrivacyPolicy#minimumNecessary()} (no patient name). Environment:
     * {@value ChannelEnvironment#NOTIFY_PRIVACY_FIELDS}.
     *
     * @param privacyPolicy the fields templates may see; not null
     * @return this builder
     */
    public B privacyPolicy(PrivacyPolicy privacyPolicy) {
        this.privacyPolicy = Objects.requireNonNull(privacyPolicy, "privacyPolicy");
        return self();
    }

    /**
     * The link templates offer as {@code dashboard_url}; none by default. Environment: {@value ChannelEnvironment#DASHBOARD_URL}.
     *
     * @param dashboardUrl the dashboard's address, offered to templates as {@code dashboard_url}; null for
     *     none
     * @return this builder
     */
    public B dashboardUrl(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
        return self();
    }

    /**
     * Replaces the bundled Mustache template of one part of the message (the channel's class
     * documentation lists its parts). The template is compiled by {@code build()}.
     *
     * @param part the name of the part, as listed in the channel's class documentation
     * @param mustacheSource the Mustache template's source; not null
     * @return this builder
     */
    public B template(String part, String mustacheSource) {
        templates.put(Objects.requireNonNull(part, "part"), Objects.requireNonNull(mustacheSource, "mustacheSource"));
        return self();
    }

    /**
     * The clock for signatures, token expiry and {@code Retry-After} dates; default UTC system clock.
     *
     * @param clock the clock; not null
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Throws, naming every setting in {@code missing}, unless it is empty: the check a
     * {@code build()} ends with.
     *
     * @param channel the kind of channel, as in "sms channel: accountSid, from required"
     */
    static void requireAll(String channel, List<String> missing) {
        if (!missing.isEmpty()) {
            throw new ChannelConfigurationException(missing, channel + " channel: " + String.join(", ", missing) + " required");
        }
    }

    /** Reads {@value ChannelEnvironment#DASHBOARD_URL} and {@value ChannelEnvironment#NOTIFY_PRIVACY_FIELDS}. */
    void readCommon(Settings s) {
        dashboardUrl = s.optional(ChannelEnvironment.DASHBOARD_URL);
        privacyPolicy = s.privacy();
    }
}
