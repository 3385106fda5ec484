package io.ringkeeper.tokenprovider.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.tokenprovider.Murmur3Ring;
import io.ringkeeper.tokenprovider.RingLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/** Many claimers at once, each with its own ZooKeeper session, against real ZooKeeper. */
class ConcurrentClaimsTest {
    private static final int CLAIMERS = 1000;
    private static final String DC = "dc1";
    private static final List<String> RACKS = List.of("a", "b", "c");
    /** The smallest multiple of 3 racks that holds every claimer. */
    private static final RingLayout PLAN = RingLayout.plan(DC, 1002, RACKS, 1);

    @Test
    void aThousandSimultaneousClaimsGetAThousandDistinctSlots() throws Exception {
        try (TestingServer server = Zk.server()) {
            List<Object> outcomes = claimAllAtOnce(server.getConnectString(), () -> { });
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Claim.class));
            List<Claim> claims = outcomes.stream().map(Claim.class::cast).toList();
            assertThat(claims.stream().map(Claim::slot).distinct().count()).isEqualTo(CLAIMERS);
            assertThat(claims.stream().map(Claim::initialToken).distinct().count()).isEqualTo(CLAIMERS);
            for (Claim c : claims) {
                assertThat(c.outcome()).isEqualTo(Outcome.NEW);
                assertThat(RACKS.get(PLAN.rackIndexOf(c.slot()))).isEqualTo(c.entry().record().rack());
            }
            // Compact: racks b and c have 334 slots and 333 claimers each; the one slot left free is the highest.
            for (int r = 0; r < RACKS.size(); r++) {
                List<Integer> taken = taken(claims, RACKS.get(r));
                assertThat(taken).as("slots of rack " + RACKS.get(r)).containsExactlyElementsOf(
                        PLAN.slotsOfRack(r).subList(0, taken.size()));
            }
            assertThat(taken(claims, "b")).hasSize(333).doesNotContain(PLAN.slotsOfRack(1).get(333));
            assertRegistryConsistent(server.getConnectString(), claims);
            assertNobodyLeftQueued(server.getConnectString());
        }
    }

    private static List<Integer> taken(List<Claim> claims, String rack) {
        return claims.stream().filter(c -> c.entry().record().rack().equals(rack)).map(Claim::slot).sorted().toList();
    }

    /** Every claim intent was consumed by its claim transaction: none is left to hold later claimers back. */
    private static void assertNobodyLeftQueued(String connect) throws Exception {
        try (CuratorFramework reader = Zk.client(connect)) {
            for (int r = 0; r < RACKS.size(); r++) {
                assertThat(reader.getChildren().forPath("/ringkeeper/concurrency/token-intents/" + DC + "/" + r))
                        .as("intents left in rack " + RACKS.get(r)).isEmpty();
            }
        }
    }

    @Test
    void aThousandClaimersOfAFormingDcWhoKnowTheirGroupTakeTheirRankSlotsInOneTransactionEach() throws Exception {
        try (TestingServer server = Zk.server()) {
            layOut(server.getConnectString());
            AtomicLong transactions = new AtomicLong();
            List<Object> outcomes = claimAllAtOnce(server.getConnectString(), () -> { }, new AtomicInteger(), true,
                    transactions);
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(Claim.class));
            List<Claim> claims = outcomes.stream().map(Claim.class::cast).toList();
            assertThat(claims.stream().map(Claim::initialToken).distinct().count()).isEqualTo(CLAIMERS);
            for (int r = 0; r < RACKS.size(); r++) {
                // Each rack's claimers, in instance-id order, hold its first slots in that order.
                String rack = RACKS.get(r);
                List<String> byId = claims.stream().filter(c -> c.entry().record().rack().equals(rack))
                        .map(c -> c.entry().record().instanceId()).sorted().toList();
                for (int rank = 0; rank < byId.size(); rank++) {
                    String id = byId.get(rank);
                    Claim c = claims.stream().filter(x -> x.entry().record().instanceId().equals(id)).findFirst().orElseThrow();
                    assertThat(c.slot()).as(id).isEqualTo(PLAN.slotsOfRack(r).get(rank));
                    assertThat(c.genesisSeed()).isEqualTo(rank == 0);
                }
            }
            assertThat(transactions.get()).as("ZooKeeper transactions for " + CLAIMERS + " claims").isEqualTo(CLAIMERS);
            assertRegistryConsistent(server.getConnectString(), claims);
        }
    }

    @Test
    void aServerKilledWhileAFormingDcIsClaimedNeverCausesADuplicate() throws Exception {
        claimWithAServerKilled(true);
    }

    @Test
    void aZooKeeperServerKilledMidWayNeverCausesADuplicate() throws Exception {
        claimWithAServerKilled(false);
    }

    private static void layOut(String connect) {
        try (CuratorFramework c = Zk.client(connect)) {
            new TokenRegistry(c, "concurrency").layOut(DC, () -> PLAN);
        }
    }

    /** The zxid of a probe znode created now: every write in between took one zxid. */
    private static long probeZxid(CuratorFramework c) throws Exception {
        org.apache.zookeeper.data.Stat stat = new org.apache.zookeeper.data.Stat();
        c.create().storingStatIn(stat).forPath("/zxid-probe-" + System.nanoTime());
        return stat.getCzxid();
    }

    private static void claimWithAServerKilled(boolean groupWithRacks) throws Exception {
        List<InstanceSpec> specs = List.of(Zk.unlimitedSpec(1), Zk.unlimitedSpec(2), Zk.unlimitedSpec(3));
        try (TestingCluster cluster = new TestingCluster(specs)) {
            cluster.start();
            if (groupWithRacks) {
                layOut(cluster.getConnectString());
            }
            AtomicInteger done = new AtomicInteger();
            List<Object> outcomes = claimAllAtOnce(cluster.getConnectString(), () -> {
                // Kill a server once a third of the claims are through: every session on it moves to another
                // server while claims are in flight (and if it led, the ensemble elects a new leader).
                while (done.get() < CLAIMERS / 3) {
                    Thread.onSpinWait();
                }
                try {
                    cluster.killServer(specs.get(0));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, done, groupWithRacks, new AtomicLong());
            List<Claim> claims = new ArrayList<>();
            for (Object o : outcomes) {
                // Every claimer either holds a slot or got a registry error naming the cause; nothing else.
                assertThat(o).isInstanceOfAny(Claim.class, TokenRegistryException.class);
                if (o instanceof Claim c) {
                    claims.add(c);
                } else {
                    assertThat(((TokenRegistryException) o).getMessage()).isNotBlank();
                }
            }
            assertThat(claims.stream().map(Claim::slot).distinct().count()).isEqualTo(claims.size());
            assertThat(claims.stream().map(Claim::initialToken).distinct().count()).isEqualTo(claims.size());
            assertRegistryConsistent(cluster.getConnectString(), claims);
        }
    }

    private static List<Object> claimAllAtOnce(String connect, Runnable duringClaims) throws Exception {
        return claimAllAtOnce(connect, duringClaims, new AtomicInteger(), false, new AtomicLong());
    }

    /**
     * @param groupWithRacks give each claimer the group with its racks (as the daemon does, which allows the genesis
     *                       claim), rather than the instance ids alone (the claim queue for everyone)
     * @param transactions   set to the ZooKeeper transactions (writes, failed ones included) the claims took
     */
    private static List<Object> claimAllAtOnce(String connect, Runnable duringClaims, AtomicInteger done,
                                               boolean groupWithRacks, AtomicLong transactions) throws Exception {
        List<CuratorFramework> clients = connectAll(connect);
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        try {
            Map<String, String> group = new HashMap<>();
            for (int i = 0; i < CLAIMERS; i++) {
                group.put("i-" + i, RACKS.get(i % 3));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CLAIMERS; i++) {
                int id = i;
                TokenRegistry registry = new TokenRegistry(clients.get(i), "concurrency");
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        ClaimRequest request = new ClaimRequest(DC, RACKS.get(id % 3), "i-" + id,
                                "10.1." + id / 250 + "." + id % 250);
                        return groupWithRacks ? registry.claim(request, PLAN, group, GossipView.NOBODY_TO_ASK)
                                : registry.claim(request, PLAN, group.keySet(), GossipView.NOBODY_TO_ASK);
                    } catch (TokenRegistryException e) {
                        return e;
                    } finally {
                        done.incrementAndGet();
                    }
                }));
            }
            long before = probeZxid(clients.get(0));
            go.countDown();
            duringClaims.run();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                outcomes.add(f.get());
            }
            transactions.set(probeZxid(clients.get(0)) - before - 1);
            return outcomes;
        } finally {
            pool.shutdownNow();
            closeAll(clients);
        }
    }

    /**
     * Sessions are opened and closed many at a time: each takes a round trip and a few thread hand-offs (closing
     * waits ~0.1 s for the client's threads), and one at a time a thousand of them took most of the test's minute.
     */
    private static final int CONNECTORS = 100;

    private static void closeAll(List<CuratorFramework> clients) throws Exception {
        ExecutorService closer = Executors.newFixedThreadPool(CONNECTORS);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (CuratorFramework c : clients) {
                pending.add(closer.submit(() -> Zk.close(c)));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        } finally {
            closer.shutdown();
        }
    }

    private static List<CuratorFramework> connectAll(String connect) throws Exception {
        ExecutorService connector = Executors.newFixedThreadPool(CONNECTORS);
        try {
            List<Future<CuratorFramework>> pending = new ArrayList<>();
            for (int i = 0; i < CLAIMERS; i++) {
                pending.add(connector.submit(() -> Zk.client(connect)));
            }
            List<CuratorFramework> clients = new ArrayList<>();
            for (Future<CuratorFramework> f : pending) {
                clients.add(f.get());
            }
            return clients;
        } finally {
            connector.shutdown();
        }
    }

    /** What ZooKeeper holds agrees with what claimers were told, and no token appears twice. */
    private static void assertRegistryConsistent(String connect, List<Claim> claims) {
        try (CuratorFramework reader = Zk.client(connect)) {
            List<SlotEntry> slots = new TokenRegistry(reader, "concurrency").slots(DC);
            Map<String, Integer> slotOfInstance = new HashMap<>();
            Set<String> tokens = new HashSet<>();
            for (SlotEntry e : slots) {
                assertThat(slotOfInstance.put(e.record().instanceId(), e.slot())).as("instance in two slots").isNull();
                assertThat(e.record().tokens()).containsExactlyElementsOf(
                        PLAN.tokensOf(e.slot()).stream().map(String::valueOf).toList());
                assertThat(tokens.addAll(e.record().tokens())).as("duplicate token").isTrue();
            }
            for (Claim c : claims) {
                assertThat(slotOfInstance).containsEntry(c.entry().record().instanceId(), c.slot());
            }
            if (slots.size() == PLAN.ringSize()) {
                List<Long> all = tokens.stream().map(Long::parseLong).toList();
                assertThat(Murmur3Ring.maxOverMin(Murmur3Ring.ownership(all).values())).isLessThan(1 + 1e-9);
            }
        }
    }
}
