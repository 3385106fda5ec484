package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The CLI's requests to a daemon's admin API: one timeout, JSON bodies, and a one-line reason when nothing answers. */
final class DaemonClient {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A change goes through ZooKeeper (a compare-and-set and its history): more time than a read. */
    static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);

    /** An answer: its status, its JSON body ({@code {}} when empty) and its ETag (null when none). */
    record Answer(int status, JsonNode body, String etag) {
        Answer(int status, JsonNode body) {
            this(status, body, null);
        }

        /** The error's message, for a one-line report. */
        String message() {
            return body.path("message").asText("(no message)");
        }
    }

    /** Nothing answered; the message says what to do (without the "ringkeeper: " prefix). */
    static final class NoAnswer extends Exception {
        NoAnswer(String message) {
            super(message);
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper mapper = new ObjectMapper();

    DaemonClient(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    Answer get(String path) throws NoAnswer, IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** @param headers name, value, name, value... */
    Answer put(String path, JsonNode body, String... headers) throws NoAnswer, IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
        return send(withHeaders(b, headers));
    }

    Answer post(String path) throws NoAnswer, IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer post(String path, JsonNode body) throws NoAnswer, IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))));
    }

    Answer delete(String path, String... headers) throws NoAnswer, IOException, InterruptedException {
        return send(withHeaders(HttpRequest.newBuilder(base.resolve(path)).DELETE(), headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        return b;
    }

    private Answer send(HttpRequest.Builder request) throws NoAnswer, IOException, InterruptedException {
        try {
            HttpRequest built = request.header("Accept", "application/json").build();
            Duration timeout = built.method().equals("GET") ? TIMEOUT : CHANGE_TIMEOUT;
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(built, (n, v) -> true).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), mapper.readTree(r.body().isEmpty() ? "{}" : r.body()),
                    r.headers().firstValue("ETag").orElse(null));
        } catch (ConnectException e) {
            throw new NoAnswer("no daemon answers at " + base + " (connection refused); start it, e.g. systemctl start ringkeeper");
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("the daemon at " + base + " did not answer in time (" + e.getMessage() + ")");
        }
    }
}
