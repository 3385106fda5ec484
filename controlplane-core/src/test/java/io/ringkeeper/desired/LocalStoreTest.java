package io.ringkeeper.desired;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.testing.InProcessDaemon;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon without zookeeper.connect keeps its records in its own store under state_dir: the same API and the same
 * convergence as in a cluster, and the records outlive the daemon.
 */
class LocalStoreTest {
    @TempDir
    Path dir;

    @Test
    void withoutZooKeeperRecordsWorkAndSurviveARestart() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> created = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/desired/logging"))
                    .header("Content-Type", "application/json").header("If-None-Match", "*")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\": {\"daemon\": {\"io.ringkeeper.localtest\": \"TRACE\"}}}")));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            awaitLevel(d, "TRACE");
            JsonNode node = json(d.get("/v1/status/logging")).path("entries").get(0);
            assertThat(node.path("instanceId").asText()).isEqualTo("node1");
            assertThat(node.path("live").asBoolean()).isTrue();
        }
        assertThat(Files.isDirectory(dir.resolve("state/zookeeper"))).isTrue();
        // The logger is back to its default in this JVM, as it would be in a new daemon process.
        new io.ringkeeper.logging.LogLevels().clear("io.ringkeeper.localtest");

        try (InProcessDaemon again = InProcessDaemon.start(dir, "")) {
            JsonNode record = json(again.get("/v1/desired/logging"));
            assertThat(record.path("version").asInt()).isZero();
            awaitLevel(again, "TRACE");
            JsonNode summary = json(again.get("/v1/status")).path("kinds").get(0);
            assertThat(summary.path("converged").asInt()).isEqualTo(1);
        }
    }

    private static void awaitLevel(InProcessDaemon d, String level) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!level.equals(json(d.get("/v1/logging")).path("levels").path("io.ringkeeper.localtest").asText())) {
            assertThat(System.nanoTime()).as("the daemon applies the record").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
