package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.cassandra.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daemon managing one real Cassandra 5.0.9 node, end to end. The node is shared by the steps below, in
 * order (a real start costs tens of seconds on a busy machine); each step states what it proves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Cassandra50LifecycleIT {
    private static ManagedNode node;

    @BeforeAll
    static void startDaemon() throws Exception {
        node = new ManagedNode("5.0", "c50");
        node.startDaemon();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void readyTurns200OnlyOnceCqlWorksAndCqlCanWriteAndRead() throws Exception {
        // The daemon answers before Cassandra is up: not ready, saying why.
        ManagedNode.Reply early = node.get("/v1/health/ready");
        assertThat(early.status()).isEqualTo(503);
        assertThat(early.body().get("details").get("checks").has("cassandra")).isTrue();

        node.awaitReadyAndCql(); // asserts a CQL query works at the first 200

        try (CqlSession s = node.cql()) {
            s.execute("CREATE KEYSPACE e2e WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            s.execute("CREATE TABLE e2e.kv (k text PRIMARY KEY, v int)");
            for (int i = 0; i < 50; i++) {
                s.execute("INSERT INTO e2e.kv (k, v) VALUES ('key" + i + "', " + i + ")");
            }
            Row row = s.execute("SELECT v FROM e2e.kv WHERE k = 'key42'").one();
            assertThat(row).isNotNull();
            assertThat(row.getInt("v")).isEqualTo(42);
            assertThat(s.execute("SELECT count(*) FROM e2e.kv").one().getLong(0)).isEqualTo(50);
        }

        JsonNode view = node.get("/v1/cassandra").body();
        assertThat(view.get("ready").asBoolean()).isTrue();
        JsonNode jmx = view.get("observation").get("jmx");
        assertThat(jmx.get("operationMode").asText()).isEqualTo("NORMAL");
        assertThat(jmx.get("releaseVersion").asText()).isEqualTo("5.0.9");
        assertThat(jmx.get("tokens")).hasSize(16);
        assertThat(jmx.get("liveNodes").toString()).contains("127.0.0.1");
        assertThat(node.cassandraPids()).containsExactly(node.pidFromFile().orElseThrow());
    }

    @Test
    @Order(2)
    void aSnapshotTakenOverJmxIsFoundOnDiskAndCleared() throws Exception {
        try (io.ringkeeper.cassandra.JmxCassandraClient jmx = new io.ringkeeper.cassandra.JmxCassandraClient("127.0.0.1",
                node.jmxPort, Duration.ofSeconds(30))) {
            jmx.takeSnapshot("e2e-snap", List.of("e2e"), Duration.ofMinutes(1));
            jmx.takeSnapshot("e2e-snap", List.of("e2e"), Duration.ofMinutes(1)); // again: already there, not an error
            List<Path> dataDirs = List.of(node.dir.resolve("data/data1"), node.dir.resolve("data/data2"));
            List<SnapshotFiles.SnapshotFile> files = SnapshotFiles.list(dataDirs, "e2e-snap");
            assertThat(files).extracting(SnapshotFiles.SnapshotFile::keyspace).containsOnly("e2e");
            assertThat(files).extracting(SnapshotFiles.SnapshotFile::table).containsOnly("kv");
            assertThat(files).extracting(SnapshotFiles.SnapshotFile::name).contains("schema.cql", "manifest.json")
                    .anyMatch(n -> n.endsWith("-Data.db"));
            assertThat(files.get(0).size()).isGreaterThan(0);

            assertThat(jmx.incrementalBackups()).isFalse();
            jmx.setIncrementalBackups(true);
            assertThat(jmx.incrementalBackups()).isTrue();
            jmx.setIncrementalBackups(false);

            jmx.clearSnapshot("e2e-snap");
            assertThat(SnapshotFiles.list(dataDirs, "e2e-snap")).isEmpty();
            jmx.clearSnapshot("no-such-snapshot");
        }
    }

    @Test
    @Order(3)
    void anOnDemandBackupStoresEachFileOnceAndItsManifestLast() throws Exception {
        ManagedNode.Reply first = node.post("/v1/backups");
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(202);
        JsonNode job = node.awaitJob(first.body().get("id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode done = job.get("details").get("backup");
        long bytes = done.get("bytes").asLong();
        assertThat(bytes).isPositive();
        assertThat(job.get("progress").get("done").asLong()).isEqualTo(job.get("progress").get("total").asLong());

        JsonNode backups = node.get("/v1/backups").body().get("backups");
        assertThat(backups).hasSize(1);
        String id = backups.get(0).get("backupId").asText();
        assertThat(id).isEqualTo(done.get("id").asText());
        JsonNode manifest = node.get("/v1/backups/" + id).body().get(0).get("manifest");
        assertThat(manifest.get("cassandraVersion").asText()).isEqualTo("5.0.9");
        assertThat(manifest.get("tokens")).hasSize(16);
        assertThat(manifest.get("schema").get("e2e.kv").asText()).contains("CREATE TABLE").contains("e2e.kv");
        List<String> names = new java.util.ArrayList<>();
        Map<String, Long> distinct = new java.util.HashMap<>();
        for (JsonNode f : manifest.get("files")) {
            distinct.put(f.get("sha256").asText(), f.get("size").asLong());
            names.add(f.get("keyspace").asText() + "/" + f.get("name").asText());
            Path blob = node.dir.resolve("state/objects/blobs/sha256").resolve(f.get("sha256").asText().substring(0, 2))
                    .resolve(f.get("sha256").asText());
            assertThat(blob).as("every file's blob is stored").exists();
        }
        // The user's tables, and the schema (system_schema) that a whole-node restore brings back; no other system data.
        assertThat(names).anyMatch(n -> n.startsWith("e2e/") && n.endsWith("-Data.db"))
                .anyMatch(n -> n.startsWith("system_schema/") && n.endsWith("-Data.db"))
                .allMatch(n -> n.startsWith("e2e/") || n.startsWith("system_schema/"));
        // The first backup sends each distinct content once (identical small components, e.g. TOC files, go once).
        assertThat(done.get("uploadedBytes").asLong()).isEqualTo(distinct.values().stream().mapToLong(Long::longValue).sum());
        assertThat(SnapshotFiles.list(List.of(node.dir.resolve("data/data1"), node.dir.resolve("data/data2")), "ringkeeper-" + id))
                .as("the snapshot is cleared once the manifest is written").isEmpty();

        // Nothing changed since: the next backup sends nothing, yet names every file.
        ManagedNode.Reply second = node.post("/v1/backups");
        JsonNode again = node.awaitJob(second.body().get("id").asText(), Duration.ofMinutes(3));
        assertThat(again.get("state").asText()).as(again.toString()).isEqualTo("SUCCEEDED");
        // Only the snapshot's own description (manifest.json, schema.cql: they name the snapshot) is new; no SSTable is sent.
        JsonNode secondManifest = node.get("/v1/backups/" + again.get("details").get("backup").get("id").asText()).body().get(0)
                .get("manifest");
        long metadata = 0;
        for (JsonNode f : secondManifest.get("files")) {
            if (f.get("name").asText().equals("manifest.json") || f.get("name").asText().equals("schema.cql")) {
                metadata += f.get("size").asLong();
            }
        }
        assertThat(again.get("details").get("backup").get("uploadedBytes").asLong()).isLessThanOrEqualTo(metadata);
        assertThat(again.get("details").get("backup").get("bytes").asLong()).isEqualTo(bytes);
        assertThat(node.get("/v1/backups").body().get("backups")).hasSize(2);
        assertThat(node.get("/v1/backups/no-such-backup").status()).isEqualTo(404);

        // The same through the CLI, as an operator would.
        ManagedNode.Reply0 listed = ManagedNode.run(Duration.ofSeconds(60), ManagedNode.ROOT.resolve("bin/ringkeeper").toString(),
                "backup", "list", "--url", node.url());
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains(id).contains("node1");
        ManagedNode.Reply0 shown = ManagedNode.run(Duration.ofSeconds(60), ManagedNode.ROOT.resolve("bin/ringkeeper").toString(),
                "backup", "show", id, "--url", node.url());
        assertThat(shown.exit()).as(shown.output()).isZero();
        assertThat(shown.output()).contains("Cassandra 5.0.9").contains("16 token(s)").contains("e2e.kv");
    }

    @Test
    @Order(4)
    void aLoggingRecordSetsCassandrasLoggerOverJmxAndDeletingItRevertsIt() throws Exception {
        String logger = "org.apache.cassandra.repair";
        assertThat(cassandraLevels()).doesNotContainKey(logger);
        // No zookeeper.connect here: the record lives in the daemon's own store, through the same API.
        ManagedNode.Reply put = node.put("/v1/desired/logging", "{\"spec\": {\"cassandra\": {\"" + logger + "\": \"DEBUG\"}}}",
                "If-None-Match", "*");
        assertThat(put.status()).as(String.valueOf(put.body())).isEqualTo(200);
        awaitCassandraLevel(logger, "DEBUG");
        JsonNode entry = node.get("/v1/status/logging").body().path("entries").get(0);
        assertThat(entry.path("state").asText()).isEqualTo("CONVERGED");
        assertThat(entry.path("convergedVersion").asInt()).isZero();

        assertThat(node.delete("/v1/desired/logging?force=true").status()).isEqualTo(200);
        awaitCassandraLevel(logger, null);
    }

    /** Cassandra's own answer, over JMX from the test: StorageService.getLoggingLevels(). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> cassandraLevels() throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + node.jmxPort + "/jmxrmi");
        try (JMXConnector c = JMXConnectorFactory.connect(url)) {
            return (Map<String, String>) c.getMBeanServerConnection()
                    .getAttribute(new ObjectName("org.apache.cassandra.db:type=StorageService"), "LoggingLevels");
        }
    }

    private static void awaitCassandraLevel(String logger, String level) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.util.Objects.equals(cassandraLevels().get(logger), level)) {
            assertThat(System.nanoTime()).as(logger + " at " + level + " in Cassandra: " + cassandraLevels()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @Order(5)
    void theRenderedYamlLoadsWithCassandrasOwnConfigLoader() throws Exception {
        String java = Path0.javaBin();
        ManagedNode.Reply0 r = ManagedNode.run(Duration.ofSeconds(120), java, "-cp", node.home.resolve("lib") + "/*",
                ManagedNode.ROOT.resolve("e2e/src/test/resources/CassandraYamlCheck.java").toString(),
                node.dir.resolve("conf/cassandra.yaml").toString());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("cluster_name=e2e-5-0", "num_tokens=16", "listen_address=127.0.0.1",
                "native_transport_port=" + node.nativePort, "endpoint_snitch=GossipingPropertyFileSnitch",
                "data_file_directories=" + node.dir.resolve("data/data1") + "," + node.dir.resolve("data/data2"));
        assertThat(Files.readString(node.dir.resolve("conf/cassandra-rackdc.properties"))).contains("dc=dc1", "rack=rack1");
    }

    @Test
    @Order(6)
    void aSecondWrapperStartedByHandIsRefusedAndCassandraIsUntouched() throws Exception {
        long pid = node.pidFromFile().orElseThrow();
        ManagedNode.Reply0 r = ManagedNode.run(Duration.ofSeconds(30), ManagedNode.ROOT.resolve("systemd/cassandra-wrapper").toString(),
                "--pidfile", node.pidfile().toString(), "--command-file", node.commandFile().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains(node.pidfile().toString()).contains("pid " + pid);
        assertThat(node.cassandraPids()).containsExactly(pid);
        assertThat(node.pidFromFile()).contains(pid);
        assertThat(node.get("/v1/health/ready").status()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void killMinus9IsRestartedByTheSupervisorAndNeverTwoCassandras() throws Exception {
        long pid = node.pidFromFile().orElseThrow();
        ManagedNode.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(pid));
        // Watch the whole recovery: at no moment may two Cassandras of this node exist.
        long deadline = System.nanoTime() + ManagedNode.READY_TIMEOUT.toNanos();
        Long next = null;
        while (next == null) {
            List<Long> pids = node.cassandraPids();
            assertThat(pids).hasSizeLessThanOrEqualTo(1);
            if (pids.size() == 1 && pids.get(0) != pid) {
                next = pids.get(0);
            }
            assertThat(System.nanoTime()).as("a new Cassandra within the timeout").isLessThan(deadline);
            Thread.sleep(100);
        }
        node.awaitReadyAndCql();
        assertThat(node.cassandraPids()).containsExactly(next);
        assertThat(node.pidFromFile()).contains(next);
        try (CqlSession s = node.cql()) {
            // Written before the crash with the commit log synced periodically: the rows that were
            // flushed or synced survive; at least the schema does.
            assertThat(s.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = 'e2e'").one()).isNotNull();
        }
    }

    @Test
    @Order(8)
    void restartingTheDaemonDoesNotRestartCassandra() throws Exception {
        long pid = node.pidFromFile().orElseThrow();
        assertThat(node.stopDaemon()).isZero();
        assertThat(node.cassandraPids()).containsExactly(pid);
        node.startDaemon();
        node.awaitReadyAndCql();
        assertThat(node.cassandraPids()).containsExactly(pid);
    }

    @Test
    @Order(9)
    void stopDrainsThenStopsAndASecondLifecycleJobMeanwhileIs409() throws Exception {
        ManagedNode.Reply accepted = node.post("/v1/cassandra/stop");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().get("id").asText();
        ManagedNode.Reply conflict = node.post("/v1/cassandra/start");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("details").get("runningJob").asText()).isEqualTo(id);

        JsonNode job = node.awaitJob(id, Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode drain = job.get("details").get("drain");
        assertThat(drain.get("completed").asBoolean()).as(job.toString()).isTrue();
        assertThat(drain.get("modeAfter").asText()).isEqualTo("DRAINED");
        node.awaitPids(List::isEmpty, Duration.ofSeconds(30), "Cassandra gone after stop");
        Thread.sleep(3000); // longer than restart_delay: a stopped node must stay stopped
        assertThat(node.cassandraPids()).isEmpty();
        assertThat(node.get("/v1/health/ready").status()).isEqualTo(503);
    }

    @Test
    @Order(10)
    void aDrainOverItsBudgetIsCutOffAndReportedAndTheNodeStillStops() throws Exception {
        ManagedNode.Reply start = node.post("/v1/cassandra/start");
        assertThat(start.status()).isEqualTo(202);
        JsonNode started = node.awaitJob(start.body().get("id").asText(), Duration.ofMinutes(4));
        assertThat(started.get("state").asText()).as(started.toString()).isEqualTo("SUCCEEDED");
        node.awaitReadyAndCql();

        // Draining stops gossip, which alone waits about two seconds: 100 ms can never be enough.
        ManagedNode.Reply accepted = node.post("/v1/cassandra/stop?drain_timeout=100ms");
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = node.awaitJob(accepted.body().get("id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode drain = job.get("details").get("drain");
        assertThat(drain.get("completed").asBoolean()).isFalse();
        assertThat(drain.get("budgetMs").asLong()).isEqualTo(100);
        assertThat(drain.get("error").asText()).contains("budget of 100 ms");
        assertThat(job.get("outcome").asText()).contains("drain cut off").contains("Cassandra stopped");
        node.awaitPids(List::isEmpty, Duration.ofSeconds(30), "Cassandra gone after a cut-off drain");
        // The record is durable: it is on disk, not only in the daemon's memory.
        assertThat(Files.readString(node.dir.resolve("state/jobs/" + job.get("id").asText() + ".json"))).contains("drain cut off");
    }

    @Test
    @Order(11)
    void drainKeepsTheProcessButNotReadinessAndRestartBringsTheDataBack() throws Exception {
        JsonNode started = node.awaitJob(node.post("/v1/cassandra/start").body().get("id").asText(), Duration.ofMinutes(4));
        assertThat(started.get("state").asText()).as(started.toString()).isEqualTo("SUCCEEDED");
        node.awaitReadyAndCql();
        long pid = node.pidFromFile().orElseThrow();

        JsonNode drained = node.awaitJob(node.post("/v1/cassandra/drain").body().get("id").asText(), Duration.ofMinutes(3));
        assertThat(drained.get("state").asText()).as(drained.toString()).isEqualTo("SUCCEEDED");
        assertThat(drained.get("details").get("drain").get("modeAfter").asText()).isEqualTo("DRAINED");
        assertThat(node.cassandraPids()).containsExactly(pid);
        Thread.sleep(2500); // the monitor observes once a second
        ManagedNode.Reply ready = node.get("/v1/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().get("details").get("checks").get("cassandra").asText()).contains("DRAINED");

        JsonNode restarted = node.awaitJob(node.post("/v1/cassandra/restart").body().get("id").asText(), Duration.ofMinutes(5));
        assertThat(restarted.get("state").asText()).as(restarted.toString()).isEqualTo("SUCCEEDED");
        node.awaitReadyAndCql();
        assertThat(node.cassandraPids()).hasSize(1).doesNotContain(pid);
        try (CqlSession s = node.cql()) {
            // Drained before each stop: every row written in the first step is on disk.
            assertThat(s.execute("SELECT count(*) FROM e2e.kv").one().getLong(0)).isGreaterThan(0);
            assertThat(s.execute("SELECT v FROM e2e.kv WHERE k = 'key7'").one()).isNotNull();
        }
    }
}
