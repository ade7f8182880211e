package com.nexussaude.monitor.server;

import static com.nexussaude.monitor.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served /openapi.json describes exactly the routes the running server registered. */
class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationExists() {
        try (TestServer t = new TestServer(dir)) {
            HttpResponse<String> r = t.get("/openapi.json", null);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = json(r);
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            Set<String> documented = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> p = paths.next();
                for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext(); ) {
                    documented.add(methods.next().toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            }
            Set<String> registered = new TreeSet<>();
            for (String route : t.server.routes()) {
                // Javalin adds HEAD for every GET on its own; OpenAPI documents the GET.
                if (!route.startsWith("HEAD ") && !route.startsWith("OPTIONS ")) {
                    registered.add(route);
                }
            }
            assertThat(registered).as("registered routes").isNotEmpty();
            assertThat(documented).as("documented operations").containsExactlyElementsOf(registered);
            // Every documented operation answers something other than "no such route".
            for (String op : documented) {
                String[] parts = op.split(" ", 2);
                String path = parts[1].replaceAll("\\{[^}]+}", "x");
                if (path.equals("/events")) {
                    continue; // a stream: it would not end; its route is checked above and by LiveEventsTest
                }
                HttpResponse<String> answer = t.send(parts[0], path, TestServer.ADMIN, parts[0].equals("GET") ? null : "{}");
                boolean noRoute = answer.statusCode() == 404 && answer.body().contains("no route");
                assertThat(noRoute).as(op + " answered " + answer.statusCode() + " " + answer.body()).isFalse();
            }
        }
    }
}
