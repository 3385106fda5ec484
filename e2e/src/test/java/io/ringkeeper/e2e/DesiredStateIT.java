package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three daemons (processes, as {@code bin/ringkeeper daemon} runs them) on one real ZooKeeper ({@code ringkeeper
 * zookeeper}), converging on desired-state records. Cassandra is not part of this test: each node's installation is a
 * stand-in, so the join flow claims a slot and waits; the records, status and their API do not depend on it.
 */
class DesiredStateIT {
    private static final Path ROOT = ManagedNode.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGGER = "io.ringkeeper.e2e.desired";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private Path dir;

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor();
        }
    }

    @Test
    void everyDaemonConvergesOnTheRecordAndKeepsItThroughAKillAndAZooKeeperOutage() throws Exception {
        dir = ROOT.resolve("e2e/target/it/desired-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(dir.resolve("cassandra-home/lib"));
        Files.createFile(dir.resolve("cassandra-home/lib/cassandra-all-5.0.9.jar"));
        Files.writeString(dir.resolve("seed-provider.jar"), "");
        Files.writeString(dir.resolve("inventory.yaml"), """
                instances:
                  - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                  - {id: node2, address: 127.0.0.2, dc: dc1, rack: rack2}
                  - {id: node3, address: 127.0.0.3, dc: dc1, rack: rack3}
                """);
        int[] ports = ManagedNode.freePorts(4);
        int zkPort = ports[0];
        Process zk = startZooKeeper(zkPort);
        List<Process> daemons = new ArrayList<>(List.of(daemon(1, ports), daemon(2, ports), daemon(3, ports)));
        List<String> urls = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            urls.add(awaitUrl(daemons.get(n - 1), n));
        }

        // A change on node 1 reaches every daemon.
        HttpResponse<String> created = put(urls.get(0), "/v1/desired/logging", record("DEBUG"), "If-None-Match", "*");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        long t0 = System.nanoTime();
        awaitConverged(urls.get(1), 0, 3);
        System.out.printf("a record change converged on 3 daemons in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        for (String url : urls) {
            awaitLevel(url, "DEBUG");
        }

        // A stale version and an invalid record change nothing, whichever node they are sent to.
        HttpResponse<String> stale = put(urls.get(2), "/v1/desired/logging", record("WARN"), "If-Match", "\"5\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        HttpResponse<String> invalid = put(urls.get(1), "/v1/desired/logging", record("LOUD"), "If-Match", "\"0\"");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json(invalid).path("details").path("pointer").asText()).isEqualTo("/daemon/" + LOGGER);
        assertThat(json(get(urls.get(0) + "/v1/desired/logging")).path("version").asInt()).isZero();

        // A daemon killed with kill -9 while the record changes converges once it is back.
        daemons.get(2).destroyForcibly().waitFor();
        assertThat(put(urls.get(0), "/v1/desired/logging", record("INFO"), "If-Match", "\"0\"").statusCode()).isEqualTo(200);
        awaitConverged(urls.get(0), 1, 2);
        JsonNode node3 = entry(urls.get(0), "node3");
        assertThat(node3.path("convergedVersion").asInt()).as("node3 is down: still at version 0").isZero();
        daemons.set(2, daemon(3, ports));
        urls.set(2, awaitUrl(daemons.get(2), 3));
        awaitConverged(urls.get(0), 1, 3);
        awaitLevel(urls.get(2), "INFO");

        // ZooKeeper goes away: every daemon keeps the levels it converged on and says the control plane is away.
        zk.destroy();
        zk.waitFor();
        for (String url : urls) {
            awaitWarning(url);
            assertThat(level(url)).isEqualTo("INFO");
        }
        // Asking for the cluster's status now is a prompt 503 that says why, not a request hanging on Curator's retries.
        HttpResponse<String> away = get(urls.get(0) + "/v1/status/logging");
        assertThat(away.statusCode()).isEqualTo(503);
        assertThat(json(away).path("error").asText()).isEqualTo("zookeeper_unavailable");
        Thread.sleep(3000); // several resyncs' worth of passes without ZooKeeper
        for (String url : urls) {
            assertThat(level(url)).as("kept while ZooKeeper is away").isEqualTo("INFO");
        }
        // ...and converges on what changed once it is back.
        startZooKeeper(zkPort);
        HttpResponse<String> after = putWhenAnswered(urls.get(1), record("WARN"), "\"1\"");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        awaitConverged(urls.get(2), 2, 3);
        for (String url : urls) {
            awaitLevel(url, "WARN");
        }
        assertThat(json(get(urls.get(0) + "/v1/desired/logging/history")).path("versions")).hasSize(3);
    }

    private static String record(String level) {
        return "{\"spec\": {\"daemon\": {\"" + LOGGER + "\": \"" + level + "\"}}, \"comment\": \"e2e\"}";
    }

    private Process startZooKeeper(int port) throws Exception {
        Process zk = start(dir.resolve("zookeeper.log"), ROOT.resolve("bin/ringkeeper").toString(), "zookeeper",
                "--port", Integer.toString(port), "--data-dir", dir.resolve("zookeeper").toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            assertThat(zk.isAlive()).as("ZooKeeper running; see " + dir.resolve("zookeeper.log")).isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return zk;
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as("ZooKeeper listening").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private Process daemon(int n, int[] ports) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("node" + n));
        Files.deleteIfExists(nodeDir.resolve("state/daemon.json"));
        Path config = nodeDir.resolve("ringkeeper.yaml");
        Files.writeString(config, """
                cluster_name: desired-%d
                state_dir: state
                http: {bind: 127.0.0.%d, port: 0}
                local:
                  instance_id: node%d
                  inventory_file: ../inventory.yaml
                zookeeper: {connect: "127.0.0.1:%d", session_timeout: 4s, connection_timeout: 1s}
                seeds: {provider_jar: ../seed-provider.jar}
                cassandra:
                  home: ../cassandra-home
                  conf_dir: conf
                  data_dirs: [data]
                  commitlog_dir: commitlog
                  hints_dir: hints
                  saved_caches_dir: saved_caches
                  log_dir: logs
                  pidfile: run/cassandra.pid
                  supervisor: process
                  wrapper: %s
                  native_port: %d
                  storage_port: %d
                  jmx_port: %d
                  restart_delay: 60s
                """.formatted(ProcessHandle.current().pid(), n, n, ports[0], ROOT.resolve("systemd/cassandra-wrapper"),
                ports[1], ports[2], ports[3]));
        return start(nodeDir.resolve("daemon.log"), ROOT.resolve("bin/ringkeeper").toString(), "daemon", "--config",
                config.toString());
    }

    private Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(p);
        return p;
    }

    private String awaitUrl(Process daemon, int n) throws Exception {
        Path endpoint = dir.resolve("node" + n + "/state/daemon.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(endpoint)) {
            assertThat(daemon.isAlive()).as("daemon " + n + " running; see its daemon.log").isTrue();
            assertThat(System.nanoTime()).as("daemon " + n + " serving").isLessThan(deadline);
            Thread.sleep(100);
        }
        return JSON.readTree(endpoint.toFile()).path("url").asText();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String base, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Right after ZooKeeper is back a daemon may still be reconnecting (503): send again until it answers. */
    private HttpResponse<String> putWhenAnswered(String base, String body, String ifMatch) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = put(base, "/v1/desired/logging", body, "If-Match", ifMatch);
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(500);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private JsonNode entry(String url, String instanceId) throws Exception {
        for (JsonNode e : json(get(url + "/v1/status/logging")).path("entries")) {
            if (e.path("instanceId").asText().equals(instanceId)) {
                return e;
            }
        }
        return JSON.nullNode();
    }

    /** Waits until {@code count} daemons report CONVERGED on {@code version}, as node {@code url} reads the cluster. */
    private void awaitConverged(String url, int version, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(url + "/v1/status/logging");
            if (r.statusCode() == 200) {
                status = json(r);
                int converged = 0;
                for (JsonNode e : status.path("entries")) {
                    if (e.path("state").asText().equals("CONVERGED") && e.path("convergedVersion").asInt() == version) {
                        converged++;
                    }
                }
                if (converged >= count) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(count + " daemons did not converge on version " + version + ": " + status);
    }

    private String level(String url) throws Exception {
        return json(get(url + "/v1/logging")).path("levels").path(LOGGER).asText();
    }

    private void awaitLevel(String url, String level) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!level.equals(level(url))) {
            assertThat(System.nanoTime()).as(url + " runs " + LOGGER + " at " + level).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private void awaitWarning(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode ready = json(get(url + "/v1/health/ready"));
            JsonNode warnings = ready.has("warnings") ? ready.path("warnings") : ready.path("details").path("warnings");
            if (warnings.has("zookeeper")) {
                assertThat(warnings.path("zookeeper").asText()).startsWith("not connected to ZooKeeper");
                return;
            }
            assertThat(System.nanoTime()).as(url + " warns that ZooKeeper is away: " + ready).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
