package io.ringkeeper.tokens;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.testing.InProcessDaemon;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.ClaimRequest;
import io.ringkeeper.tokenprovider.zk.GossipView;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon (local cloud: node1 in dc1, rack1) against a real ZooKeeper whose registry already holds a DC of another
 * region, and a dc1 laid out with other racks: the ring and the seeds come from the registry's DCs and its watched
 * copy, and the layout mismatch ends the join with the reason instead of retrying forever.
 */
class RegistryViewsTest {
    @TempDir
    Path dir;

    @Test
    void seedsAndRingComeFromTheRegistryAndALayoutMismatchEndsTheJoin() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryNTimes(10, 200))) {
            client.start();
            assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
            TokenRegistry registry = new TokenRegistry(client, "test");
            RingLayout west = RingLayout.plan("dc-west", 3, List.of("w1"), 1);
            for (String id : List.of("w-1", "w-2")) {
                registry.claim(new ClaimRequest("dc-west", "w1", id, id.equals("w-1") ? "10.9.0.1" : "10.9.0.2"), west,
                        Set.of("w-1", "w-2"), GossipView.NOBODY_TO_ASK);
                registry.markBootstrapping("dc-west", id);
                registry.markNormal("dc-west", id);
            }
            registry.layOut("dc1", () -> RingLayout.plan("dc1", 3, List.of("rack9"), 1));

            Files.writeString(dir.resolve("seed-provider.jar"), "");
            try (InProcessDaemon d = InProcessDaemon.start(dir, "", """
                    zookeeper: {connect: "%s", session_timeout: 10s}
                    seeds: {provider_jar: seed-provider.jar, refresh_interval: 500ms}
                    """.formatted(zk.getConnectString()))) {
                // dc-west is in no cloud view of this node (the local inventory lists dc1 only): it comes from the registry.
                JsonNode ring = awaitRing(d);
                List<String> dcs = new ArrayList<>();
                ring.path("dcs").forEach(dc -> dcs.add(dc.path("dc").asText()));
                assertThat(dcs).containsExactly("dc-west", "dc1");
                assertThat(ring.path("dcs").get(0).path("nodes")).hasSize(2);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the next refresh, at most 500ms away
                JsonNode seeds = json(d.get("/v1/seeds")).path("seeds");
                while (seeds.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    seeds = json(d.get("/v1/seeds")).path("seeds");
                }
                assertThat(seeds.toString()).isEqualTo("[\"10.9.0.1:7000\",\"10.9.0.2:7000\"]");

                // The join ends, saying why, and stays ended.
                String reason = awaitNotReadyReason(d, "token registry");
                assertThat(reason).contains("rack rack1 of instance node1 is not one of the racks [rack9]");
                JoinFlow join = d.injector().getInstance(JoinFlow.class);
                assertThat(join.outcome()).contains(false);

                // Refreshes read the watched copy: over several refresh intervals ZooKeeper hears (almost) nothing.
                long before = packets(zk.getPort());
                Thread.sleep(3000);
                long during = packets(zk.getPort()) - before - 2; // the first mntr's own request and reply
                assertThat(during).as("ZooKeeper requests during 6 seeds refreshes").isLessThanOrEqualTo(3);
                assertThat(join.state()).isEqualTo(reason.substring("joining the cluster: ".length()));
            }
        }
    }

    private static JsonNode awaitRing(InProcessDaemon d) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var r = d.get("/v1/ring");
            if (r.statusCode() == 200 && json(r).path("dcs").size() == 2) {
                return json(r);
            }
            assertThat(System.nanoTime()).as("ring: " + r.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String awaitNotReadyReason(InProcessDaemon d, String containing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode checks = json(d.get("/v1/health/ready")).path("details").path("checks");
            String join = checks.path("join").asText();
            if (join.contains(containing)) {
                return join;
            }
            assertThat(System.nanoTime()).as("join check: " + checks).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static long packets(int port) throws Exception {
        for (String line : FourLetterWordMain.send4LetterWord("127.0.0.1", port, "mntr").split("\n")) {
            String[] kv = line.split("\t", 2);
            if (kv[0].equals("zk_packets_received")) {
                return Long.parseLong(kv[1].trim());
            }
        }
        throw new AssertionError("no zk_packets_received in mntr");
    }
}
