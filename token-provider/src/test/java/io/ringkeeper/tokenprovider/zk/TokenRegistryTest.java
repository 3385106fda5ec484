package io.ringkeeper.tokenprovider.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.tokenprovider.Murmur3Ring;
import io.ringkeeper.tokenprovider.RingLayout;
import java.time.Duration;
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
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenRegistryTest {
    private static final String DC = "us-east-1";
    private static final List<String> RACKS = List.of("a", "b", "c");

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

    private static RingLayout plan(int ringSize) {
        return RingLayout.plan(DC, ringSize, RACKS, 1);
    }

    private static ClaimRequest node(int i, String rack) {
        return new ClaimRequest(DC, rack, "i-" + i, "10.0.0." + i);
    }

    private Claim claim(int i, String rack, RingLayout plan, Set<String> group, GossipView gossip) {
        return registry.claim(node(i, rack), plan, group, gossip);
    }

    private static Set<String> group(int... ids) {
        Set<String> set = new HashSet<>();
        for (int id : ids) {
            set.add("i-" + id);
        }
        return set;
    }

    @Test
    void claimsTakeTheLowestFreeSlotOfTheirRackAndAFullRingIsEven() {
        RingLayout plan = plan(6);
        String[] racks = {"a", "b", "c", "c", "b", "a"};
        Map<String, Integer> slotOf = new HashMap<>();
        for (int i = 1; i <= 6; i++) {
            Claim c = claim(i, racks[i - 1], plan, group(1, 2, 3, 4, 5, 6), GossipView.NOBODY_TO_ASK);
            assertThat(c.outcome()).isEqualTo(Outcome.NEW);
            assertThat(c.state()).isEqualTo(SlotState.CLAIMED);
            assertThat(c.entry().record().tokens()).containsExactly(String.valueOf(plan.tokensOf(c.slot()).get(0)));
            slotOf.put("i-" + i, c.slot());
        }
        assertThat(slotOf).containsEntry("i-1", 0).containsEntry("i-2", 1).containsEntry("i-3", 2)
                .containsEntry("i-4", 5).containsEntry("i-5", 4).containsEntry("i-6", 3);
        List<Long> tokens = registry.slots(DC).stream().map(e -> Long.parseLong(e.record().tokens().get(0))).toList();
        assertThat(Murmur3Ring.maxOverMin(Murmur3Ring.ownership(tokens).values())).isLessThan(1 + 1e-9);
    }

    @Test
    void aClaimerQueuedBehindAnotherTakesTheNextSlotAndTheRingStaysCompact() throws Exception {
        RingLayout plan = plan(12); // rack a: slots 0, 3, 6, 9
        claim(1, "a", plan, group(1, 2, 3), GossipView.NOBODY_TO_ASK);
        // i-2 has queued in rack a (as the first step of its claim) but not yet claimed: i-3 must not race it for
        // slot 3, it aims at the next one.
        ClaimIntent ahead = ClaimIntent.register(client, "/ringkeeper/test/token-intents/" + DC + "/0", "i-2");
        assertThat(claim(3, "a", plan, group(1, 2, 3), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(6);
        // i-2 goes on with its claim (its older intent does not count against itself) and fills slot 3.
        assertThat(claim(2, "a", plan, group(1, 2, 3), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(3);
        assertThat(registry.slots(DC)).extracting(SlotEntry::slot).containsExactly(0, 3, 6);
        // Its left-over intent belongs to a slot holder now: a later lone claimer still gets the lowest free slot.
        assertThat(client.checkExists().forPath(ahead.path())).isNotNull();
        assertThat(claim(4, "a", plan, group(1, 2, 3, 4), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(9);
    }

    @Test
    void claimsLeaveNothingQueuedWhateverTheOutcome() throws Exception {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK);
        claim(1, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK); // re-claim
        assertThatThrownBy(() -> claim(2, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK))
                .isInstanceOf(TokenRegistryException.class); // rack full
        assertThat(client.getChildren().forPath("/ringkeeper/test/token-intents/" + DC + "/0")).isEmpty();
    }

    @Test
    void aDcLaidOutBeforeClaimQueuesExistedGetsThem() throws Exception {
        RingLayout plan = plan(6);
        claim(1, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK);
        client.delete().deletingChildrenIfNeeded().forPath("/ringkeeper/test/token-intents");
        assertThat(claim(2, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(3);
    }

    @Test
    void theSameInstanceReclaimsItsSlotAfterAReboot() {
        RingLayout plan = plan(6);
        Claim first = claim(1, "b", plan, group(1), GossipView.NOBODY_TO_ASK);
        registry.markBootstrapping(DC, "i-1");
        // A fresh client: the daemon after a reboot.
        try (CuratorFramework other = Zk.client(server.getConnectString())) {
            Claim again = new TokenRegistry(other, "test").claim(node(1, "b"), plan, group(1), GossipView.NOBODY_TO_ASK);
            assertThat(again.outcome()).isEqualTo(Outcome.RECLAIMED);
            assertThat(again.slot()).isEqualTo(first.slot());
            assertThat(again.initialToken()).isEqualTo(first.initialToken());
            assertThat(again.state()).isEqualTo(SlotState.BOOTSTRAPPING);
        }
        assertThat(registry.slots(DC)).hasSize(1);
    }

    @Test
    void aFullRackIsAClearError() {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK);
        assertThatThrownBy(() -> claim(2, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK))
                .isInstanceOfSatisfying(TokenRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.RACK_FULL))
                .hasMessageContaining("all 1 slots of rack a in dc us-east-1").hasMessageContaining("tokens.ring_size");
        // Another rack still has room.
        assertThat(claim(2, "b", plan, group(1, 2), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(1);
    }

    @Test
    void aGoneNormalOwnerIsReplacedWithItsAddressAndTokens() {
        RingLayout plan = plan(3);
        for (int i = 1; i <= 3; i++) {
            claim(i, RACKS.get(i - 1), plan, group(1, 2, 3), GossipView.NOBODY_TO_ASK);
            registry.markNormal(DC, "i-" + i);
        }
        Claim old = registry.slotOf(DC, "i-2").map(e -> new Claim(DC, e.slot(), e, Outcome.NEW, false, plan)).orElseThrow();
        Claim replacement = claim(4, "b", plan, group(1, 3, 4), address -> address.equals("10.0.0.2") ? Liveness.DOWN : Liveness.UP);
        assertThat(replacement.outcome()).isEqualTo(Outcome.TOOK_OVER);
        assertThat(replacement.slot()).isEqualTo(old.slot());
        assertThat(replacement.initialToken()).isEqualTo(old.initialToken());
        assertThat(replacement.replaceAddress()).contains("10.0.0.2");
        assertThat(replacement.state()).isEqualTo(SlotState.CLAIMED);
        assertThat(registry.slotOf(DC, "i-2")).isEmpty();
        // No other slot changed.
        assertThat(registry.slots(DC)).extracting(e -> e.record().instanceId()).containsExactly("i-1", "i-4", "i-3");
        // Once NORMAL the replace address is cleared; a reboot before that gets it again.
        assertThat(claim(4, "b", plan, group(1, 3, 4), GossipView.NOBODY_TO_ASK).replaceAddress()).contains("10.0.0.2");
        registry.markNormal(DC, "i-4");
        assertThat(claim(4, "b", plan, group(1, 3, 4), GossipView.NOBODY_TO_ASK).replaceAddress()).isEmpty();
    }

    @Test
    void anOwnerStillInTheGroupIsNeverTakenOver() {
        RingLayout plan = plan(6);
        Claim first = claim(1, "a", plan, group(1, 2), address -> Liveness.DOWN);
        registry.markNormal(DC, "i-1");
        // Gossip says DOWN (e.g. the node is rebooting), but the cloud still has it: a new instance gets a free slot.
        Claim second = claim(2, "a", plan, group(1, 2), address -> Liveness.DOWN);
        assertThat(second.outcome()).isEqualTo(Outcome.NEW);
        assertThat(second.slot()).isNotEqualTo(first.slot());
        assertThat(registry.slotOf(DC, "i-1")).map(SlotEntry::slot).contains(first.slot());
    }

    @Test
    void cloudAndGossipDisagreeingIsRefusedAndNothingChanges() {
        RingLayout plan = plan(6);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        registry.markNormal(DC, "i-1");
        for (Liveness gossip : List.of(Liveness.UP, Liveness.UNKNOWN)) {
            assertThatThrownBy(() -> claim(2, "a", plan, group(2), address -> gossip))
                    .isInstanceOfSatisfying(TokenRegistryException.class,
                            e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.REPLACEMENT_REFUSED))
                    .hasMessageContaining("slot 0 (instance i-1, 10.0.0.1, NORMAL)");
        }
        assertThat(registry.slots(DC)).singleElement().satisfies(e -> assertThat(e.record().instanceId()).isEqualTo("i-1"));
        assertThat(registry.slotOf(DC, "i-2")).isEmpty();
    }

    @Test
    void anOwnerThatNeverStartedCassandraIsTakenOverWithoutAReplaceAddress() {
        RingLayout plan = plan(6);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        Claim c = claim(2, "a", plan, group(2), GossipView.NOBODY_TO_ASK);
        assertThat(c.outcome()).isEqualTo(Outcome.TOOK_OVER);
        assertThat(c.slot()).isZero();
        assertThat(c.replaceAddress()).isEmpty();
    }

    @Test
    void aReplacementThatDiedMidWayIsReplacedAgainstTheOriginalNode() {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        registry.markNormal(DC, "i-1");
        claim(2, "a", plan, group(2), address -> Liveness.DOWN);
        registry.markBootstrapping(DC, "i-2");
        // i-2 dies while replacing 10.0.0.1; i-3 must replace 10.0.0.1, not 10.0.0.2.
        List<String> asked = new ArrayList<>();
        Claim c = claim(3, "a", plan, group(3), address -> {
            asked.add(address);
            return Liveness.DOWN;
        });
        assertThat(asked).containsExactly("10.0.0.1");
        assertThat(c.outcome()).isEqualTo(Outcome.TOOK_OVER);
        assertThat(c.replaceAddress()).contains("10.0.0.1");
    }

    @Test
    void twoReplacementsRacingForOneDeadSlotNeverBothGetIt() throws Exception {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        registry.markNormal(DC, "i-1");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            int id = i;
            results.add(pool.submit(() -> {
                go.await();
                try (CuratorFramework own = Zk.client(server.getConnectString())) {
                    return new TokenRegistry(own, "test").claim(node(id, "a"), plan, group(2, 3), a -> Liveness.DOWN);
                } catch (TokenRegistryException e) {
                    return e.reason();
                }
            }));
        }
        go.countDown();
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).filteredOn(o -> o instanceof Claim).hasSize(1);
        assertThat(outcomes).contains(TokenRegistryException.Reason.RACK_FULL);
        assertThat(registry.slots(DC)).hasSize(1);
    }

    @Test
    void statesMoveForwardOnlyAndOnlyForTheOwner() {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        assertThat(registry.markBootstrapping(DC, "i-1").record().state()).isEqualTo(SlotState.BOOTSTRAPPING);
        assertThat(registry.markBootstrapping(DC, "i-1").record().state()).isEqualTo(SlotState.BOOTSTRAPPING);
        int version = registry.markNormal(DC, "i-1").version();
        assertThat(registry.slotOf(DC, "i-1").orElseThrow().version()).isEqualTo(version);
        assertThatThrownBy(() -> registry.advance(DC, "i-1", SlotState.CLAIMED))
                .isInstanceOfSatisfying(TokenRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.INVALID_TRANSITION));
        assertThatThrownBy(() -> registry.markNormal(DC, "i-9"))
                .isInstanceOfSatisfying(TokenRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.NOT_OWNER));
    }

    @Test
    void aTakenOverOwnerCanNoLongerMoveItsOldSlot() {
        RingLayout plan = plan(3);
        claim(1, "a", plan, group(1), GossipView.NOBODY_TO_ASK);
        claim(2, "a", plan, group(2), GossipView.NOBODY_TO_ASK);
        assertThatThrownBy(() -> registry.markBootstrapping(DC, "i-1"))
                .isInstanceOfSatisfying(TokenRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.NOT_OWNER));
        assertThat(registry.slots(DC)).singleElement().satisfies(e -> assertThat(e.record().instanceId()).isEqualTo("i-2"));
    }

    @Test
    void genesisLetsTheFirstNodeOfEachRackStartAsASeed() {
        RingLayout plan = plan(6);
        Set<String> all = group(1, 2, 3, 4, 5, 6);
        assertThat(registry.isGenesis(DC)).isTrue();
        List<Boolean> seeds = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            seeds.add(claim(i, RACKS.get((i - 1) % 3), plan, all, GossipView.NOBODY_TO_ASK).genesisSeed());
        }
        assertThat(seeds).containsExactly(true, true, true, false, false, false);
        registry.markNormal(DC, "i-2");
        assertThat(registry.isGenesis(DC)).isFalse();
        // The first slot of rack a re-claimed after genesis is no genesis seed any more.
        assertThat(claim(1, "a", plan, all, GossipView.NOBODY_TO_ASK).genesisSeed()).isFalse();
    }

    @Test
    void doublingTheRingKeepsEveryHolderOnItsTokensAndFillsTheNewSlots() {
        RingLayout plan = plan(3);
        Map<String, String> tokensBefore = new HashMap<>();
        for (int i = 1; i <= 3; i++) {
            Claim c = claim(i, RACKS.get(i - 1), plan, group(1, 2, 3), GossipView.NOBODY_TO_ASK);
            registry.markNormal(DC, "i-" + i);
            tokensBefore.put("i-" + i, c.initialToken());
        }
        RingLayout doubled = registry.doubleRing(DC);
        assertThat(doubled.ringSize()).isEqualTo(6);
        assertThat(registry.layout(DC)).contains(doubled);
        Set<String> all = group(1, 2, 3, 4, 5, 6);
        for (int i = 1; i <= 3; i++) {
            Claim again = claim(i, RACKS.get(i - 1), plan, all, GossipView.NOBODY_TO_ASK);
            assertThat(again.outcome()).isEqualTo(Outcome.RECLAIMED);
            assertThat(again.slot()).isEqualTo(2 * (i - 1));
            assertThat(again.initialToken()).isEqualTo(tokensBefore.get("i-" + i));
            assertThat(again.state()).isEqualTo(SlotState.NORMAL);
        }
        for (int i = 4; i <= 6; i++) {
            Claim c = claim(i, RACKS.get(i - 4), plan, all, GossipView.NOBODY_TO_ASK);
            assertThat(c.outcome()).isEqualTo(Outcome.NEW);
            assertThat(c.slot() % 2).isEqualTo(1);
        }
        List<SlotEntry> ring = registry.slots(DC);
        assertThat(ring).hasSize(6);
        for (int s = 0; s < 6; s++) {
            assertThat(ring.get(s).record().rack()).isNotEqualTo(ring.get((s + 1) % 6).record().rack());
        }
        List<Long> tokens = ring.stream().map(e -> Long.parseLong(e.record().tokens().get(0))).toList();
        assertThat(Murmur3Ring.maxOverMin(Murmur3Ring.ownership(tokens).values())).isLessThan(1 + 1e-9);
    }

    @Test
    void aPlanThatContradictsTheRecordedLayoutIsRefused() {
        claim(1, "a", plan(3), group(1), GossipView.NOBODY_TO_ASK);
        assertThatThrownBy(() -> registry.claim(node(2, "a"), RingLayout.plan(DC, 3, RACKS, 4), group(1, 2), GossipView.NOBODY_TO_ASK))
                .isInstanceOfSatisfying(TokenRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.LAYOUT_MISMATCH))
                .hasMessageContaining("num_tokens 1").hasMessageContaining("num_tokens 4");
        assertThatThrownBy(() -> claim(2, "z", plan(3), group(1, 2), GossipView.NOBODY_TO_ASK))
                .hasMessageContaining("rack z");
    }

    @Test
    void releasingFreesTheSlotForTheNextClaimer() {
        RingLayout plan = plan(3);
        Claim c = claim(1, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK);
        registry.release(DC, "i-1");
        assertThat(registry.slotOf(DC, "i-1")).isEmpty();
        assertThat(claim(2, "a", plan, group(1, 2), GossipView.NOBODY_TO_ASK).slot()).isEqualTo(c.slot());
    }

    @Test
    void theBootstrapLockAdmitsOneHolderAtATime() {
        BootstrapLock lock = new BootstrapLock(client, "test");
        try (CuratorFramework other = Zk.client(server.getConnectString())) {
            BootstrapLock otherLock = new BootstrapLock(other, "test");
            BootstrapLock.BootstrapLease first = lock.acquire(DC, "i-1 10.0.0.1", Duration.ofSeconds(5));
            assertThat(first.stillHeld()).isTrue();
            assertThatThrownBy(() -> otherLock.acquire(DC, "i-2 10.0.0.2", Duration.ofMillis(200)))
                    .isInstanceOfSatisfying(TokenRegistryException.class,
                            e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.LOCK_TIMEOUT));
            // Another DC is independent.
            otherLock.acquire("eu-west-1", "i-3", Duration.ofSeconds(5)).release();
            // Released from a different thread than the one that took it.
            Thread releaser = new Thread(first::release);
            releaser.start();
            releaser.join();
            assertThat(first.stillHeld()).isFalse();
            try (BootstrapLock.BootstrapLease second = otherLock.acquire(DC, "i-2 10.0.0.2", Duration.ofSeconds(5))) {
                assertThat(second.stillHeld()).isTrue();
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnreachableZooKeeperIsAClearError() throws Exception {
        String connect = server.getConnectString();
        Zk.close(server);
        server = Zk.server(); // a different port; the old one is closed
        try (CuratorFramework lonely = org.apache.curator.framework.CuratorFrameworkFactory.builder()
                .connectString(connect).retryPolicy(new org.apache.curator.retry.RetryNTimes(1, 10))
                .connectionTimeoutMs(500).sessionTimeoutMs(2000).build()) {
            lonely.start();
            assertThatThrownBy(() -> new TokenRegistry(lonely, "test").claim(node(1, "a"), plan(3), group(1), GossipView.NOBODY_TO_ASK))
                    .isInstanceOfSatisfying(TokenRegistryException.class,
                            e -> assertThat(e.reason()).isEqualTo(TokenRegistryException.Reason.ZOOKEEPER_UNAVAILABLE))
                    .hasMessageContaining(connect).hasMessageContaining("retry budget");
        }
    }
}
