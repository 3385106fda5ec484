package io.ringkeeper.zookeeper;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.testing.InProcessDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ZooKeeper stopped for longer than the daemon's session timeout, then started again: the loss is a warning (never a
 * failed readiness check) and a metric, and the daemon registers again under its new session by itself. The e2e
 * cluster test proves the same with real Cassandra serving throughout.
 */
class ZooKeeperOutageTest {
    @TempDir
    Path dir;

    @Test
    void aLostSessionIsAWarningAndTheRegistrationComesBackUnderANewSession() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            Files.writeString(dir.resolve("seed-provider.jar"), "");
            try (InProcessDaemon d = InProcessDaemon.start(dir, "", """
                    zookeeper: {connect: "%s", session_timeout: 4s, connection_timeout: 1s}
                    seeds: {provider_jar: seed-provider.jar}
                    """.formatted(zk.getConnectString()));
                 CuratorFramework observer = CuratorFrameworkFactory.newClient(zk.getConnectString(), 60_000, 10_000,
                         new RetryNTimes(100, 200))) {
                observer.start();
                String path = "/ringkeeper/test/nodes/node1";
                long firstSession = awaitOwner(observer, path, 0);
                JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(observer.getData().forPath(path));
                assertThat(record.path("address").asText()).isEqualTo("127.0.0.1");
                assertThat(record.path("url").asText()).isEqualTo(d.uri().toString());
                assertThat(metric(d, "ringkeeper_zookeeper_connected")).isEqualTo("1.0");

                zk.stop();
                JsonNode warnings = awaitWarning(d);
                assertThat(warnings.path("zookeeper").asText()).startsWith("not connected to ZooKeeper at " + zk.getConnectString());
                JsonNode checks = json(d.get("/v1/health/ready")).path("details").path("checks");
                assertThat(checks.has("zookeeper")).as("a lost ZooKeeper is not a failed readiness check: " + checks).isFalse();
                assertThat(metric(d, "ringkeeper_zookeeper_connected")).isEqualTo("0.0");
                Thread.sleep(6000); // past the 4 s session timeout: the session is gone for good

                zk.restart();
                long secondSession = awaitOwner(observer, path, firstSession);
                assertThat(secondSession).as("registered again, under a new session").isNotEqualTo(firstSession);
                assertThat(json(d.get("/v1/health/ready")).path("details").path("warnings").has("zookeeper")).isFalse();
                assertThat(Double.parseDouble(metric(d, "ringkeeper_zookeeper_sessions_lost_total"))).isGreaterThanOrEqualTo(1);
            }
        }
    }

    /** Waits until the ephemeral znode exists, owned by a session other than {@code notOwner}; returns its owner. */
    private static long awaitOwner(CuratorFramework zk, String path, long notOwner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Stat stat = zk.checkExists().forPath(path);
                if (stat != null && stat.getEphemeralOwner() != 0 && stat.getEphemeralOwner() != notOwner) {
                    return stat.getEphemeralOwner();
                }
            } catch (Exception notConnectedYet) {
                // the observer reconnects on its own
            }
            assertThat(System.nanoTime()).as(path + " registered").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitWarning(InProcessDaemon d) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode warnings = json(d.get("/v1/health/ready")).path("details").path("warnings");
            if (warnings.has("zookeeper")) {
                return warnings;
            }
            assertThat(System.nanoTime()).as("ZooKeeper warning shown").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String metric(InProcessDaemon d, String name) throws Exception {
        for (String line : d.get("/metrics").body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
