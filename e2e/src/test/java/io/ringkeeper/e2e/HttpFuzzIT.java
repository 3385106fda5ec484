package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hundreds of malformed requests against the real daemon process: every answer must be a 4xx with a JSON
 * error a person can read, and the daemon must still be up afterwards, with bounded metrics.
 */
class HttpFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyMalformedRequestGetsA4xxJsonErrorAndTheDaemonStaysUp() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(dir, DaemonProcess.writeConfig(dir, ""))) {
            URI uri = daemon.awaitEndpoint(Duration.ofSeconds(60));
            List<MalformedRequests.Case> cases = MalformedRequests.all(1 << 20);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(200);

            List<String> failures = new ArrayList<>();
            for (MalformedRequests.Case c : cases) {
                RawHttp.Response r;
                try {
                    r = RawHttp.exchange(uri, c.bytes());
                } catch (Exception e) {
                    failures.add(c.name() + ": no answer (" + e.getMessage() + ")");
                    continue;
                }
                String problem = problemWith(r);
                if (problem != null) {
                    failures.add(c.name() + ": " + problem);
                }
            }
            assertThat(failures).as("requests not answered with a 4xx JSON error").isEmpty();
            assertThat(daemon.process().isAlive()).isTrue();

            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> live = client.send(HttpRequest.newBuilder(uri.resolve("/v1/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);

            // A scan of odd URLs must not blow up the metrics: routes are templates, never raw paths.
            String metrics = client.send(HttpRequest.newBuilder(uri.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Set<String> routes = new TreeSet<>();
            Matcher m = Pattern.compile("ringkeeper_http_requests_total\\{[^}]*route=\"([^\"]*)\"").matcher(metrics);
            while (m.find()) {
                routes.add(m.group(1));
            }
            Set<String> served = new TreeSet<>(List.of("(unmatched)", "(rejected)"));
            JSON.readTree(client.send(HttpRequest.newBuilder(uri.resolve("/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("paths").fieldNames().forEachRemaining(served::add);
            assertThat(routes).as("route labels are the served route templates").isSubsetOf(served);
            assertThat(daemon.output()).as("nothing failed unexpectedly inside the daemon").doesNotContain("incident");
        }
    }

    /** Null when the answer is a 4xx JSON error with a message; otherwise what is wrong with it. */
    private static String problemWith(RawHttp.Response r) {
        if (r.status() < 400 || r.status() > 499) {
            return "status " + r.status() + " " + clip(r.body());
        }
        String type = r.header("content-type");
        if (type == null || !type.startsWith("application/json")) {
            return "status " + r.status() + " with content type " + type + ": " + clip(r.body());
        }
        try {
            JsonNode error = JSON.readTree(r.body());
            if (!error.path("error").isTextual() || error.path("message").asText().isBlank() || !error.path("details").isObject()) {
                return "status " + r.status() + " without {error, message, details}: " + clip(r.body());
            }
        } catch (Exception e) {
            return "status " + r.status() + " with a body that is not JSON: " + clip(r.body());
        }
        return null;
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
