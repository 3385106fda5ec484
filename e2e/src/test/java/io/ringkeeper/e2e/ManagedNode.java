package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One Ringkeeper daemon (started as a process through bin/ringkeeper, cloud: local) managing one real
 * Cassandra from Maven Central through the wrapper, on ports picked free for this run, in its own
 * directory under e2e/target/it. {@link #close()} kills whatever is left (daemon and Cassandra) and checks
 * that no Cassandra of this node survives.
 */
final class ManagedNode implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("ringkeeper.root", "..")).toAbsolutePath().normalize();
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    final String version;
    final String dc;
    final Path home;
    final Path dir;
    final int nativePort;
    final int storagePort;
    final int jmxPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private Process daemon;
    private String url;

    private static final String LOCAL_CLOUD = """
            cloud: local
            local:
              inventory:
                - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
            """;

    ManagedNode(String version, String name) throws IOException {
        this(version, name, LOCAL_CLOUD, "dc1");
    }

    /**
     * @param cloudYaml the {@code cloud:} key and that cloud's section; the node's address must be 127.0.0.1
     * @param dc        the DC that cloud puts the node in
     */
    ManagedNode(String version, String name, String cloudYaml, String dc) throws IOException {
        this.version = version;
        this.dc = dc;
        this.home = Path.of(System.getProperty("ringkeeper.cassandra-" + version + ".home"));
        assertThat(home.resolve("lib")).as("Cassandra " + version + " runtime (built by e2e/cassandra-" + version + ")").isDirectory();
        this.dir = ROOT.resolve("e2e/target/it").resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(dir);
        int[] ports = freePorts(3);
        this.nativePort = ports[0];
        this.storagePort = ports[1];
        this.jmxPort = ports[2];
        Files.writeString(dir.resolve("ringkeeper.yaml"), """
                cluster_name: e2e-%s
                state_dir: state
                http: {port: 0}
                %s
                cassandra:
                  version: "%s"
                  home: %s
                  conf_dir: conf
                  data_dirs: [data/data1, data/data2]
                  commitlog_dir: data/commitlog
                  hints_dir: data/hints
                  saved_caches_dir: data/saved_caches
                  log_dir: logs
                  native_port: %d
                  storage_port: %d
                  jmx_port: %d
                  heap: 512M
                  wrapper: %s
                  pidfile: run/cassandra.pid
                  supervisor: process
                  restart_delay: 1s
                  stop_timeout: 90s
                  ready_timeout: 180s
                  jvm_options: [-Dcassandra.skip_wait_for_gossip_to_settle=0, -Dcassandra.ring_delay_ms=1000]
                """.formatted(version.replace('.', '-'), cloudYaml.strip(), version, home, nativePort, storagePort, jmxPort,
                ROOT.resolve("systemd/cassandra-wrapper")));
    }

    /** The daemon's API, once started. */
    String url() {
        return url;
    }

    Path pidfile() {
        return dir.resolve("run/cassandra.pid");
    }

    String daemonLog() throws IOException {
        return Files.readString(dir.resolve("daemon.log"));
    }

    Path commandFile() {
        return dir.resolve("conf/cassandra.cmdline");
    }

    /** Starts the daemon and waits until it has written daemon.json (its HTTP API is up). */
    void startDaemon() throws Exception {
        Files.deleteIfExists(dir.resolve("state/daemon.json"));
        daemon = new ProcessBuilder(ROOT.resolve("bin/ringkeeper").toString(), "daemon", "--config",
                dir.resolve("ringkeeper.yaml").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path endpoint = dir.resolve("state/daemon.json");
        while (!Files.exists(endpoint)) {
            assertThat(daemon.isAlive()).as("daemon running; see " + dir.resolve("daemon.log")).isTrue();
            assertThat(System.nanoTime()).as("daemon.json written in 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        url = json.readTree(endpoint.toFile()).get("url").asText();
    }

    /** SIGTERM to the daemon, as systemd would stop it; waits for it to exit. */
    int stopDaemon() throws Exception {
        daemon.destroy();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("daemon exits after SIGTERM").isTrue();
        return daemon.exitValue();
    }

    /** SIGKILL to the daemon (kill -9): no shutdown hook, nothing flushed; waits for it to be gone. */
    void killDaemon() throws Exception {
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as("daemon gone after SIGKILL").isTrue();
    }

    record Reply(int status, JsonNode body) {
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Reply post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** @param headers name, value, name, value... */
    Reply put(String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    Reply delete(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : json.readTree(r.body()));
    }

    /** Polls {@code /v1/health/ready} until 200; on every 200 seen, CQL must work at once. */
    void awaitReadyAndCql() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get("/v1/health/ready");
            if (last.status() == 200) {
                try (CqlSession s = cql()) {
                    assertThat(s.execute("SELECT release_version FROM system.local").one().getString(0)).startsWith(version);
                }
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + READY_TIMEOUT.toSeconds() + " s: " + last + "; logs in " + dir);
    }

    CqlSession cql() {
        // Generous timeouts: schema changes on a 2-core machine shared with other builds can take seconds.
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder()
                .withConfigLoader(config)
                .addContactPoint(new InetSocketAddress("127.0.0.1", nativePort))
                .withLocalDatacenter(dc)
                .build();
    }

    /** Waits for a job to finish and returns it. */
    JsonNode awaitJob(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = get("/v1/jobs/" + id).body();
            String state = job.get("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " not finished in " + timeout + ": " + job);
    }

    /** Cassandra processes of this node, by command line (its own conf dir), whatever the pidfile says. */
    List<Long> cassandraPids() {
        String marker = dir.resolve("conf/cassandra.yaml").toUri().toString();
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
                if (cmdline.contains("org.apache.cassandra.service.CassandraDaemon") && cmdline.contains(marker)) {
                    pids.add(p.pid());
                }
            } catch (IOException ignored) {
                // gone, or not ours to read
            }
        });
        return pids;
    }

    Optional<Long> pidFromFile() throws IOException {
        return Files.exists(pidfile()) ? Optional.of(Long.parseLong(Files.readString(pidfile()).trim())) : Optional.empty();
    }

    /** Waits until {@code condition} holds on the node's Cassandra pids; fails the test otherwise. */
    List<Long> awaitPids(Predicate<List<Long>> condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> pids = cassandraPids();
        while (!condition.test(pids)) {
            assertThat(System.nanoTime()).as(what + " within " + timeout + " (pids " + pids + ")").isLessThan(deadline);
            Thread.sleep(200);
            pids = cassandraPids();
        }
        return pids;
    }

    @Override
    public void close() throws Exception {
        try {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroy();
                if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor();
                }
            }
        } finally {
            for (Long pid : cassandraPids()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            awaitPids(List::isEmpty, Duration.ofSeconds(30), "no Cassandra of this node left");
        }
    }

    /** {@code n} distinct free loopback ports (all held at once while picked, so none repeats). */
    /**
     * {@code n} distinct ports free on every address, picked below the kernel's ephemeral range. A port the kernel
     * handed out as ephemeral ({@code new ServerSocket(0)}) can be taken again as the local port of any outgoing
     * connection (a daemon's ZooKeeper session, a driver) before the Cassandra meant to listen on it starts: that
     * node then never binds its JMX port. Ports below the range are only ever bound on purpose.
     */
    static int[] freePorts(int n) throws IOException {
        int ephemeralLow = 32768;
        try {
            ephemeralLow = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unknown) {
            // not Linux: the IANA range's usual start
        }
        int low = 10_000;
        int high = Math.max(low + 1_000, ephemeralLow);
        Random random = new Random();
        Set<Integer> picked = new LinkedHashSet<>();
        for (int attempts = 0; picked.size() < n; attempts++) {
            if (attempts > 10_000) {
                throw new IOException("no " + n + " free ports between " + low + " and " + high);
            }
            int port = low + random.nextInt(high - low);
            if (!picked.contains(port) && bindable(port)) {
                picked.add(port);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Free on the wildcard address, hence on 127.0.0.1-4 where the nodes listen. */
    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Runs a command and returns exit code and output. */
    static Reply0 run(Duration timeout, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as(String.join(" ", cmd) + " finished").isTrue();
        return new Reply0(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    record Reply0(int exit, String output) {
    }
}
