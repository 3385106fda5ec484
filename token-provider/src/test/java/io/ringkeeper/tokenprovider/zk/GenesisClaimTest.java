package io.ringkeeper.tokenprovider.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-transaction claim of a DC that is still forming, against a real ZooKeeper server. */
class GenesisClaimTest {
    private static final String DC = "us-east-1";
    private static final List<String> RACKS = List.of("a", "b", "c");
    /** Rack a holds slots 0, 3, 6, 9; rack b 1, 4, 7, 10; rack c 2, 5, 8, 11. */
    private static final RingLayout PLAN = RingLayout.plan(DC, 12, RACKS, 1);

    private TestingServer server;
    private CuratorFramework client;
    private TokenRegistry registry;

    @BeforeEach
    void start() {
        server = Zk.server();
        client = Zk.client(server.getConnectString());
        registry = new TokenRegistry(client, "test");
    }

    @AfterEach
    void stop() {
        Zk.close(client);
        Zk.close(server);
    }

    /** i-1, i-4, i-7 in rack a; i-2, i-5 in rack b; i-3 in rack c. */
    private static Map<String, String> group(int... ids) {
        Map<String, String> group = new HashMap<>();
        for (int id : ids) {
            group.put("i-" + id, RACKS.get((id - 1) % 3));
        }
        return group;
    }

    private Claim claim(int id, RingLayout plan, Map<String, String> group) {
        return registry.claim(new ClaimRequest(DC, RACKS.get((id - 1) % 3), "i-" + id, "10.0.0." + id), plan, group,
                GossipView.NOBODY_TO_ASK);
    }

    /** The claim, and how many ZooKeeper transactions (writes, failed ones included) it cost. */
    private record Counted(Claim claim, long transactions) {
    }

    private Counted counted(int id, RingLayout plan, Map<String, String> group) throws Exception {
        long before = probeZxid();
        Claim claim = claim(id, plan, group);
        return new Counted(claim, probeZxid() - before - 1);
    }

    /** Creates a probe znode and returns its zxid: between two probes, every other write took one zxid. */
    private long probeZxid() throws Exception {
        Stat stat = new Stat();
        client.create().storingStatIn(stat).forPath("/zxid-probe-" + System.nanoTime());
        return stat.getCzxid();
    }

    @Test
    void aFormingDcHandsOutSlotsInInstanceIdOrderWithinEachRackOneWriteEach() throws Exception {
        registry.layOut(DC, () -> PLAN);
        Map<String, String> group = group(1, 2, 3, 4, 5, 7);
        // i-7 arrives first, alone: it still takes the slot of its rank in rack a (third of i-1, i-4, i-7), not the
        // lowest free one, so that i-1 and i-4 arriving later find theirs free.
        Counted counted = counted(7, PLAN, group);
        assertThat(counted.transactions()).as("ZooKeeper transactions of one claim").isEqualTo(1);
        Claim seventh = counted.claim();
        assertThat(seventh.slot()).isEqualTo(6);
        assertThat(seventh.outcome()).isEqualTo(Outcome.NEW);
        assertThat(seventh.genesisSeed()).isFalse();
        for (int id : new int[] {4, 1, 5, 2, 3}) {
            claim(id, PLAN, group);
        }
        assertThat(registry.slots(DC)).extracting(e -> e.record().instanceId() + "@" + e.slot())
                .containsExactly("i-1@0", "i-2@1", "i-3@2", "i-4@3", "i-5@4", "i-7@6");
        // Each slot carries the tokens of the recorded layout, and the first slot of each rack starts as a seed.
        for (SlotEntry e : registry.slots(DC)) {
            assertThat(e.record().tokens()).containsExactly(String.valueOf(PLAN.tokensOf(e.slot()).get(0)));
            assertThat(e.record().state()).isEqualTo(SlotState.CLAIMED);
        }
        assertThat(claimAgain(1).genesisSeed()).isTrue();
        assertThat(claimAgain(1).outcome()).isEqualTo(Outcome.RECLAIMED);
    }

