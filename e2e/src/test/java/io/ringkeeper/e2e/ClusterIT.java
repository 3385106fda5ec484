package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * Three daemons and three real Cassandra 5.0.9 nodes on 127.0.0.1-3, started at the same moment, with an
 * embedded ZooKeeper ({@code ringkeeper zookeeper}) handing out the token slots. Plain Cassandra started
 * that way collides on bootstrap tokens; here every node must reach UN with an equal share of the ring,
 * a node must restart from the seeds file when its daemon is gone, a ZooKeeper outage longer than the session
 * timeout must not take a serving node out, a new instance must replace a terminated one in its slot, with the
 * same tokens, and a node scaled in must decommission and give its slot back with every row still readable. Last,
 * a new cluster is cloned from the first one's backups, each node from the old node that held its tokens.
 */
class ClusterIT {
    private static final Path ROOT = ManagedNode.ROOT;
    private static final Duration READY = Duration.ofSeconds(420);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    /** The ZooKeeper running now (the test restarts it once). */
    private Process zooKeeper;

    @Test
    void threeNodesStartedAtOnceFormOneEvenRing() throws Exception {
        Path home = Path.of(System.getProperty("ringkeeper.cassandra-5.0.home"));
        Path dir = ROOT.resolve("e2e/target/it/cluster-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        Files.createDirectories(dir);
        int[] ports = ManagedNode.freePorts(6);
        int zkPort = ports[0];
        int nativePort = ports[1];
        int storagePort = ports[2];
        Path seedProviderJar = seedProviderJar();
        try {
            Process zk = start(dir.resolve("zookeeper.log"), ROOT.resolve("bin/ringkeeper").toString(), "zookeeper",
                    "--port", Integer.toString(zkPort), "--data-dir", dir.resolve("zookeeper").toString());
            zooKeeper = zk;
            awaitPort(zk, zkPort, Duration.ofSeconds(60));

            Files.writeString(dir.resolve("inventory.yaml"), """
                    instances:
                      - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                      - {id: node2, address: 127.0.0.2, dc: dc1, rack: rack2}
                      - {id: node3, address: 127.0.0.3, dc: dc1, rack: rack3}
                    """);
            List<Path> configs = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                configs.add(writeNodeConfig(dir, n, zkPort, seedProviderJar, home, nativePort, storagePort, ports[2 + n]));
            }
            // All three at the same moment: the case that makes plain Cassandra fail with a token collision.
            List<Process> daemons = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                daemons.add(start(dir.resolve("node" + n + "/daemon.log"), ROOT.resolve("bin/ringkeeper").toString(),
                        "daemon", "--config", configs.get(n - 1).toString()));
            }
            List<String> urls = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                urls.add(awaitEndpoint(daemons.get(n - 1), dir.resolve("node" + n + "/state/daemon.json")));
            }
            for (int n = 1; n <= 3; n++) {
                awaitReady(urls.get(n - 1), dir.resolve("node" + n), daemons);
            }

            // Every node comes to see all three UP (UN) and none unreachable (gossip converges in seconds).
            for (String url : urls) {
                awaitGossip(url, 3, 0);
            }

            // The registry: three NORMAL slots, one per rack, a third of the ring each.
            JsonNode ring = get(urls.get(0) + "/v1/ring").path("dcs").get(0);
            assertThat(ring.path("dc").asText()).isEqualTo("dc1");
            List<String> racks = new ArrayList<>();
            for (JsonNode node : ring.path("nodes")) {
                assertThat(node.path("state").asText()).isEqualTo("NORMAL");
                assertThat(node.path("ownershipPercent").asDouble()).isCloseTo(33.333, org.assertj.core.data.Offset.offset(0.5));
                racks.add(node.path("rack").asText());
            }
            assertThat(racks).containsExactlyInAnyOrder("rack1", "rack2", "rack3");
            // ...and the tokens Cassandra runs with are the registry's.
            for (int n = 1; n <= 3; n++) {
                String address = "127.0.0." + n;
                JsonNode slot = find(ring.path("nodes"), address);
                JsonNode tokens = get(urls.get(n - 1) + "/v1/cassandra").path("observation").path("jmx").path("tokens");
                assertThat(tokens.toString()).isEqualTo(slot.path("tokens").toString());
            }

