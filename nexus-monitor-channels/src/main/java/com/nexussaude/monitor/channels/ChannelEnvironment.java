package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.NotificationChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The environment variables the standard channels read (named as in the product Nexus Monitor
 * replaces), and {@link #channels(Map)}, which builds every channel the environment configures.
 *
 * <p>Pass {@code System.getenv()} in production and a plain map in tests. A channel is configured
 * when its key variable is set ({@code SMTP_HOST}, {@code TWILIO_ACCOUNT_SID},
 * {@code WHATSAPP_TOKEN}, {@code FCM_SERVICE_ACCOUNT_FILE}, {@code SLACK_BOT_TOKEN} or
 * {@code SLACK_WEBHOOK_URL}, {@code TEAMS_WEBHOOK_URL}, {@code WEBHOOK_URL}); the rest of its
 * variables are then checked, and every missing or invalid one is reported at once in a
 * {@link ChannelConfigurationException}.
 *
 * @since 0.1
 */
public final class ChannelEnvironment {

    /** SMTP server host name. Key variable of the e-mail channel. */
    public static final String SMTP_HOST = "SMTP_HOST";
    /** SMTP port; default 587 with STARTTLS, 465 with implicit TLS, else 25. */
    public static final String SMTP_PORT = "SMTP_PORT";
    /** SMTP user; authentication is used when set. */
    public static final String SMTP_USERNAME = "SMTP_USERNAME";
    /** SMTP password (secret); required with {@link #SMTP_USERNAME}. */
    public static final String SMTP_PASSWORD = "SMTP_PASSWORD";
    /** {@code true} (default): require STARTTLS, never send in clear text. */
    public static final String SMTP_USE_TLS = "SMTP_USE_TLS";
    /** {@code true}: connect with TLS from the start (SMTPS, port 465) instead of STARTTLS; default false. */
    public static final String SMTP_USE_SSL = "SMTP_USE_SSL";
    /** The From address. Required. */
    public static final String SMTP_FROM = "SMTP_FROM";

    /** Twilio account SID. Key variable of the SMS channel. */
    public static final String TWILIO_ACCOUNT_SID = "TWILIO_ACCOUNT_SID";
    /** Twilio auth token (secret). Required. */
    public static final String TWILIO_AUTH_TOKEN = "TWILIO_AUTH_TOKEN";
    /** The sending number (E.164); required unless {@link #TWILIO_MESSAGING_SERVICE_SID} is set. */
    public static final String TWILIO_PHONE_NUMBER = "TWILIO_PHONE_NUMBER";
    /** A Messaging Service SID to send from instead of a number. */
    public static final String TWILIO_MESSAGING_SERVICE_SID = "TWILIO_MESSAGING_SERVICE_SID";
    /** A URL Twilio posts delivery status to (the only way to learn an SMS was delivered). */
    public static final String TWILIO_STATUS_CALLBACK_URL = "TWILIO_STATUS_CALLBACK_URL";
    /** Twilio API base URL; default {@code https://api.twilio.com}. */
    public static final String TWILIO_API_URL = "TWILIO_API_URL";

    /** WhatsApp Cloud API access token (secret). Key variable of the WhatsApp channel. */
    public static final String WHATSAPP_TOKEN = "WHATSAPP_TOKEN";
    /** The sending phone number's id. Required. */
    public static final String WHATSAPP_PHONE_NUMBER_ID = "WHATSAPP_PHONE_NUMBER_ID";
    /** The approved template's name; default {@code vital_alert}. */
    public static final String WHATSAPP_TEMPLATE = "WHATSAPP_TEMPLATE";
    /** The template's language code; default {@code en_US}. */
    public static final String WHATSAPP_TEMPLATE_LANGUAGE = "WHATSAPP_TEMPLATE_LANGUAGE";
    /** Graph API base URL; default {@code https://graph.facebook.com}. */
    public static final String WHATSAPP_API_URL = "WHATSAPP_API_URL";
    /** Graph API version path segment; default {@code v21.0}. */
    public static final String WHATSAPP_API_VERSION = "WHATSAPP_API_VERSION";

    /** Path of the Firebase service-account JSON file. Key variable of the push channel. */
    public static final String FCM_SERVICE_ACCOUNT_FILE = "FCM_SERVICE_ACCOUNT_FILE";
    /** Firebase project id; default the file's {@code project_id}. */
    public static final String FCM_PROJECT_ID = "FCM_PROJECT_ID";
    /** FCM API base URL; default {@code https://fcm.googleapis.com}. */
    public static final String FCM_API_URL = "FCM_API_URL";

    /** Slack bot token (secret) for {@code chat.postMessage}. Key variable of the Slack channel (API mode). */
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    /** Default Slack channel id for {@code chat.postMessage}, used when the contact point has no address. */
    public static final String SLACK_CHANNEL = "SLACK_CHANNEL";
    /** Slack incoming-webhook URL (secret). Key variable of the Slack channel (webhook mode). */
    public static final String SLACK_WEBHOOK_URL = "SLACK_WEBHOOK_URL";
    /** Slack Web API base URL; default {@code https://slack.com/api}. */
    public static final String SLACK_API_URL = "SLACK_API_URL";

    /** Teams Workflows webhook URL (secret: it carries the {@code sig}). Key variable of the Teams channel. */
    public static final String TEAMS_WEBHOOK_URL = "TEAMS_WEBHOOK_URL";

    /** The generic webhook's URL (treated as secret). Key variable of the webhook channel. */
    public static final String WEBHOOK_URL = "WEBHOOK_URL";
    /** The Standard Webhooks signing secret, {@code whsec_<base64 of 24 to 64 bytes>}. Required. */
    public static final String WEBHOOK_SECRET = "WEBHOOK_SECRET";

    /** Link offered to templates as {@code dashboard_url}; optional, all channels. */
    public static final String DASHBOARD_URL = "DASHBOARD_URL";
    /**
     * Comma-separated {@link com.nexussaude.monitor.notify.NotificationField} names templates may
     * use, e.g. {@code patient_id,bed,ward,message}; default patient id, ward, bed, message and
     * evidence (never the patient's name). All channels.
     */
    public static final String NOTIFY_PRIVACY_FIELDS = "NOTIFY_PRIVACY_FIELDS";
    /** HTTP connect timeout in milliseconds; default 5000. All HTTP channels. */
    public static final String NOTIFY_HTTP_CONNECT_TIMEOUT_MS = "NOTIFY_HTTP_CONNECT_TIMEOUT_MS";
    /**
     * Deadline of one HTTP exchange in milliseconds (connect, request, response headers and body);
     * default 15000. All HTTP channels.
     */
    public static final String NOTIFY_HTTP_REQUEST_TIMEOUT_MS = "NOTIFY_HTTP_REQUEST_TIMEOUT_MS";

    /**
     * Set (to the reason, for the log) to allow {@code http://} URLs for the HTTP channels, which
     * otherwise refuse them: clear text, for tests and relays inside the hospital's network only.
     *
     * @since 0.2
     */
    public static final String NOTIFY_ALLOW_INSECURE_TRANSPORT = "NOTIFY_ALLOW_INSECURE_TRANSPORT";

    private ChannelEnvironment() {
    }

    /**
     * Builds every channel {@code env} configures, with default names ({@code email}, {@code sms},
     * {@code whatsapp}, {@code push}, {@code slack}, {@code teams}, {@code webhook}). Nothing is
     * discovered from the class path; an empty list means no channel is configured.
     *
     * @param env the environment variables, usually {@link System#getenv()}; not null
     * @return the configured channels, in the order listed above; empty if none is configured
     * @throws ChannelConfigurationException naming the variables that are missing or invalid
     */
    public static List<NotificationChannel> channels(Map<String, String> env) {
        Settings s = new Settings(env);
        List<NotificationChannel> channels = new ArrayList<>();
        if (s.isSet(SMTP_HOST)) {
            channels.add(EmailChannel.fromEnvironment(env).build());
        }
        if (s.isSet(TWILIO_ACCOUNT_SID)) {
            channels.add(TwilioSmsChannel.fromEnvironment(env).build());
        }
        if (s.isSet(WHATSAPP_TOKEN)) {
            channels.add(WhatsAppChannel.fromEnvironment(env).build());
        }
        if (s.isSet(FCM_SERVICE_ACCOUNT_FILE)) {
            channels.add(FcmPushChannel.fromEnvironment(env).build());
        }
        if (s.isSet(SLACK_BOT_TOKEN) || s.isSet(SLACK_WEBHOOK_URL)) {
            channels.add(SlackChannel.fromEnvironment(env).build());
        }
        if (s.isSet(TEAMS_WEBHOOK_URL)) {
            channels.add(TeamsChannel.fromEnvironment(env).build());
        }
        if (s.isSet(WEBHOOK_URL)) {
            channels.add(WebhookChannel.fromEnvironment(env).build());
        }
        return List.copyOf(channels);
    }
}
