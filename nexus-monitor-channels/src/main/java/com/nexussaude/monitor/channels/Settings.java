package com.nexussaude.monitor.channels;

import com.nexussaude.monitor.notify.PrivacyPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads channel settings from a map of environment variables. Every problem is collected and
 * {@link #throwIfInvalid()} reports them all at once, so an operator fixes a deployment in one go.
 * Messages name the variable and, for secrets, never the value.
 */
final class Settings {

    private final Map<String, String> env;
    private final Map<String, String> problems = new LinkedHashMap<>();

    Settings(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "environment");
    }

    /** The trimmed value, or null when unset or blank. */
    String optional(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    boolean isSet(String name) {
        return optional(name) != null;
    }

    String required(String name) {
        String v = optional(name);
        if (v == null) {
            problems.putIfAbsent(name, name + " is required");
        }
        return v;
    }

    /** A required secret: not trimmed (a token's spaces would be a copy error, but are its own). */
    Secret requiredSecret(String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            problems.putIfAbsent(name, name + " is required");
            return null;
        }
        return Secret.of(v.strip(), name);
    }

    Secret optionalSecret(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : Secret.of(v.strip(), name);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                problems.put(name, name + " must be within " + min + ".." + max + ", but was " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            problems.put(name, name + " must be an integer, but was '" + v + "'");
            return defaultValue;
        }
    }

    boolean bool(String name, boolean defaultValue) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                problems.put(name, name + " must be true or false, but was '" + v + "'");
                return defaultValue;
        }
    }

    Duration millis(String name, Duration defaultValue) {
        String v = optional(name);
        if (v == null) {
            return defaultValue;
        }
        int ms = integer(name, (int) defaultValue.toMillis(), 1, Integer.MAX_VALUE);
        return Duration.ofMillis(ms);
    }

    /** An http(s) URL. {@code secret} URLs (webhooks with a token in them) are not echoed. */
    URI url(String name, String defaultValue, boolean required, boolean secret) {
        String v = optional(name);
        if (v == null) {
            if (required && defaultValue == null) {
                problems.putIfAbsent(name, name + " is required");
            }
            return defaultValue == null ? null : URI.create(defaultValue);
        }
        try {
            return Urls.requireHttp(URI.create(v), name);
        } catch (IllegalArgumentException e) {
            problems.put(name, name + " must be an absolute http or https URL" + (secret ? "" : ", but was '" + v + "'"));
            return null;
        }
    }

    Path readableFile(String name) {
        String v = required(name);
        if (v == null) {
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isReadable(p)) {
            problems.put(name, name + " must name a readable file, but '" + v + "' is not");
            return null;
        }
        return p;
    }

    PrivacyPolicy privacy() {
        String v = optional(ChannelEnvironment.NOTIFY_PRIVACY_FIELDS);
        if (v == null) {
            return PrivacyPolicy.minimumNecessary();
        }
        try {
            return PrivacyPolicy.parse(v);
        } catch (IllegalArgumentException e) {
            problems.put(ChannelEnvironment.NOTIFY_PRIVACY_FIELDS,
                    ChannelEnvironment.NOTIFY_PRIVACY_FIELDS + ": " + e.getMessage());
            return PrivacyPolicy.minimumNecessary();
        }
    }

    void problem(String name, String message) {
        problems.put(name, message);
    }

    /** @throws ChannelConfigurationException naming every problem found so far */
    void throwIfInvalid(String channel) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(problems.keySet());
        String message = problems.size() == 1
                ? channel + " channel: " + problems.values().iterator().next()
                : channel + " channel has " + problems.size() + " configuration problems:\n  "
                        + String.join("\n  ", problems.values());
        throw new ChannelConfigurationException(names, message);
    }
}