            // Seeds: served by every daemon, and in each node's seeds file. Each daemon refreshes its seeds every
            // refresh_interval (2 s here), so one may still show the moment genesis ended: the NORMAL nodes only.
            JsonNode seeds = get(urls.get(1) + "/v1/seeds").path("seeds");
            long seedsDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seeds.size() < 3 && System.nanoTime() < seedsDeadline) {
                Thread.sleep(500);
                seeds = get(urls.get(1) + "/v1/seeds").path("seeds");
            }
            assertThat(seeds).hasSize(3);
            assertThat(Files.readString(dir.resolve("node2/state/seeds"))).contains("127.0.0.1:" + storagePort);

            // A QUORUM write and read at RF=3.
            try (CqlSession cql = cql(nativePort)) {
                cql.execute("CREATE KEYSPACE ks WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}");
                cql.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v text)");
                for (int i = 0; i < 20; i++) {
                    cql.execute(SimpleStatement.newInstance("INSERT INTO ks.t (k, v) VALUES (?, ?)", i, "v" + i)
                            .setConsistencyLevel(ConsistencyLevel.QUORUM));
                }
                long rows = cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM ks.t")
                        .setConsistencyLevel(ConsistencyLevel.QUORUM)).one().getLong(0);
                assertThat(rows).isEqualTo(20);
            }
            // Each node's backup, for the clone at the end.
            for (String url : urls) {
                JsonNode backup = awaitJob(url, post(url + "/v1/backups", null).path("url").asText(), Duration.ofMinutes(5));
                assertThat(backup.path("state").asText()).as(backup.toString()).isEqualTo("SUCCEEDED");
            }

            // ZooKeeper goes away for longer than the daemons' session timeout (4 s here), then comes back: every node
            // keeps serving and stays ready, no Cassandra restarts, and each daemon registers again under a new session.
            zooKeeperOutage(dir, zkPort, urls, daemons);

            // With node3's daemon stopped, its Cassandra, restarted by hand through the wrapper, still gets its
            // seeds: the seed provider falls back to the seeds file the daemon wrote.
            Path node3 = dir.resolve("node3");
            Process daemon3 = daemons.get(2);
            daemon3.destroy();
            assertThat(daemon3.waitFor(30, TimeUnit.SECONDS)).as("node3's daemon stops on SIGTERM").isTrue();
            long pid3 = Long.parseLong(Files.readString(node3.resolve("run/cassandra.pid")).strip());
            ProcessHandle cassandra3 = ProcessHandle.of(pid3).orElseThrow();
            cassandra3.destroyForcibly();
            cassandra3.onExit().get(60, TimeUnit.SECONDS);
            awaitGossip(urls.get(0), 2, 1);
            Process wrapper = new ProcessBuilder(ROOT.resolve("systemd/cassandra-wrapper").toString(),
                    "--pidfile", node3.resolve("run/cassandra.pid").toString(),
                    "--command-file", node3.resolve("conf/cassandra.cmdline").toString())
                    .directory(node3.toFile()).redirectErrorStream(true)
                    .redirectOutput(node3.resolve("logs/by-hand.out").toFile()).start();
            processes.add(wrapper);
            awaitGossip(urls.get(0), 3, 0);
            assertThat(Files.readString(node3.resolve("logs/by-hand.out")))
                    .contains("Seeds from the file " + node3.resolve("state/seeds").toAbsolutePath());

            // node2's instance terminates: out of the group, its Cassandra killed, its data gone. A new instance
            // (node4, 127.0.0.4, same rack) takes over node2's slot and replaces it with the same tokens.
            JsonNode before = get(urls.get(0) + "/v1/ring").path("dcs").get(0).path("nodes");
            Files.writeString(dir.resolve("inventory.yaml"), """
                    instances:
                      - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                      - {id: node3, address: 127.0.0.3, dc: dc1, rack: rack3}
                    """);
            Path node2 = dir.resolve("node2");
            daemons.get(1).destroy();
            assertThat(daemons.get(1).waitFor(30, TimeUnit.SECONDS)).isTrue();
            ProcessHandle cassandra2 = ProcessHandle.of(Long.parseLong(Files.readString(node2.resolve("run/cassandra.pid")).strip())).orElseThrow();
            cassandra2.destroyForcibly();
            cassandra2.onExit().get(60, TimeUnit.SECONDS);
            deleteTree(node2.resolve("data"));
            awaitGossip(urls.get(0), 2, 1);

            Files.writeString(dir.resolve("inventory.yaml"), """
                    instances:
                      - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                      - {id: node3, address: 127.0.0.3, dc: dc1, rack: rack3}
                      - {id: node4, address: 127.0.0.4, dc: dc1, rack: rack2}
                    """);
            Path config4 = writeNodeConfig(dir, 4, zkPort, seedProviderJar, home, nativePort, storagePort, ManagedNode.freePorts(1)[0]);
            Process daemon4 = start(dir.resolve("node4/daemon.log"), ROOT.resolve("bin/ringkeeper").toString(), "daemon",
                    "--config", config4.toString());
            String url4 = awaitEndpoint(daemon4, dir.resolve("node4/state/daemon.json"));
            awaitReady(url4, dir.resolve("node4"), List.of(daemons.get(0), daemon4));
            assertThat(Files.readString(dir.resolve("node4/conf/cassandra.cmdline")))
                    .contains("-Dcassandra.replace_address_first_boot=127.0.0.2");

            JsonNode after = get(urls.get(0) + "/v1/ring").path("dcs").get(0).path("nodes");
            assertThat(after).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonNode was = before.get(i);
                JsonNode now = after.get(i);
                assertThat(now.path("slot").asInt()).isEqualTo(was.path("slot").asInt());
                assertThat(now.path("tokens")).as("slot " + i + " keeps its tokens").isEqualTo(was.path("tokens"));
                assertThat(now.path("state").asText()).isEqualTo("NORMAL");
                if (was.path("address").asText().equals("127.0.0.2")) {
                    assertThat(now.path("instanceId").asText()).isEqualTo("node4");
                    assertThat(now.path("address").asText()).isEqualTo("127.0.0.4");
                } else {
                    assertThat(now.path("instanceId").asText()).as("no other slot changed").isEqualTo(was.path("instanceId").asText());
                    assertThat(now.path("address").asText()).isEqualTo(was.path("address").asText());
                }
            }
            assertThat(get(url4 + "/v1/cassandra").path("observation").path("jmx").path("tokens"))
                    .isEqualTo(find(before, "127.0.0.2").path("tokens"));
            awaitLive(url4, List.of("127.0.0.1", "127.0.0.3", "127.0.0.4"));
            awaitLive(urls.get(0), List.of("127.0.0.1", "127.0.0.3", "127.0.0.4"));

            // Scale-in: node4's instance is to go away for good. Cassandra refuses to decommission below a keyspace's
            // replication factor, so, as an operator shrinking to two nodes would, lower RF to 2 first.
            try (CqlSession cql = cql(nativePort)) {
                for (String ks : List.of("ks", "system_distributed", "system_traces")) {
                    cql.execute("ALTER KEYSPACE " + ks + " WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
                }
                for (int i = 20; i < 60; i++) {
                    cql.execute(SimpleStatement.newInstance("INSERT INTO ks.t (k, v) VALUES (?, ?)", i, "v" + i)
                            .setConsistencyLevel(ConsistencyLevel.QUORUM));
                }
            }
            HttpResponse<String> leave = http.send(HttpRequest.newBuilder(URI.create(url4 + "/v1/node/leave?action=decommission"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(leave.statusCode()).as(leave.body()).isEqualTo(202);
            JsonNode left = awaitJob(url4, JSON.readTree(leave.body()).path("url").asText(), Duration.ofMinutes(5));
            assertThat(left.path("state").asText()).as(left.toString()).isEqualTo("SUCCEEDED");
            assertThat(left.path("kind").asText()).isEqualTo("decommission");
            assertThat(left.path("outcome").asText()).contains("decommissioned").contains("given back");
            JsonNode remaining = get(urls.get(0) + "/v1/ring").path("dcs").get(0).path("nodes");
            List<String> holders = new ArrayList<>();
            remaining.forEach(n -> holders.add(n.path("instanceId").asText() + "/" + n.path("state").asText()));
            assertThat(holders).as("node4's slot is free again").containsExactlyInAnyOrder("node1/NORMAL", "node3/NORMAL");
            awaitLive(urls.get(0), List.of("127.0.0.1", "127.0.0.3"));
            assertThat(get(urls.get(0) + "/v1/cassandra").path("observation").path("jmx").path("unreachableNodes")).isEmpty();
            try (CqlSession cql = cql(nativePort)) {
                for (int i = 0; i < 60; i++) {
                    var row = cql.execute(SimpleStatement.newInstance("SELECT v FROM ks.t WHERE k = ?", i)
                            .setConsistencyLevel(ConsistencyLevel.QUORUM)).one();
                    assertThat(row).as("row " + i + " after the scale-in").isNotNull();
                    assertThat(row.getString(0)).isEqualTo("v" + i);
                }
            }

            cloneFromBackups(dir, zkPort, seedProviderJar, home, nativePort, storagePort);
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            killCassandras(dir);
        }
    }

    /**
     * Stops ZooKeeper for 10 s (more than the 4 s session timeout) and starts it again on the same data. Throughout, every
     * daemon answers ready and its Cassandra keeps its pid; afterwards each daemon's registration and gossip view are
     * back, owned by a new session.
     */
    private void zooKeeperOutage(Path dir, int zkPort, List<String> urls, List<Process> daemons) throws Exception {
        String connect = "127.0.0.1:" + zkPort;
        Map<String, Long> owners = new HashMap<>();
        List<Long> pids = new ArrayList<>();
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(connect, 60_000, 10_000, new RetryNTimes(300, 200))) {
            zk.start();
            assertThat(zk.blockUntilConnected(60, TimeUnit.SECONDS)).isTrue();
            for (int n = 1; n <= 3; n++) {
                owners.put("node" + n, awaitEphemeral(zk, "/ringkeeper/ring-" + ProcessHandle.current().pid() + "/nodes/node" + n, 0));
                pids.add(get(urls.get(n - 1) + "/v1/cassandra").path("observation").path("pid").asLong());
            }
        }
        Process zkProcess = processes.get(0);
        zkProcess.destroy();
        assertThat(zkProcess.waitFor(30, TimeUnit.SECONDS)).as("ZooKeeper stops on SIGTERM").isTrue();
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean warned = false;
        while (System.nanoTime() < until) {
            for (String url : urls) {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(url + " stays ready while ZooKeeper is down: " + ready.body()).isEqualTo(200);
                warned |= JSON.readTree(ready.body()).path("warnings").has("zookeeper");
            }
            Thread.sleep(500);
        }
        assertThat(warned).as("the outage is reported as a warning").isTrue();
        Process restarted = start(dir.resolve("zookeeper.log"), ROOT.resolve("bin/ringkeeper").toString(), "zookeeper",
                "--port", Integer.toString(zkPort), "--data-dir", dir.resolve("zookeeper").toString());
        zooKeeper = restarted;
        awaitPort(restarted, zkPort, Duration.ofSeconds(60));
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(connect, 60_000, 10_000, new RetryNTimes(300, 200))) {
            zk.start();
            assertThat(zk.blockUntilConnected(60, TimeUnit.SECONDS)).isTrue();
            String cluster = "/ringkeeper/ring-" + ProcessHandle.current().pid();
            for (int n = 1; n <= 3; n++) {
                long owner = awaitEphemeral(zk, cluster + "/nodes/node" + n, owners.get("node" + n));
                assertThat(owner).as("node" + n + " registered again under a new session").isNotEqualTo(owners.get("node" + n));
                awaitEphemeral(zk, cluster + "/status/gossip/node" + n, owners.get("node" + n));
                assertThat(get(urls.get(n - 1) + "/v1/cassandra").path("observation").path("pid").asLong())
                        .as("node" + n + "'s Cassandra was not restarted").isEqualTo(pids.get(n - 1));
            }
        }
        for (int n = 1; n <= 3; n++) {
            String url = urls.get(n - 1);
            awaitReady(url, dir.resolve("node" + n), daemons);
            assertThat(get(url + "/v1/health/ready").has("warnings")).as("no warning once ZooKeeper is back").isFalse();
        }
    }

    /** Waits until the znode exists as an ephemeral owned by a session other than {@code notOwner}; returns the owner. */
    private static long awaitEphemeral(CuratorFramework zk, String path, long notOwner) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                Stat stat = zk.checkExists().forPath(path);
                if (stat != null && stat.getEphemeralOwner() != 0 && stat.getEphemeralOwner() != notOwner) {
                    return stat.getEphemeralOwner();
                }
            } catch (Exception reconnecting) {
                // the client reconnects by itself
            }
            assertThat(System.nanoTime()).as(path + " (re)created").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private JsonNode awaitJob(String base, String jobUrl, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = get(base + jobUrl);
            if (job.path("state").asText().equals("SUCCEEDED") || job.path("state").asText().equals("FAILED")) {
                return job;
            }
            assertThat(System.nanoTime()).as("job " + job).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    /**
     * A new cluster (another name, the same DC, racks and ring size, so slot n has the old slot n's tokens) on
     * 127.0.0.5-7, restored from the first cluster's backups: each node imports the backup of the old node that held
     * its tokens. The old cluster is stopped first, as when a cluster is rebuilt elsewhere.
     */
    private void cloneFromBackups(Path dir, int zkPort, Path seedProviderJar, Path home, int nativePort, int storagePort)
            throws Exception {
        for (Process p : processes) {
            if (p.isAlive() && p != zooKeeper) {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
            }
        }
        killCassandras(dir);
        Files.writeString(dir.resolve("clone-inventory.yaml"), """
                instances:
                  - {id: node5, address: 127.0.0.5, dc: dc1, rack: rack1}
                  - {id: node6, address: 127.0.0.6, dc: dc1, rack: rack2}
                  - {id: node7, address: 127.0.0.7, dc: dc1, rack: rack3}
                """);
        int[] jmx = ManagedNode.freePorts(3);
        List<Process> clone = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int n = 5; n <= 7; n++) {
            Path config = writeNodeConfig(dir, n, zkPort, seedProviderJar, home, nativePort, storagePort, jmx[n - 5],
                    cluster() + "-clone", "clone-inventory.yaml");
            clone.add(start(dir.resolve("node" + n + "/daemon.log"), ROOT.resolve("bin/ringkeeper").toString(), "daemon",
                    "--config", config.toString()));
        }
        for (int n = 5; n <= 7; n++) {
            urls.add(awaitEndpoint(clone.get(n - 5), dir.resolve("node" + n + "/state/daemon.json")));
        }
        for (int n = 5; n <= 7; n++) {
            awaitReady(urls.get(n - 5), dir.resolve("node" + n), clone);
        }
        for (String url : urls) {
            awaitGossip(url, 3, 0);
        }
        // One node after the other: the first creates the keyspace and table from the backup, with the table's id.
        for (String url : urls) {
            JsonNode started = post(url + "/v1/restores", "{\"mode\": \"tables\", \"sourceCluster\": \"" + cluster() + "\"}");
            JsonNode restore = awaitJob(url, started.path("url").asText(), Duration.ofMinutes(5));
            assertThat(restore.path("state").asText()).as(restore.toString()).isEqualTo("SUCCEEDED");
            assertThat(restore.path("details").path("restore").path("tables").toString()).contains("ks.t");
        }
        try (CqlSession cql = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.5", nativePort))
                .withLocalDatacenter("dc1").build()) {
            assertThat(cql.execute("SELECT cluster_name FROM system.local").one().getString(0)).isEqualTo(cluster() + "-clone");
            for (int i = 0; i < 20; i++) {
                var row = cql.execute(SimpleStatement.newInstance("SELECT v FROM ks.t WHERE k = ?", i)
                        .setConsistencyLevel(ConsistencyLevel.ALL)).one();
                assertThat(row).as("row " + i + " in the clone, on every replica").isNotNull();
                assertThat(row.getString(0)).isEqualTo("v" + i);
            }
        }
    }

    private JsonNode post(String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        b = body == null ? b.POST(HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST " + url + ": " + r.body()).isEqualTo(202);
        return JSON.readTree(r.body());
    }

    /** Waits until the node at {@code url} sees {@code live} live and {@code unreachable} unreachable peers. */
    private void awaitGossip(String url, int live, int unreachable) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        JsonNode jmx = get(url + "/v1/cassandra").path("observation").path("jmx");
        while (jmx.path("liveNodes").size() != live || jmx.path("unreachableNodes").size() != unreachable) {
            assertThat(System.nanoTime()).as(url + " sees " + live + " live and " + unreachable + " unreachable: " + jmx)
                    .isLessThan(deadline);
            Thread.sleep(1000);
            jmx = get(url + "/v1/cassandra").path("observation").path("jmx");
        }
    }

    private static Path writeNodeConfig(Path dir, int n, int zkPort, Path seedProviderJar, Path home, int nativePort,
                                        int storagePort, int jmxPort) throws IOException {
        return writeNodeConfig(dir, n, zkPort, seedProviderJar, home, nativePort, storagePort, jmxPort, cluster(), "inventory.yaml");
    }

    private static String cluster() {
        return "ring-" + ProcessHandle.current().pid();
    }

    /** One node's config: every node of both clusters backs up into one store ({@code objects/}, as one bucket). */
    private static Path writeNodeConfig(Path dir, int n, int zkPort, Path seedProviderJar, Path home, int nativePort,
                                        int storagePort, int jmxPort, String cluster, String inventory) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve("node" + n));
        Path config = nodeDir.resolve("ringkeeper.yaml");
        Files.writeString(config, """
                cluster_name: %s
                state_dir: state
                http: {bind: 127.0.0.%d, port: 0}
                local:
                  instance_id: node%d
                  inventory_file: ../%s
                  object_store_dir: ../objects
                zookeeper:
                  connect: 127.0.0.1:%d
                  session_timeout: 4s
                tokens:
                  ring_size: 3
                seeds:
                  provider_jar: %s
                  refresh_interval: 2s
                cassandra:
                  version: "5.0"
                  home: %s
                  conf_dir: conf
                  data_dirs: [data/data]
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
                  restart_delay: 2s
                  ready_timeout: 400s
                  jvm_options: [-Dcassandra.ring_delay_ms=1000, -Dcassandra.skip_wait_for_gossip_to_settle=0]
                """.formatted(cluster, n, n, inventory, zkPort, seedProviderJar, home, nativePort,
                storagePort, jmxPort, ROOT.resolve("systemd/cassandra-wrapper")));
        return config;
    }

    /** Waits until the node at {@code url} sees exactly these addresses live (UN). */
    private void awaitLive(String url, List<String> addresses) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (true) {
            JsonNode jmx = get(url + "/v1/cassandra").path("observation").path("jmx");
            List<String> live = new ArrayList<>();
            jmx.path("liveNodes").forEach(n -> live.add(n.asText().replaceFirst(":\\d+$", "")));
            if (live.containsAll(addresses) && live.size() == addresses.size()) {
                return;
            }
            assertThat(System.nanoTime()).as(url + " sees " + addresses + " live: " + jmx).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static JsonNode find(JsonNode nodes, String address) {
        for (JsonNode n : nodes) {
            if (n.path("address").asText().equals(address)) {
                return n;
            }
        }
        throw new AssertionError("no slot for " + address + " in " + nodes);
    }

    private Process start(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        processes.add(p);
        return p;
    }

    private static void awaitPort(Process p, int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            assertThat(p.isAlive()).as("ZooKeeper process running").isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as("ZooKeeper listening within " + timeout).isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static String awaitEndpoint(Process daemon, Path endpoint) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.exists(endpoint)) {
            assertThat(daemon.isAlive()).as("daemon running; see " + endpoint.getParent().getParent().resolve("daemon.log")).isTrue();
            assertThat(System.nanoTime()).as("daemon.json written").isLessThan(deadline);
            Thread.sleep(100);
        }
        return JSON.readTree(endpoint.toFile()).path("url").asText();
    }

    private void awaitReady(String url, Path nodeDir, List<Process> daemons) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            last = JSON.readTree(r.body());
            for (Process d : daemons) {
                assertThat(d.isAlive()).as("every daemon still running").isTrue();
            }
            Thread.sleep(1000);
        }
        // CI keeps only the build's output: the logs' last lines are all that will be left to read.
        throw new AssertionError(url + " not ready within " + READY + ": " + last
                + tail(nodeDir.resolve("daemon.log")) + tail(nodeDir.resolve("logs/cassandra.out")));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return "\n--- last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "\n--- " + log + ": " + e;
        }
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static CqlSession cql(int port) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(30))
                .build();
        return CqlSession.builder().withConfigLoader(config)
                .addContactPoint(new InetSocketAddress("127.0.0.1", port))
                .withLocalDatacenter("dc1").build();
    }

    private static Path seedProviderJar() throws IOException {
        try (var jars = Files.list(ROOT.resolve("seed-provider/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("seed-provider-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("-tests")).findFirst()
                    .orElseThrow(() -> new AssertionError("seed-provider jar not built"));
        }
    }

    /** Every Cassandra started under this test's directory, whatever happened to its daemon. */
    private static void killCassandras(Path dir) throws Exception {
        String marker = dir.toUri().toString();
        List<ProcessHandle> left = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
                if (cmdline.contains("CassandraDaemon") && cmdline.contains(marker)) {
                    left.add(p);
                }
            } catch (IOException ignored) {
                // gone
            }
        });
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : left) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

}
