package com.nexussaude.monitor.channels;

import java.util.Objects;

/**
 * A credential held so that it cannot leak by accident: {@link #toString()} is a mask, and only
 * {@link #reveal()} gives the value, at the one place that sends it.
 */
final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    static Secret of(String value, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.isBlank()) {
            throw new ChannelConfigurationException(java.util.List.of(setting), setting + " must not be blank");
        }
        return new Secret(value);
    }

    String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
