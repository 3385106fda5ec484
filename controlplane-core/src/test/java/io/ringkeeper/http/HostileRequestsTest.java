package io.ringkeeper.http;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.testing.InProcessDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that stall, trickle, misspell or overflow: each costs a bounded amount and gets a clear 4xx, never a 500. */
class HostileRequestsTest {
    @TempDir
    Path dir;

    private static final String STALLED = "POST /v1/cassandra/stop HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{\"a\"";

    @Test
    void stalledBodiesHoldNoRequestThreadAndEndIn408() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "  threads: 8\n  body_timeout: 2s\n")) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) { // three times the request pool
                    Socket s = new Socket(d.uri().getHost(), d.uri().getPort());
                    s.getOutputStream().write(STALLED.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    stalled.add(s);
                }
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
                for (String health : List.of("/v1/health/live", "/v1/health/ready", "/v1/node")) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(d.uri().resolve(health))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(health + " answers while 24 bodies stall").isIn(200, 503);
                }
                for (Socket s : stalled) {
                    s.setSoTimeout(10_000);
                    String answer = readAll(s.getInputStream());
                    assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"error\":\"request_timeout\"")
                            .contains("http.body_timeout").containsIgnoringCase("Connection: close");
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
            assertThat(json(d.get("/v1/jobs")).path("jobs").size()).as("no stop ran for a body that never arrived").isZero();
        }
    }

    @Test
    void aTricklingBodyIsCutAtTheDeadlineNotAtEachByte() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "  body_timeout: 1s\n");
             Socket s = new Socket(d.uri().getHost(), d.uri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(STALLED.getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(200);
            StringBuilder answer = new StringBuilder();
            for (int i = 0; i < 50 && answer.isEmpty(); i++) {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                answer.append(readSome(s.getInputStream()));
            }
            s.setSoTimeout(5000);
            answer.append(readAll(s.getInputStream()));
            assertThat(answer.toString()).as("answered within ten seconds of trickle").startsWith("HTTP/1.1 408 ");
        }
    }

    @Test
    void aMisspeltQueryParameterIsRefusedNotIgnored() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/cassandra/stop?drian_timeout=30s"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("error").asText()).isEqualTo("unknown_parameter");
            assertThat(json(r).path("message").asText()).isEqualTo("unknown query parameter \"drian_timeout\" (did you mean"
                    + " drain_timeout?); this endpoint takes: drain_timeout");
            assertThat(json(d.get("/v1/jobs")).path("jobs").size()).as("no stop was started").isZero();

            HttpResponse<String> health = d.get("/v1/health/live?verbose=1");
            assertThat(health.statusCode()).isEqualTo(400);
            assertThat(json(health).path("message").asText()).endsWith("; this endpoint takes none");
        }
    }

    @Test
    void hugeNumbersAndNamesAreClientErrors() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> overflow = d.send(HttpRequest.newBuilder(
                    d.uri().resolve("/v1/cassandra/stop?drain_timeout=99999999999999999d")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(overflow.statusCode()).isEqualTo(400);
            assertThat(json(overflow).path("message").asText())
                    .isEqualTo("drain_timeout: \"99999999999999999d\" is too long a duration; the longest is 3650d");
            HttpResponse<String> tooLong = d.send(HttpRequest.newBuilder(
                    d.uri().resolve("/v1/cassandra/stop?drain_timeout=2h")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(json(tooLong).path("message").asText())
                    .isEqualTo("drain_timeout: 2h is out of range; use between 1ms and 1h, e.g. 120s");

            String longName = "a" + ".b".repeat(3000);
            HttpResponse<String> logger = d.send(HttpRequest.newBuilder(URI.create(d.uri() + "/v1/logging/" + longName))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"DEBUG\"}")));
            assertThat(logger.statusCode()).isEqualTo(422);
            assertThat(json(logger).path("message").asText()).contains("is not a logger name");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String readSome(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            int n = in.read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException nothingYet) {
            return "";
        }
    }
}
