package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The ZooKeeper token registry: one znode per held slot (see {@link ClusterPaths}), claimed by an atomic create,
 * taken over by a compare-and-set on the znode version, moved CLAIMED → BOOTSTRAPPING → NORMAL by
 * compare-and-set. Every write that depends on the DC's layout also checks the layout znode's version in the same
 * ZooKeeper transaction, so a ring doubling and a claim can never interleave.
 *
 * <p>No sleeps, random or otherwise: a claimer that loses a race learns that from ZooKeeper at once and moves on.
 * A new claimer first queues in its rack ({@link ClaimIntent}) and tries the k-th lowest free slot, k being the
 * number of claimers queued ahead of it ({@link SlotChooser}): a lone claimer gets the lowest free slot, a crowd
 * spreads over the lowest free slots without colliding, and the ring stays compact either way. A claim costs two
 * writes (queue, then claim-and-leave-the-queue in one transaction) and one read request ({@link RegistrySnapshot}).
 *
 * <p>A DC that is still forming (laid out, no slot NORMAL yet: the whole group launched at once) has a faster way
 * in, the <em>genesis claim</em>: when the caller passes the group with its racks, the claimer takes the slot of its
 * rank among its rack's group members (by instance id) in one transaction and no read. The transaction checks the
 * DC's genesis marker ({@link ClusterPaths#genesis}), which proves the DC has no NORMAL slot and is laid out as the
 * caller's plan, and creates the slot and the owner index; any failure (slot held, already an owner, not genesis,
 * other layout) falls back to the queue. It does not look for gone owners: nobody holds data before the first NORMAL
 * slot, and a slot left by an instance that died during genesis is taken over by the next claim that uses the queue.
 *
 * <p>Thread-safe; holds no state of its own besides the client. Errors are {@link TokenRegistryException}s.
 */
public final class TokenRegistry {

    private final RegistryIo io;
    private final SlotClaims claims;
    private final SlotTransitions transitions;
    private final RingDoubling doubling;

    public TokenRegistry(CuratorFramework zk, String cluster, Clock clock) {
        this.io = new RegistryIo(Objects.requireNonNull(zk, "zk"), new ClusterPaths(cluster), Objects.requireNonNull(clock, "clock"));
        this.claims = new SlotClaims(io);
        this.transitions = new SlotTransitions(io);
        this.doubling = new RingDoubling(io);
    }

    public TokenRegistry(CuratorFramework zk, String cluster) {
        this(zk, cluster, Clock.systemUTC());
    }

