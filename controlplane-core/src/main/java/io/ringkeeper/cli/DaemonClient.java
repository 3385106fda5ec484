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

/** The CLI's GETs to a daemon's admin API: one timeout, JSON bodies, and a one-line reason when nothing answers. */
final class DaemonClient {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** An answer: its status and its JSON body ({@code {}} when empty). */
    record Answer(int status, JsonNode body) {
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
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), mapper.readTree(r.body().isEmpty() ? "{}" : r.body()));
        } catch (ConnectException e) {
            throw new NoAnswer("no daemon answers at " + base + " (connection refused); start it, e.g. systemctl start ringkeeper");
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("the daemon at " + base + " did not answer within " + TIMEOUT.toSeconds() + " s");
        }
    }
}
