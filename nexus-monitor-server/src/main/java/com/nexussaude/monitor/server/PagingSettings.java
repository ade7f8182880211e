package com.nexussaude.monitor.server;

import com.nexussaude.monitor.channels.ChannelEnvironment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Who the service pages and how, as configured: the channel variables of {@code nexus-monitor-channels}
 * (the original product's names: {@code SMTP_HOST}, {@code TWILIO_ACCOUNT_SID}, {@code SLACK_WEBHOOK_URL},
 * ...), the escalation policy file ({@code ESCALATION_POLICY_FILE}, the core's escalation chain JSON) and
 * the on-call roster file ({@code ONCALL_ROSTER_FILE}). {@link PagingSetup} builds the paging from it.
 *
 * @param channelEnv     every channel variable that is set (secrets included: never print this map)
 * @param escalationFile the escalation chain JSON, or null (the bundled default when a roster is given)
 * @param rosterFile     the roster JSON, or null (then pages go to the on-call systems behind the
 *                       webhook, Slack and Teams channels)
 */
record PagingSettings(Map<String, String> channelEnv, Path escalationFile, Path rosterFile) {
    static final String ESCALATION_POLICY_FILE = "ESCALATION_POLICY_FILE";
    static final String ONCALL_ROSTER_FILE = "ONCALL_ROSTER_FILE";

    /** The channel variables read (as the channels module names them). */
    static final List<String> CHANNEL_NAMES = List.of(
            ChannelEnvironment.SMTP_HOST, ChannelEnvironment.SMTP_PORT, ChannelEnvironment.SMTP_USERNAME,
            ChannelEnvironment.SMTP_PASSWORD, ChannelEnvironment.SMTP_USE_TLS, ChannelEnvironment.SMTP_USE_SSL,
            ChannelEnvironment.SMTP_FROM,
            ChannelEnvironment.TWILIO_ACCOUNT_SID, ChannelEnvironment.TWILIO_AUTH_TOKEN,
            ChannelEnvironment.TWILIO_PHONE_NUMBER, ChannelEnvironment.TWILIO_MESSAGING_SERVICE_SID,
            ChannelEnvironment.TWILIO_STATUS_CALLBACK_URL, ChannelEnvironment.TWILIO_API_URL,
            ChannelEnvironment.WHATSAPP_TOKEN, ChannelEnvironment.WHATSAPP_PHONE_NUMBER_ID,
            ChannelEnvironment.WHATSAPP_TEMPLATE, ChannelEnvironment.WHATSAPP_TEMPLATE_LANGUAGE,
            ChannelEnvironment.WHATSAPP_API_URL, ChannelEnvironment.WHATSAPP_API_VERSION,
            ChannelEnvironment.FCM_SERVICE_ACCOUNT_FILE, ChannelEnvironment.FCM_PROJECT_ID, ChannelEnvironment.FCM_API_URL,
            ChannelEnvironment.SLACK_BOT_TOKEN, ChannelEnvironment.SLACK_CHANNEL, ChannelEnvironment.SLACK_WEBHOOK_URL,
            ChannelEnvironment.SLACK_API_URL,
            ChannelEnvironment.TEAMS_WEBHOOK_URL,
            ChannelEnvironment.WEBHOOK_URL, ChannelEnvironment.WEBHOOK_SECRET,
            ChannelEnvironment.DASHBOARD_URL, ChannelEnvironment.NOTIFY_PRIVACY_FIELDS,
            ChannelEnvironment.NOTIFY_HTTP_CONNECT_TIMEOUT_MS, ChannelEnvironment.NOTIFY_HTTP_REQUEST_TIMEOUT_MS,
            ChannelEnvironment.NOTIFY_ALLOW_INSECURE_TRANSPORT);

    /** Settings whose values are never shown (tokens, passwords, and URLs that carry a secret). */
    static final Set<String> SECRETS = Set.of(ChannelEnvironment.SMTP_PASSWORD, ChannelEnvironment.TWILIO_AUTH_TOKEN,
            ChannelEnvironment.WHATSAPP_TOKEN, ChannelEnvironment.SLACK_BOT_TOKEN, ChannelEnvironment.SLACK_WEBHOOK_URL,
            ChannelEnvironment.TEAMS_WEBHOOK_URL, ChannelEnvironment.WEBHOOK_URL, ChannelEnvironment.WEBHOOK_SECRET);

    PagingSettings {
        channelEnv = Map.copyOf(channelEnv);
    }

    /** Every setting this record is read from, for {@link ServerConfig#SETTINGS} (no defaults: all optional). */
    static List<String> names() {
        List<String> all = new java.util.ArrayList<>(CHANNEL_NAMES);
        all.add(ESCALATION_POLICY_FILE);
        all.add(ONCALL_ROSTER_FILE);
        return all;
    }

    /** Reads the settings through {@code text} (a setting's value, or null when unset or blank). */
    static PagingSettings read(UnaryOperator<String> text) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : CHANNEL_NAMES) {
            String v = text.apply(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        String escalation = text.apply(ESCALATION_POLICY_FILE);
        String roster = text.apply(ONCALL_ROSTER_FILE);
        return new PagingSettings(env, escalation == null ? null : Path.of(escalation),
                roster == null ? null : Path.of(roster));
    }

    /** Names the settings given, never their values. */
    @Override
    public String toString() {
        return "PagingSettings[channel settings " + new TreeSet<>(channelEnv.keySet()) + ", escalation "
                + escalationFile + ", roster " + rosterFile + "]";
    }
}
