package com.nexussaude.monitor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's service curl lines, in order, against a real server: each line's method,
 * headers, body and URL become the same HTTP request, and its answer must have the status written
 * after {@code # ->}. {@code $TOKEN} is an all-roles token, as {@code serve --demo} prints.
 */
class ReadmeCurlExamplesTest {
    @TempDir
    Path dir;

    static List<String> curlLines() throws Exception {
        Path readme = Path.of("../README.md");
        assertThat(readme).as("the repository's README.md, from the module directory").exists();
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("## The monitoring service");
        assertThat(start).as("the README's service section").isNotNegative();
        List<String> out = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            if (lines.get(i).startsWith("curl ")) {
                out.add(lines.get(i));
            }
        }
        return out;
    }

    /** Splits a shell line into words, honouring '...' and "..." quotes; stops at an unquoted #. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (c == '#' && w == null) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void everyCurlLineOfTheServiceSectionGetsTheStatusTheReadmePromises() throws Exception {
        List<String> lines = curlLines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(8);
        String token = TestServer.token("developer", Auth.Role.values());
        Pattern expected = Pattern.compile("# -> (\\d{3})\\s*$");
        try (TestServer t = new TestServer(dir)) {
            for (String line : lines) {
                Matcher m = expected.matcher(line);
                assertThat(m.find()).as("expected status on: " + line).isTrue();
                List<String> w = words(line.replace("$TOKEN", token));
                String method = null;
                String body = null;
                String url = null;
                List<String> headers = new ArrayList<>();
                for (int i = 1; i < w.size(); i++) {
                    switch (w.get(i)) {
                        case "-s" -> { }
                        case "-X" -> method = w.get(++i);
                        case "-H" -> headers.add(w.get(++i));
                        case "-d" -> body = w.get(++i);
                        default -> {
                            assertThat(w.get(i)).as("an option this test understands, in: " + line).startsWith("http://localhost:8005");
                            url = w.get(i).replace("http://localhost:8005", t.base);
                        }
                    }
                }
                method = method != null ? method : body != null ? "POST" : "GET";
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
                for (String h : headers) {
                    int colon = h.indexOf(':');
                    b.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
                }
                HttpResponse<String> r = t.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(line + "\nanswered: " + r.body()).isEqualTo(Integer.parseInt(m.group(1)));
            }
        }
    }
}