    /**
     * Gives this instance its slot: the one it already holds (re-claim after a reboot), else the slot of a gone owner
     * in its rack (takeover), else the lowest free slot of its rack.
     *
     * @param request          who asks
     * @param plan             the DC layout from local config ({@link RingLayout#plan}); recorded by the first claimer
     *                         of the DC, and afterwards only checked against what is recorded
     * @param groupInstanceIds every instance the cloud reports in the group now (this one included); an owner missing
     *                         from it is "gone"
     * @param gossip           the second witness for a gone owner (see {@link ReplacementDecision})
     * @throws TokenRegistryException RACK_FULL, REPLACEMENT_REFUSED, LAYOUT_MISMATCH, ZOOKEEPER_UNAVAILABLE, CONTENDED;
     *                                retrying any of them is safe
     */
    public Claim claim(ClaimRequest request, RingLayout plan, Set<String> groupInstanceIds, GossipView gossip) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(groupInstanceIds, "groupInstanceIds");
        Objects.requireNonNull(gossip, "gossip");
        return io.call("claiming a slot for instance " + request.instanceId() + " in dc " + request.dc(),
                () -> claims.doClaim(request, plan, groupInstanceIds, gossip));
    }

    /**
     * As {@link #claim(ClaimRequest, RingLayout, Set, GossipView)}, with the rack of every group member: while the DC
     * forms, that allows the one-transaction genesis claim (see the class comment), which spreads a crowd over its
     * racks' slots in instance-id order without any claimer reading first.
     *
     * @param groupRacks every instance the cloud reports in the group now, in this DC, with its rack (this one
     *                   included)
     */
    public Claim claim(ClaimRequest request, RingLayout plan, Map<String, String> groupRacks, GossipView gossip) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(groupRacks, "groupRacks");
        Objects.requireNonNull(gossip, "gossip");
        return io.call("claiming a slot for instance " + request.instanceId() + " in dc " + request.dc(), () -> {
            Optional<Claim> genesis = claims.genesisClaim(request, plan, groupRacks);
            return genesis.isPresent() ? genesis.get() : claims.doClaim(request, plan, groupRacks.keySet(), gossip);
        });
    }

    /** Moves this instance's slot forward to {@code target} (compare-and-set; no-op if already there). */
    public SlotEntry advance(String dc, String instanceId, SlotState target) {
        return transitions.advance(dc, instanceId, target, false);
    }

    /** Marks the slot BOOTSTRAPPING. Call it before starting Cassandra with the slot's tokens. */
    public SlotEntry markBootstrapping(String dc, String instanceId) {
        return transitions.advance(dc, instanceId, SlotState.BOOTSTRAPPING, false);
    }

    /**
     * Marks the slot BOOTSTRAPPING, recording that its node starts as a genesis seed (without the bootstrap lock): it
     * then stays in the seed lists until it is NORMAL, even when another slot of the DC becomes NORMAL first, so the
     * seeds of a DC being born do not change under the nodes still starting ({@link GenesisSeeds#isSeedWhileStarting}).
     */
    public SlotEntry markBootstrappingAsSeed(String dc, String instanceId) {
        return transitions.advance(dc, instanceId, SlotState.BOOTSTRAPPING, true);
    }

    /** Marks the slot NORMAL once Cassandra reports NORMAL and joined. Clears the replace address. */
    public SlotEntry markNormal(String dc, String instanceId) {
        return advance(dc, instanceId, SlotState.NORMAL);
    }

    /** The slot this instance holds, if any. */
    public Optional<SlotEntry> slotOf(String dc, String instanceId) {
        return io.call("reading the slot of " + instanceId + " in dc " + dc, () -> {
            Optional<VersionedLayout> vl = io.readLayout(dc);
            return vl.isEmpty() ? Optional.<SlotEntry>empty() : io.findOwn(dc, instanceId, vl.get().layout());
        });
    }

    /** The DCs laid out in the registry (whoever claimed there: every region, whatever this node's cloud sees). */
    public List<String> dcs() {
        return io.call("listing the DCs of the registry", () -> {
            try {
                List<String> dcs = new ArrayList<>(io.zk.getChildren().forPath(io.paths.tokens()));
                dcs.sort(Comparator.naturalOrder());
                return dcs;
            } catch (KeeperException.NoNodeException none) {
                return List.<String>of();
            }
        });
    }

    /** Every held slot of the DC, lowest first. */
    public List<SlotEntry> slots(String dc) {
        return io.call("listing the slots of dc " + dc, () -> {
            List<SlotEntry> entries = new ArrayList<>();
            for (int slot : io.heldSlots(dc)) {
                io.readSlot(dc, slot).ifPresent(entries::add);
            }
            entries.sort(Comparator.comparingInt(SlotEntry::slot));
            return entries;
        });
    }

    /** The DC's layout as recorded, if any instance has claimed a slot there yet. */
    public Optional<RingLayout> layout(String dc) {
        return io.call("reading the layout of dc " + dc, () -> io.readLayout(dc).map(VersionedLayout::layout));
    }

    /**
     * True while no slot of the DC is NORMAL: the DC is forming, and the first slot of each rack starts as a seed
     * without waiting for the bootstrap lock.
     */
    public boolean isGenesis(String dc) {
        return io.call("checking whether dc " + dc + " has a NORMAL node", () -> doIsGenesis(dc));
    }

    private boolean doIsGenesis(String dc) throws Exception {
        for (int slot : io.heldSlots(dc)) {
            Optional<SlotEntry> entry = io.readSlot(dc, slot);
            if (entry.isPresent() && entry.get().record().state() == SlotState.NORMAL) {
                return false;
            }
        }
        return true;
    }

    /**
     * The DC's layout as recorded, laying it out from {@code plan} first when the DC has none (one transaction, the
     * same as the first claim would do). A daemon calls it before claiming, so that a crowd launching a new DC lays
     * it out once rather than every claim finding it missing.
     */
    public RingLayout layOut(String dc, Supplier<RingLayout> plan) {
        return claims.layOut(dc, plan);
    }

    /** Gives the slot back (after a decommission): the slot becomes free for the next claimer of its rack. */
    public void release(String dc, String instanceId) {
        transitions.release(dc, instanceId);
    }

    /**
     * Doubles the DC's ring in one ZooKeeper transaction: the layout records twice the slots and every slot
     * {@code s} is renamed {@code 2s}, keeping its record (tokens, owner, state) unchanged. The odd slots are new and
     * free. Owner index entries are not rewritten: they carry the ring size they were written for.
     * ZooKeeper's request size limit (jute.maxbuffer, 1 MB by default) bounds this to a few thousand slots per DC.
     * A claim that lands while the doubling reads makes the doubling read again; it never keeps its old number.
     *
     * @return the new layout
     */
    public RingLayout doubleRing(String dc) {
        return doubling.doubleRing(dc);
    }
}
