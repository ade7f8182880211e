package com.nexussaude.monitor.spring.boot;

import com.nexussaude.monitor.notify.NotificationChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The standard channels (nexus-monitor-channels) from {@code nexus.monitor.channels}: the same settings
 * as the command line's environment variables, keyed by their names ({@code SMTP_HOST}, or in Spring's
 * style {@code smtp-host}).
 */
final class StandardChannels {
    private static final String CHANNEL_ENVIRONMENT = "com.nexussaude.monitor.channels.ChannelEnvironment";

    private StandardChannels() {
    }

    static List<NotificationChannel> fromProperties(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return List.of();
        }
        String property = MonitorFactory.PREFIX + "channels";
        if (!ClassUtils.isPresent(CHANNEL_ENVIRONMENT, StandardChannels.class.getClassLoader())) {
            throw new InvalidConfigurationPropertyValueException(property, settings.keySet(),
                    "the standard channels need com.nexussaude:nexus-monitor-channels on the classpath");
        }
        Map<String, String> env = new LinkedHashMap<>();
        settings.forEach((k, v) -> env.put(k.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT), v));
        // In a class of its own: this one must load without nexus-monitor-channels.
        return ChannelsModule.channels(env, property);
    }

    /** Touches nexus-monitor-channels; loaded only when it is present. */
    private static final class ChannelsModule {
        static List<NotificationChannel> channels(Map<String, String> env, String property) {
            try {
                List<NotificationChannel> channels = com.nexussaude.monitor.channels.ChannelEnvironment.channels(env);
                if (channels.isEmpty()) {
                    throw new InvalidConfigurationPropertyValueException(property, env.keySet(), "no channel is configured by"
                            + " these settings (each channel needs its key setting, e.g. SMTP_HOST or WEBHOOK_URL)");
                }
                return channels;
            } catch (com.nexussaude.monitor.channels.ChannelConfigurationException e) {
                // The message names the settings, never a secret's value.
                throw new InvalidConfigurationPropertyValueException(property + "." + String.join(",", e.settings()),
                        "(not shown)", e.getMessage());
            }
        }
    }
}
