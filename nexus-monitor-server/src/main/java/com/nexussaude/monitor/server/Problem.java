package com.nexussaude.monitor.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered as RFC 9457 {@code application/problem+json}: {@code type}, {@code title},
 * {@code status}, {@code detail}, plus extension members such as {@code errors}.
 */
final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String title;
    final transient Map<String, Object> extensions = new LinkedHashMap<>();

    Problem(int status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "Bad request", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }

    static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail);
    }

    static Problem unprocessable(String detail) {
        return new Problem(422, "Unprocessable content", detail);
    }

    Problem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    Map<String, Object> body(String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title);
        m.put("status", status);
        m.put("detail", getMessage());
        m.put("instance", instance);
        m.putAll(extensions);
        return m;
    }
}