    private Claim claimAgain(int id) {
        return claim(id, PLAN, group(1, 2, 3, 4, 5, 7));
    }

    @Test
    void theFirstNormalSlotEndsGenesisAndLaterClaimersTakeTheLowestFreeSlot() throws Exception {
        registry.layOut(DC, () -> PLAN);
        claim(1, PLAN, group(1, 2, 3, 7));
        claim(7, PLAN, group(1, 2, 3, 7)); // rank 1 of rack a: slot 3
        registry.markBootstrapping(DC, "i-1");
        registry.markNormal(DC, "i-1");
        assertThat(registry.isGenesis(DC)).isFalse();
        // i-4 ranks second in rack a (slot 3, held) but genesis is over: it queues and takes the lowest free slot.
        Claim late = claim(4, PLAN, group(1, 2, 3, 4, 7));
        assertThat(late.slot()).isEqualTo(6);
        assertThat(late.genesisSeed()).isFalse();
        // Nor does a late claimer whose rank slot is free take it: the queue gives it the lowest free slot.
        registry.release(DC, "i-7");
        Map<String, String> grown = group(1, 2, 3, 4, 13, 16, 19); // rack a by id: i-1, i-13, i-16, i-19, i-4
        assertThat(claim(19, PLAN, grown).slot()).as("slot 9 is its rank's, slot 3 the lowest free").isEqualTo(3);
    }

    @Test
    void aNodeThatStartedAsAGenesisSeedStaysASeedUntilItIsNormal() {
        registry.layOut(DC, () -> PLAN);
        Map<String, String> birth = group(1, 2, 3);
        for (int id : new int[] {1, 2, 3}) {
            assertThat(claim(id, PLAN, birth).genesisSeed()).as("the first of each rack").isTrue();
            registry.markBootstrappingAsSeed(DC, "i-" + id);
        }
        registry.markNormal(DC, "i-2"); // the first NORMAL slot ends genesis
        List<SlotEntry> slots = registry.slots(DC);
        assertThat(slots).allMatch(s -> !GenesisSeeds.isGenesisSeed(slots, s)).as("genesis is over");
        assertThat(slots).as("those still starting as seeds stay seeds; the NORMAL one is a seed as NORMAL")
                .filteredOn(s -> GenesisSeeds.isSeedWhileStarting(slots, s)).extracting(s -> s.record().instanceId())
                .containsExactlyInAnyOrder("i-1", "i-3");
        registry.markNormal(DC, "i-1");
        SlotEntry normal = registry.slotOf(DC, "i-1").orElseThrow();
        assertThat(normal.record().startedAsSeed()).as("cleared once NORMAL").isFalse();
        // A node that starts under the bootstrap lock is no seed until it is NORMAL.
        Claim late = claim(4, PLAN, group(1, 2, 3, 4));
        registry.markBootstrapping(DC, "i-4");
        List<SlotEntry> after = registry.slots(DC);
        SlotEntry lateEntry = after.stream().filter(s -> s.slot() == late.slot()).findFirst().orElseThrow();
        assertThat(GenesisSeeds.isSeedWhileStarting(after, lateEntry)).isFalse();
    }

