/**
 * The standard notification channels: {@link com.nexussaude.monitor.channels.EmailChannel} (SMTP),
 * {@link com.nexussaude.monitor.channels.TwilioSmsChannel},
 * {@link com.nexussaude.monitor.channels.WhatsAppChannel},
 * {@link com.nexussaude.monitor.channels.FcmPushChannel},
 * {@link com.nexussaude.monitor.channels.SlackChannel},
 * {@link com.nexussaude.monitor.channels.TeamsChannel},
 * {@link com.nexussaude.monitor.channels.WebhookChannel} (Standard Webhooks) and
 * {@link com.nexussaude.monitor.channels.LogChannel} (JSON Lines).
 *
 * <p>Each is built with a builder or from environment variables
 * ({@link com.nexussaude.monitor.channels.ChannelEnvironment}), renders its content from bundled
 * Mustache templates that can be replaced, applies a
 * {@link com.nexussaude.monitor.notify.PrivacyPolicy} first (no patient names by default), and
 * never throws for what a server or the network does: see
 * {@link com.nexussaude.monitor.notify.NotificationChannel} for the contract. HTTP channels use
 * {@link java.net.http.HttpClient}; no vendor SDK is involved. Secrets never appear in
 * {@code toString}, results or logs.
 */
package com.nexussaude.monitor.channels;
