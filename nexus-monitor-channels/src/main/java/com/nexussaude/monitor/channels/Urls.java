package com.nexussaude.monitor.channels;

import java.net.URI;
import java.util.List;

/** URL checks and the safe way to show a URL that may carry a token. */
final class Urls {

    private Urls() {
    }

    static URI requireHttp(URI uri, String setting) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new ChannelConfigurationException(List.of(setting), setting + " must be an absolute http or https URL");
        }
        return uri;
    }

    /** Scheme, host and port only: webhook URLs carry their secret in the path or the query. */
    static String redacted(URI uri) {
        if (uri == null) {
            return "null";
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + "/…";
    }

    /** {@code base} with {@code path} appended, keeping exactly one slash between them. */
    static URI join(URI base, String path) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return URI.create(b + (path.startsWith("/") ? path : "/" + path));
    }
}
