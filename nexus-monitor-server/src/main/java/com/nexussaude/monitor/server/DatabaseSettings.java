package com.nexussaude.monitor.server;

import com.nexussaude.monitor.jdbc.JdbcConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database settings of the service, under the original product's names: either
 * {@code DATABASE_URL} ({@code jdbc:postgresql://host:5432/db}, or the libpq form
 * {@code postgresql://user:password@host:5432/db}) or {@code DB_HOST} with {@code DB_PORT} (5432),
 * {@code DB_NAME}; the credentials in {@code DB_USER} and {@code DB_PASSWORD} (or the URL's user
 * part). None of them set: no database, the file journal.
 *
 * <p>Every mistake is a {@link ServerConfig.ConfigException} naming the setting and where it came
 * from; the password, and a URL that may hold one, are never shown (the URL is shown without its
 * user part and query string).
 */
final class DatabaseSettings {
    /** The settings read, in {@link ServerConfig#SETTINGS}. */
    static final List<String> NAMES = List.of("DATABASE_URL", "DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD");

    // scheme://[user[:password]@]host[:port]/database[?query]
    private static final Pattern LIBPQ = Pattern.compile(
            "(?:postgres|postgresql)://(?:([^:@/?]*)(?::([^@/?]*))?@)?([^:/?@]+)(?::(\\d+))?/([^?/]+)(\\?.*)?");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");

    private DatabaseSettings() {
    }

    /**
     * The database configuration, or {@code null} when none of the settings is given.
     *
     * @param value a setting's value ({@code null} when not set)
     * @param where where a setting came from ("environment variable", "in FILE")
     * @throws ServerConfig.ConfigException naming the setting that cannot be used
     */
    static JdbcConfig parse(Function<String, String> value, Function<String, String> where) {
        String url = value.apply("DATABASE_URL");
        String host = value.apply("DB_HOST");
        String user = value.apply("DB_USER");
        String password = value.apply("DB_PASSWORD");
        if (url == null && host == null) {
            List<String> stray = new ArrayList<>();
            for (String n : NAMES) {
                if (value.apply(n) != null) {
                    stray.add(n + " (" + where.apply(n) + ")");
                }
            }
            if (!stray.isEmpty()) {
                throw new ServerConfig.ConfigException(String.join(", ", stray) + (stray.size() == 1 ? " is" : " are")
                        + " set but neither DATABASE_URL nor DB_HOST: the service would silently keep its journal in"
                        + " the data directory; set DATABASE_URL or DB_HOST to use PostgreSQL, or unset "
                        + String.join(", ", stray.stream().map(s -> s.substring(0, s.indexOf(' '))).toList()));
            }
            return null;
        }
        if (url != null && host != null) {
            throw new ServerConfig.ConfigException("both DATABASE_URL (" + where.apply("DATABASE_URL") + ") and DB_HOST ("
                    + where.apply("DB_HOST") + ") are set: give the database one way, not two");
        }
        String jdbcUrl;
        if (url != null) {
            for (String n : List.of("DB_PORT", "DB_NAME")) {
                if (value.apply(n) != null) {
                    throw new ServerConfig.ConfigException(n + " (" + where.apply(n) + ") is set together with"
                            + " DATABASE_URL (" + where.apply("DATABASE_URL") + "), which names the port and database"
                            + " itself: unset " + n);
                }
            }
            if (url.startsWith("jdbc:postgresql://")) {
                jdbcUrl = url;
            } else {
                Matcher m = LIBPQ.matcher(url);
                if (!m.matches()) {
                    throw new ServerConfig.ConfigException("DATABASE_URL (" + where.apply("DATABASE_URL") + ") must be"
                            + " jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE,"
                            + " but was \"" + shown(url) + "\"");
                }
                if (m.group(1) != null && !m.group(1).isEmpty()) {
                    if (user != null) {
                        throw new ServerConfig.ConfigException("DATABASE_URL (" + where.apply("DATABASE_URL")
                                + ") names a user and DB_USER (" + where.apply("DB_USER") + ") is set too: give one");
                    }
                    user = decode(m.group(1));
                }
                if (m.group(2) != null) {
                    if (password != null) {
                        throw new ServerConfig.ConfigException("DATABASE_URL (" + where.apply("DATABASE_URL")
                                + ") holds a password and DB_PASSWORD (" + where.apply("DB_PASSWORD")
                                + ") is set too: give one (values not shown)");
                    }
                    password = decode(m.group(2));
                }
                jdbcUrl = "jdbc:postgresql://" + m.group(3) + ":" + (m.group(4) == null ? "5432" : m.group(4)) + "/"
                        + m.group(5) + (m.group(6) == null ? "" : m.group(6));
            }
        } else {
            if (!HOST.matcher(host).matches()) {
                throw new ServerConfig.ConfigException("DB_HOST (" + where.apply("DB_HOST") + ") must be a host name or"
                        + " address, but was \"" + host + "\"");
            }
            String port = value.apply("DB_PORT");
            int p;
            try {
                p = port == null ? 5432 : Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new ServerConfig.ConfigException("DB_PORT (" + where.apply("DB_PORT") + ") must be an integer in"
                        + " 1..65535, but was \"" + port + "\"");
            }
            String name = value.apply("DB_NAME");
            if (name == null) {
                throw new ServerConfig.ConfigException("DB_HOST (" + where.apply("DB_HOST") + ") is set but DB_NAME is"
                        + " not: it names the database (e.g. nexus)");
            }
            if (!NAME.matcher(name).matches()) {
                throw new ServerConfig.ConfigException("DB_NAME (" + where.apply("DB_NAME") + ") must be letters, digits,"
                        + " '_', '-' or '.', but was \"" + name + "\"");
            }
            jdbcUrl = "jdbc:postgresql://" + host + ":" + p + "/" + name;
        }
        try {
            return JdbcConfig.builder(jdbcUrl).user(user).password(password).build();
        } catch (IllegalArgumentException e) {
            // JdbcConfig's messages show the URL without its query string and never the password.
            String setting = url != null ? "DATABASE_URL" : "DB_HOST";
            throw new ServerConfig.ConfigException(setting + " (" + where.apply(setting) + "): " + e.getMessage());
        }
    }

    /** A URL as it may be shown: without its user part (which may hold a password) and query string. */
    static String shown(String url) {
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q) + "?…";
        }
        int scheme = s.indexOf("://");
        int at = s.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 3) + "…@" + s.substring(at + 1);
        }
        return s;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
