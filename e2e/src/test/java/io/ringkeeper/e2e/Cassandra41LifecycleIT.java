package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same lifecycle on Cassandra 4.1.10 (its own Java 17 flags and base yaml), in one test to keep CI short. */
class Cassandra41LifecycleIT {

    @Test
    void startCqlWrapperLockKillMinus9AndDrainedStop() throws Exception {
        try (ManagedNode node = new ManagedNode("4.1", "c41")) {
            node.startDaemon();
            assertThat(node.get("/v1/health/ready").status()).isEqualTo(503);
            node.awaitReadyAndCql();
            try (CqlSession s = node.cql()) {
                s.execute("CREATE KEYSPACE e2e WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                s.execute("CREATE TABLE e2e.kv (k text PRIMARY KEY, v int)");
                s.execute("INSERT INTO e2e.kv (k, v) VALUES ('a', 1)");
                assertThat(s.execute("SELECT v FROM e2e.kv WHERE k = 'a'").one().getInt(0)).isEqualTo(1);
            }
            assertThat(node.get("/v1/cassandra").body().get("observation").get("jmx").get("releaseVersion").asText())
                    .isEqualTo("4.1.10");
            // The snapshot calls a backup makes have the same signatures on 4.1.
            try (io.ringkeeper.cassandra.JmxCassandraClient jmx = new io.ringkeeper.cassandra.JmxCassandraClient("127.0.0.1",
                    node.jmxPort, Duration.ofSeconds(30))) {
                jmx.takeSnapshot("e2e-41", List.of("e2e.kv"), Duration.ofMinutes(1));
                List<Path> dataDirs = List.of(node.dir.resolve("data/data1"), node.dir.resolve("data/data2"));
                assertThat(io.ringkeeper.cassandra.SnapshotFiles.list(dataDirs, "e2e-41"))
                        .extracting(io.ringkeeper.cassandra.SnapshotFiles.SnapshotFile::name).anyMatch(n -> n.endsWith("-Data.db"));
                jmx.clearSnapshot("e2e-41");
                assertThat(io.ringkeeper.cassandra.SnapshotFiles.list(dataDirs, "e2e-41")).isEmpty();
            }

            ManagedNode.Reply0 yaml = ManagedNode.run(Duration.ofSeconds(120), Path0.javaBin(), "-cp", node.home.resolve("lib") + "/*",
                    ManagedNode.ROOT.resolve("e2e/src/test/resources/CassandraYamlCheck.java").toString(),
                    node.dir.resolve("conf/cassandra.yaml").toString());
            assertThat(yaml.exit()).as(yaml.output()).isZero();
            assertThat(yaml.output()).contains("cluster_name=e2e-4-1", "endpoint_snitch=GossipingPropertyFileSnitch");

            long pid = node.pidFromFile().orElseThrow();
            ManagedNode.Reply0 second = ManagedNode.run(Duration.ofSeconds(30), ManagedNode.ROOT.resolve("systemd/cassandra-wrapper").toString(),
                    "--pidfile", node.pidfile().toString(), "--command-file", node.commandFile().toString());
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.output()).contains(node.pidfile().toString(), "pid " + pid);

            ManagedNode.run(Duration.ofSeconds(10), "kill", "-9", Long.toString(pid));
            List<Long> next = node.awaitPids(p -> {
                assertThat(p).hasSizeLessThanOrEqualTo(1);
                return p.size() == 1 && p.get(0) != pid;
            }, ManagedNode.READY_TIMEOUT, "Cassandra restarted after kill -9");
            node.awaitReadyAndCql();
            assertThat(node.cassandraPids()).isEqualTo(next);

            ManagedNode.Reply stop = node.post("/v1/cassandra/stop");
            assertThat(stop.status()).isEqualTo(202);
            JsonNode job = node.awaitJob(stop.body().get("id").asText(), Duration.ofMinutes(3));
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("details").get("drain").get("modeAfter").asText()).isEqualTo("DRAINED");
            node.awaitPids(List::isEmpty, Duration.ofSeconds(30), "Cassandra gone after stop");
        }
    }
}
