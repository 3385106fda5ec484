package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon as operators run it: bin/ringkeeper in its own JVM, driven over HTTP, the CLI and signals. */
class DaemonProcessIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void startsAnswersOverHttpAndStopsCleanlyOnSigterm() throws Exception {
        Path config = DaemonProcess.writeConfig(dir, "");
        try (DaemonProcess daemon = DaemonProcess.start(dir, config)) {
            URI uri = daemon.awaitEndpoint(Duration.ofSeconds(60));
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<String> live = client.send(HttpRequest.newBuilder(uri.resolve("/v1/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).isEqualTo(200);

            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(uri.resolve("/v1/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(ready.body()).path("message").asText()).startsWith("Cassandra ");

            JsonNode node = JSON.readTree(client.send(HttpRequest.newBuilder(uri.resolve("/v1/node")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(node.path("instance").path("id").asText()).isEqualTo("node1");
            assertThat(node.path("clusterName").asText()).isEqualTo("e2e");

            // The first readiness observation comes within a second of start.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!JSON.readTree(client.send(HttpRequest.newBuilder(uri.resolve("/v1/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("message").asText().equals("Cassandra is not running")) {
                assertThat(System.nanoTime()).as("readiness says Cassandra is not running").isLessThan(deadline);
                Thread.sleep(100);
            }

            // The CLI finds the daemon through the config (state_dir/daemon.json, since the port was 0).
            DaemonProcess.Result status = DaemonProcess.run(Duration.ofSeconds(60), "status", "--config", config.toString());
            assertThat(status.exitCode()).as("answering but not ready").isEqualTo(3);
            assertThat(status.stdout()).contains("instance  node1 at 127.0.0.1 (dc dc1, rack rack1)")
                    .contains("ready     no: Cassandra is not running");

            DaemonProcess.Result json = DaemonProcess.run(Duration.ofSeconds(60), "status", "--json", "--url", uri.toString());
            assertThat(JSON.readTree(json.stdout()).path("node").path("cloud").asText()).isEqualTo("local");

            assertThat(daemon.terminate(Duration.ofSeconds(10))).as("exit code after SIGTERM").isEqualTo(0);
            assertThat(daemon.output()).contains("SIGTERM received").contains("stopped");
            assertThat(dir.resolve("state/daemon.json")).as("endpoint file removed on stop").doesNotExist();
        }
    }

    @Test
    void statusSaysClearlyWhenNoDaemonRuns() throws Exception {
        Path config = DaemonProcess.writeConfig(dir, "");
        Files.writeString(config, Files.readString(config).replace("port: 0", "port: 1"));
        DaemonProcess.Result r = DaemonProcess.run(Duration.ofSeconds(60), "status", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo(
                "ringkeeper: no daemon answers at http://127.0.0.1:1 (connection refused); start it, e.g. systemctl start ringkeeper");
    }

    @Test
    void versionAndHelpWork() throws Exception {
        DaemonProcess.Result version = DaemonProcess.run(Duration.ofSeconds(60), "--version");
        assertThat(version.exitCode()).isEqualTo(0);
        assertThat(version.stdout()).startsWith("ringkeeper 0.1.0");
        DaemonProcess.Result help = DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--help");
        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.stdout()).contains("--config").contains("/etc/ringkeeper/ringkeeper.yaml");
    }
}
