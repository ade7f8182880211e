package com.nexussaude.monitor.channels;

import java.util.List;

/**
 * A channel's configuration is missing or invalid. The message names every setting that is wrong
 * (the environment variable, or the builder method), never a secret's value; {@link #settings()}
 * lists them.
 *
 * @since 0.1
 */
public class ChannelConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The settings that are wrong, as given to the constructor; serialized with the exception. */
    private final List<String> settings;

    /**
     * A configuration error naming {@code settings}.
     *
     * @param settings the settings that are wrong, e.g. {@code TWILIO_AUTH_TOKEN}
     * @param message  what is wrong with them
     */
    public ChannelConfigurationException(List<String> settings, String message) {
        super(message);
        this.settings = List.copyOf(settings);
    }

    /**
     * The names of the settings that are missing or invalid.
     *
     * @return the names of the settings that are missing or invalid
     */
    public List<String> settings() {
        return settings;
    }
}