    @Test
    void aClaimerWhoseRankSlotIsHeldQueuesAndStillGetsADistinctSlot() {
        registry.layOut(DC, () -> PLAN);
        claim(4, PLAN, group(1, 4)); // i-4 sees only i-1 ahead of it: slot 3
        // i-7's view of the group misses i-1: it ranks second (slot 3, held) and falls back to the queue.
        Claim late = claim(7, PLAN, group(4, 7));
        assertThat(late.outcome()).isEqualTo(Outcome.NEW);
        assertThat(late.slot()).isNotEqualTo(3);
        assertThat(registry.slots(DC)).extracting(SlotEntry::slot).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aPlanOtherThanTheRecordedLayoutNeverWritesItsOwnTokens() {
        registry.layOut(DC, () -> PLAN);
        RingLayout doubled = registry.doubleRing(DC);
        // A daemon still holding the old plan: its genesis claim cannot prove the layout, so the queue path claims
        // with the recorded (doubled) layout's tokens.
        Claim c = claim(4, PLAN, group(1, 4));
        assertThat(c.layout().ringSize()).isEqualTo(24);
        assertThat(c.entry().record().tokens()).containsExactly(String.valueOf(doubled.tokensOf(c.slot()).get(0)));
    }

    @Test
    void aDcNotLaidOutYetIsLaidOutByTheQueuePathAndLayOutReturnsTheRecordedLayout() throws Exception {
        Claim first = claim(2, PLAN, group(2, 5));
        assertThat(first.slot()).isEqualTo(1);
        RingLayout other = RingLayout.plan(DC, 24, RACKS, 1);
        assertThat(registry.layOut(DC, () -> other)).isEqualTo(PLAN);
        // The layout was written by a claim, with its genesis marker: the next claimer gets the one-transaction claim.
        Counted next = counted(5, PLAN, group(2, 5));
        assertThat(next.claim().slot()).isEqualTo(4);
        assertThat(next.transactions()).isEqualTo(1);
    }

    /**
     * A client whose next {@code transaction()} call first runs {@code meanwhile}: the doubling has read the ring by
     * then and is about to commit.
     */
    private static CuratorFramework pausingBeforeTransaction(CuratorFramework real, Runnable[] meanwhile) {
        return (CuratorFramework) java.lang.reflect.Proxy.newProxyInstance(CuratorFramework.class.getClassLoader(),
                new Class<?>[] {CuratorFramework.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transaction") && meanwhile[0] != null) {
                        Runnable once = meanwhile[0];
                        meanwhile[0] = null;
                        once.run();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aClaimLandingWhileTheRingDoublesMakesTheDoublingLookAgainAndNoTokenIsHeldTwice() {
        for (boolean genesisClaim : new boolean[] {true, false}) {
            String cluster = genesisClaim ? "race-genesis" : "race-queue";
            TokenRegistry claims = new TokenRegistry(client, cluster);
            claims.layOut(DC, () -> PLAN);
            claims.claim(new ClaimRequest(DC, "a", "i-1", "10.0.0.1"), PLAN, group(1), GossipView.NOBODY_TO_ASK);
            Runnable[] meanwhile = {() -> {
                ClaimRequest i4 = new ClaimRequest(DC, "a", "i-4", "10.0.0.4"); // slot 3, with the 12-slot ring's tokens
                Claim c = genesisClaim ? claims.claim(i4, PLAN, group(1, 4), GossipView.NOBODY_TO_ASK)
                        : claims.claim(i4, PLAN, group(1, 4).keySet(), GossipView.NOBODY_TO_ASK);
                assertThat(c.slot()).isEqualTo(3);
            }};
            RingLayout doubled = new TokenRegistry(pausingBeforeTransaction(client, meanwhile), cluster).doubleRing(DC);
            assertThat(meanwhile[0]).as("the claim ran").isNull();

            // i-4's slot moved with the others (3 became 6), so its tokens are where the doubled ring puts them, and
            // a later claimer of rack a does not get them again.
            claims.claim(new ClaimRequest(DC, "a", "i-7", "10.0.0.7"), doubled, group(1, 4, 7), GossipView.NOBODY_TO_ASK);
            List<SlotEntry> ring = claims.slots(DC);
            for (SlotEntry e : ring) {
                assertThat(e.record().tokens()).as("slot " + e.slot())
                        .containsExactly(String.valueOf(doubled.tokensOf(e.slot()).get(0)));
            }
            assertThat(ring).extracting(e -> e.record().instanceId() + "@" + e.slot()).contains("i-4@6");
            assertThat(ring.stream().map(e -> e.record().tokens().get(0)).distinct().count()).isEqualTo(ring.size());
        }
    }
}
