package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;

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

    private final CuratorFramework zk;
    private final ClusterPaths paths;
    private final Clock clock;
    private final RegistryJson json = new RegistryJson();

    public TokenRegistry(CuratorFramework zk, String cluster, Clock clock) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.paths = new ClusterPaths(cluster);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        return call("claiming a slot for instance " + request.instanceId() + " in dc " + request.dc(),
                () -> doClaim(request, plan, groupInstanceIds, gossip));
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
        return call("claiming a slot for instance " + request.instanceId() + " in dc " + request.dc(), () -> {
            Optional<Claim> genesis = genesisClaim(request, plan, groupRacks);
            return genesis.isPresent() ? genesis.get() : doClaim(request, plan, groupRacks.keySet(), gossip);
        });
    }

    /**
     * The genesis claim: one transaction, no read. The slot is the one at this instance's rank among the group
     * members of its rack, ordered by instance id, so a group that launched together takes its racks' slots in that
     * order without two claimers aiming at one slot (as long as their cloud views agree; when they do not, the
     * create of a held slot fails and the claimer queues like any other).
     *
     * @return empty when the genesis claim does not apply or lost: the caller claims through the queue
     */
    private Optional<Claim> genesisClaim(ClaimRequest request, RingLayout plan, Map<String, String> groupRacks)
            throws Exception {
        int rackIndex = plan.racks().indexOf(request.rack());
        if (rackIndex < 0 || !request.rack().equals(groupRacks.get(request.instanceId()))) {
            return Optional.empty(); // the queue path explains a wrong rack; a caller missing from its own group is odd
        }
        int rank = 0; // members of the rack whose id sorts before this one's (counted: no sort needed)
        for (Map.Entry<String, String> member : groupRacks.entrySet()) {
            if (member.getValue().equals(request.rack()) && member.getKey().compareTo(request.instanceId()) < 0) {
                rank++;
            }
        }
        List<Integer> rackSlots = plan.slotsOfRack(rackIndex);
        if (rank >= rackSlots.size()) {
            return Optional.empty();
        }
        String dc = request.dc();
        int slot = rackSlots.get(rank);
        SlotRecord record = new SlotRecord(tokenStrings(plan, slot), request.instanceId(), request.address(),
                request.rack(), SlotState.CLAIMED, now(), null);
        // On ZooKeeper's own handle: this one request is the whole claim, and Curator's transaction builders cost as
        // much CPU as ZooKeeper's handling of it. The retry on a lost connection is Curator's, as for any other call.
        // Open ACL: the same as Curator's default ACL provider, which the registry's other znodes get (ClaimIntent).
        String ns = zk.getNamespace();
        String slotPath = ZKPaths.fixForNamespace(ns, paths.slot(dc, slot));
        String ownerPath = ZKPaths.fixForNamespace(ns, paths.owner(dc, request.instanceId()));
        List<Op> ops = List.of(
                Op.check(ZKPaths.fixForNamespace(ns, paths.genesis(dc, plan)), -1),
                Op.create(slotPath, json.write(record), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                Op.create(ownerPath, json.write(new OwnerIndex(slot, plan.ringSize())),
                        ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        try {
            RetryLoop.callWithRetry(zk.getZookeeperClient(), () -> zk.getZookeeperClient().getZooKeeper().multi(ops));
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException
                 | KeeperException.BadVersionException notThisWay) {
            // Slot held, already an owner (a re-claim, or this very transaction retried after a lost connection),
            // the DC not laid out or no longer forming: the queue path sorts each of these out.
            return Optional.empty();
        }
        // The marker proved genesis when the slot was created, so the rack's first slot is its lowest held one: a genesis
        // seed as GenesisSeeds defines it, without reading the other slots.
        return Optional.of(new Claim(dc, slot, new SlotEntry(slot, record, 0), Outcome.NEW, rank == 0, plan));
    }

    /**
     * The DC's layout as recorded, laying it out from {@code plan} first when the DC has none (one transaction, the
     * same as the first claim would do). A daemon calls it before claiming, so that a crowd launching a new DC lays
     * it out once rather than every claim finding it missing.
     */
    public RingLayout layOut(String dc, Supplier<RingLayout> plan) {
        return call("laying out dc " + dc, () -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                Optional<VersionedLayout> recorded = readLayout(dc);
                if (recorded.isPresent()) {
                    return recorded.get().layout();
                }
                prepareDc(dc, plan.get());
            }
            throw new IllegalStateException("the layout of dc " + dc + " vanished after every attempt to write it");
        });
    }

    private Claim doClaim(ClaimRequest request, RingLayout plan, Set<String> group, GossipView gossip) throws Exception {
        String dc = request.dc();
        // The rack's queue is named by the rack's index in the plan; a plan whose racks differ from the recorded
        // layout is refused below (LAYOUT_MISMATCH) before any slot is written.
        int planRack = plan.racks().indexOf(request.rack());
        if (planRack < 0) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LAYOUT_MISMATCH, "rack " + request.rack()
                    + " of instance " + request.instanceId() + " is not one of the racks " + plan.racks()
                    + " planned for dc " + dc + "; racks cannot be added to a DC that has nodes");
        }
        String intentsDir = paths.intents(dc, planRack);
        ClaimIntent intent = null;
        int queueMisses = 0;
        try {
            boolean lookForGoneOwners = true;
            for (int attempt = 0; ; attempt++) {
                if (attempt > 100 && intent == null) {
                    throw new IllegalStateException("the claim queue " + intentsDir + " of dc " + dc
                            + " vanished after every attempt to create it");
                }
                RegistrySnapshot view;
                if (intent == null) {
                    // Queue, then read: the read then sees everyone queued ahead of us (see ClaimIntent).
                    try {
                        Queued queued = queueAndRead(dc, request.instanceId(), intentsDir);
                        intent = queued.intent();
                        view = queued.view();
                    } catch (KeeperException.NoNodeException newDc) {
                        if (queueMisses++ > 0) {
                            createQueue(dc, planRack); // laid out before claim queues existed
                        } else {
                            prepareDc(dc, plan);
                        }
                        continue;
                    }
                } else {
                    view = RetryLoop.callWithRetry(zk.getZookeeperClient(),
                            () -> RegistrySnapshot.read(zk, paths, json, dc, request.instanceId(), intentsDir));
                }
                if (view.layout().isEmpty()) {
                    prepareDc(dc, plan); // deleted under us: a test tearing down, or an operator
                    continue;
                }
                VersionedLayout vl = view.layout().get();
                RingLayout layout = checkMatches(dc, vl.layout(), plan);
                int rackIndex = rackIndex(layout, request);
                List<Integer> rackSlots = layout.slotsOfRack(rackIndex);
                if (attempt > 2 * rackSlots.size() + 16) {
                    throw new TokenRegistryException(TokenRegistryException.Reason.CONTENDED, "lost " + attempt
                            + " races in a row for a slot of rack " + request.rack() + " in dc " + dc + "; retry the claim");
                }
                if (view.ownIndexPresent()) {
                    Optional<SlotEntry> own = findOwn(dc, request.instanceId(), layout);
                    if (own.isPresent()) {
                        SlotEntry entry = own.get();
                        if (!entry.record().address().equals(request.address())) {
                            entry = updateAddress(dc, entry, request.address(), vl);
                            if (entry == null) {
                                continue;
                            }
                        }
                        return claimOf(dc, entry, Outcome.RECLAIMED, layout);
                    }
                }
                // Gone owners are judged on the first turn and after a lost takeover race; a lost race for a free
                // slot says nothing new about who left the group.
                if (lookForGoneOwners) {
                    TakeOver takeOver = tryTakeOver(request, vl, rackIndex, view.owners(), group, gossip);
                    if (takeOver.claim != null) {
                        return takeOver.claim;
                    }
                    lookForGoneOwners = takeOver.lostRace;
                    if (takeOver.lostRace) {
                        continue;
                    }
                }
                if (!view.intents().contains(intent.name())) {
                    intent = null; // gone with an expired session: queue again (at the back, which is only fair)
                    continue;
                }
                int rank = intent.rank(view.intents(), new HashSet<>(view.owners()));
                Optional<Integer> choice = SlotChooser.pick(rackSlots, view.held(), rank);
                if (choice.isEmpty()) {
                    throw new TokenRegistryException(TokenRegistryException.Reason.RACK_FULL, "all " + rackSlots.size()
                            + " slots of rack " + request.rack() + " in dc " + dc + " are held by instances still in the"
                            + " group (ring size " + layout.ringSize() + ", " + layout.racks().size() + " racks); raise"
                            + " tokens.ring_size and double the ring, or remove an instance from this rack");
                }
                int slot = choice.get();
                SlotRecord record = new SlotRecord(tokenStrings(layout, slot), request.instanceId(), request.address(),
                        request.rack(), SlotState.CLAIMED, now(), null);
                try {
                    zk.transaction().forOperations(List.of(
                            checkLayout(dc, vl),
                            zk.transactionOp().create().forPath(paths.slot(dc, slot), json.write(record)),
                            zk.transactionOp().create().forPath(paths.owner(dc, request.instanceId()),
                                    json.write(new OwnerIndex(slot, layout.ringSize()))),
                            // Leaving the queue in the same transaction keeps "queued" and "holds a slot" exclusive.
                            zk.transactionOp().delete().forPath(intent.path())));
                    intent = null;
                    return claimOf(dc, new SlotEntry(slot, record, 0), Outcome.NEW, layout);
                } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                         | KeeperException.NoNodeException lostRace) {
                    // Someone else got the slot, the layout changed, or our intent vanished: look again. If our own
                    // transaction had in fact committed (a retried request after a lost connection), the owner index
                    // is found on the next turn.
                }
            }
        } finally {
            if (intent != null) {
                withdraw(intent);
            }
        }
    }

    private record Queued(ClaimIntent intent, RegistrySnapshot view) {
    }

    /**
     * Queues and reads in one round trip rather than two: the read is sent right behind the create, on the same
     * session, so it is answered after it and sees the intent. Retried together on a lost connection; an intent
     * of ours that did get created then is ignored by our own rank and counted once by others, like any intent of
     * a claimer that will take a slot.
     */
    private Queued queueAndRead(String dc, String instanceId, String intentsDir) throws Exception {
        return RetryLoop.callWithRetry(zk.getZookeeperClient(), () -> {
            CompletableFuture<ClaimIntent> sent = ClaimIntent.send(zk, intentsDir, instanceId);
            RegistrySnapshot view = RegistrySnapshot.read(zk, paths, json, dc, instanceId, intentsDir);
            return new Queued(ClaimIntent.await(sent), view);
        });
    }

    private void withdraw(ClaimIntent intent) {
        try {
            intent.withdraw(zk);
        } catch (Exception e) {
            // Guaranteed delete: Curator retries it in the background, and the intent is ephemeral. Not worth
            // hiding the claim's own outcome for.
        }
    }

    private record TakeOver(Claim claim, boolean lostRace) {
        static final TakeOver NONE = new TakeOver(null, false);
        static final TakeOver LOST_RACE = new TakeOver(null, true);
    }

    private TakeOver tryTakeOver(ClaimRequest request, VersionedLayout vl, int rackIndex, List<String> owners,
                                 Set<String> group, GossipView gossip) throws Exception {
        String dc = request.dc();
        List<SlotEntry> candidates = new ArrayList<>();
        for (String owner : owners) {
            if (group.contains(owner) || owner.equals(request.instanceId())) {
                continue;
            }
            Optional<SlotEntry> held = findOwn(dc, owner, vl.layout());
            if (held.isPresent() && vl.layout().rackIndexOf(held.get().slot()) == rackIndex) {
                candidates.add(held.get());
            }
        }
        if (candidates.isEmpty()) {
            return TakeOver.NONE;
        }
        candidates.sort(Comparator.comparingInt(SlotEntry::slot));
        List<String> refusals = new ArrayList<>();
        for (SlotEntry candidate : candidates) {
            SlotRecord old = candidate.record();
            ReplacementDecision.Verdict verdict = ReplacementDecision.decide(old,
                    gossip.liveness(ReplacementDecision.addressToConfirm(old)));
            if (!verdict.takeOver()) {
                refusals.add("slot " + candidate.slot() + " (instance " + old.instanceId() + ", " + old.address() + ", "
                        + old.state() + "): " + verdict.reason());
                continue;
            }
            SlotRecord mine = new SlotRecord(old.tokens(), request.instanceId(), request.address(), old.rack(),
                    SlotState.CLAIMED, now(), verdict.replaceAddress().orElse(null));
            try {
                List<org.apache.curator.framework.api.transaction.CuratorTransactionResult> results =
                        zk.transaction().forOperations(List.of(
                                checkLayout(dc, vl),
                                zk.transactionOp().setData().withVersion(candidate.version())
                                        .forPath(paths.slot(dc, candidate.slot()), json.write(mine)),
                                zk.transactionOp().delete().forPath(paths.owner(dc, old.instanceId())),
                                zk.transactionOp().create().forPath(paths.owner(dc, request.instanceId()),
                                        json.write(new OwnerIndex(candidate.slot(), vl.layout().ringSize())))));
                int version = results.get(1).getResultStat().getVersion();
                return new TakeOver(claimOf(dc, new SlotEntry(candidate.slot(), mine, version), Outcome.TOOK_OVER,
                        vl.layout()), false);
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                     | KeeperException.NoNodeException lostRace) {
                return TakeOver.LOST_RACE;
            }
        }
        throw new TokenRegistryException(TokenRegistryException.Reason.REPLACEMENT_REFUSED, "instance "
                + request.instanceId() + " will not take over a slot in rack " + request.rack() + " of dc " + dc
                + " because the death of its owner is not confirmed: " + String.join("; ", refusals)
                + ". Nothing was changed. If the old node is really dead, stop it for good (or remove it with"
                + " nodetool removenode) and the claim will succeed on retry; if it is alive, return it to the group.");
    }

    /** Moves this instance's slot forward to {@code target} (compare-and-set; no-op if already there). */
    public SlotEntry advance(String dc, String instanceId, SlotState target) {
        return advance(dc, instanceId, target, false);
    }

    private SlotEntry advance(String dc, String instanceId, SlotState target, boolean asSeed) {
        return call("moving instance " + instanceId + " in dc " + dc + " to " + target, () -> {
            for (int attempt = 0; attempt < 1000; attempt++) {
                RingLayout layout = readLayout(dc).orElseThrow(() -> notOwner(dc, instanceId)).layout();
                SlotEntry own = findOwn(dc, instanceId, layout).orElseThrow(() -> notOwner(dc, instanceId));
                SlotState current = own.record().state();
                if (current == target && (!asSeed || own.record().startedAsSeed())) {
                    return own;
                }
                if (current != target && !current.canMoveTo(target)) {
                    throw new TokenRegistryException(TokenRegistryException.Reason.INVALID_TRANSITION, "slot "
                            + own.slot() + " of dc " + dc + " is " + current + "; it cannot go back to " + target);
                }
                SlotRecord next = own.record().withState(target, now(), asSeed);
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(zk.transactionOp().setData().withVersion(own.version()).forPath(paths.slot(dc, own.slot()),
                        json.write(next)));
                String genesis = paths.genesis(dc, layout);
                if (target == SlotState.NORMAL && zk.checkExists().forPath(genesis) != null) {
                    ops.add(zk.transactionOp().delete().forPath(genesis)); // the DC's first NORMAL slot ends genesis
                }
                try {
                    int version = zk.transaction().forOperations(ops).get(0).getResultStat().getVersion();
                    return new SlotEntry(own.slot(), next, version);
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
                    // Changed under us (renumbered by a doubling, or taken over), or another slot ended genesis
                    // first: read again.
                }
            }
            throw new TokenRegistryException(TokenRegistryException.Reason.CONTENDED, "could not update slot of "
                    + instanceId + " in dc " + dc + " after 1000 tries; retry");
        });
    }

    /** Marks the slot BOOTSTRAPPING. Call it before starting Cassandra with the slot's tokens. */
    public SlotEntry markBootstrapping(String dc, String instanceId) {
        return advance(dc, instanceId, SlotState.BOOTSTRAPPING, false);
    }

    /**
     * Marks the slot BOOTSTRAPPING, recording that its node starts as a genesis seed (without the bootstrap lock): it
     * then stays in the seed lists until it is NORMAL, even when another slot of the DC becomes NORMAL first, so the
     * seeds of a DC being born do not change under the nodes still starting ({@link GenesisSeeds#isSeedWhileStarting}).
     */
    public SlotEntry markBootstrappingAsSeed(String dc, String instanceId) {
        return advance(dc, instanceId, SlotState.BOOTSTRAPPING, true);
    }

    /** Marks the slot NORMAL once Cassandra reports NORMAL and joined. Clears the replace address. */
    public SlotEntry markNormal(String dc, String instanceId) {
        return advance(dc, instanceId, SlotState.NORMAL);
    }

    /** Gives the slot back (after a decommission): the slot becomes free for the next claimer of its rack. */
    public void release(String dc, String instanceId) {
        call("releasing the slot of instance " + instanceId + " in dc " + dc, () -> {
            for (int attempt = 0; attempt < 1000; attempt++) {
                Optional<VersionedLayout> vl = readLayout(dc);
                Optional<SlotEntry> own = vl.isEmpty() ? Optional.empty() : findOwn(dc, instanceId, vl.get().layout());
                if (own.isEmpty()) {
                    return null;
                }
                try {
                    zk.transaction().forOperations(List.of(
                            zk.transactionOp().delete().withVersion(own.get().version()).forPath(paths.slot(dc, own.get().slot())),
                            zk.transactionOp().delete().forPath(paths.owner(dc, instanceId))));
                    return null;
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
                    // Read again.
                }
            }
            throw new TokenRegistryException(TokenRegistryException.Reason.CONTENDED, "could not release the slot of "
                    + instanceId + " in dc " + dc + "; retry");
        });
    }

    /** The slot this instance holds, if any. */
    public Optional<SlotEntry> slotOf(String dc, String instanceId) {
        return call("reading the slot of " + instanceId + " in dc " + dc, () -> {
            Optional<VersionedLayout> vl = readLayout(dc);
            return vl.isEmpty() ? Optional.<SlotEntry>empty() : findOwn(dc, instanceId, vl.get().layout());
        });
    }

    /** The DCs laid out in the registry (whoever claimed there: every region, whatever this node's cloud sees). */
    public List<String> dcs() {
        return call("listing the DCs of the registry", () -> {
            try {
                List<String> dcs = new ArrayList<>(zk.getChildren().forPath(paths.tokens()));
                dcs.sort(Comparator.naturalOrder());
                return dcs;
            } catch (KeeperException.NoNodeException none) {
                return List.<String>of();
            }
        });
    }

    /** Every held slot of the DC, lowest first. */
    public List<SlotEntry> slots(String dc) {
        return call("listing the slots of dc " + dc, () -> {
            List<SlotEntry> entries = new ArrayList<>();
            for (int slot : heldSlots(dc)) {
                readSlot(dc, slot).ifPresent(entries::add);
            }
            entries.sort(Comparator.comparingInt(SlotEntry::slot));
            return entries;
        });
    }

    /** The DC's layout as recorded, if any instance has claimed a slot there yet. */
    public Optional<RingLayout> layout(String dc) {
        return call("reading the layout of dc " + dc, () -> readLayout(dc).map(VersionedLayout::layout));
    }

    /**
     * True while no slot of the DC is NORMAL: the DC is forming, and the first slot of each rack starts as a seed
     * without waiting for the bootstrap lock.
     */
    public boolean isGenesis(String dc) {
        return call("checking whether dc " + dc + " has a NORMAL node", () -> doIsGenesis(dc));
    }

    private boolean doIsGenesis(String dc) throws Exception {
        for (int slot : heldSlots(dc)) {
            Optional<SlotEntry> entry = readSlot(dc, slot);
            if (entry.isPresent() && entry.get().record().state() == SlotState.NORMAL) {
                return false;
            }
        }
        return true;
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
        return call("doubling the ring of dc " + dc, () -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                VersionedLayout vl = readLayout(dc).orElseThrow(() -> new TokenRegistryException(
                        TokenRegistryException.Reason.LAYOUT_MISMATCH, "dc " + dc + " has no layout yet: nothing to double"));
                RingLayout doubled = vl.layout().doubled();
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(zk.transactionOp().setData().withVersion(vl.version()).forPath(paths.layout(dc), json.write(doubled)));
                String genesis = paths.genesis(dc, vl.layout());
                if (zk.checkExists().forPath(genesis) != null) {
                    ops.add(zk.transactionOp().delete().forPath(genesis)); // genesis claims are for the layout as laid out
                }
                Set<Integer> heldNow = heldSlots(dc);
                List<Integer> held = new ArrayList<>(heldNow);
                // Every slot free when read must still be free at commit: a claim landing in between would keep its
                // old number and its old tokens, which after the doubling belong to another, seemingly free, slot.
                // Neither kind of claim changes the layout's version, so each free slot is guarded by creating and
                // deleting it in this transaction, which fails if the slot exists by then.
                for (int slot = 0; slot < vl.layout().ringSize(); slot++) {
                    if (!heldNow.contains(slot)) {
                        ops.add(zk.transactionOp().create().forPath(paths.slot(dc, slot)));
                        ops.add(zk.transactionOp().delete().forPath(paths.slot(dc, slot)));
                    }
                }
                held.sort(Comparator.reverseOrder()); // 2s is free by the time s moves: every higher slot moved first
                for (int slot : held) {
                    if (slot == 0) {
                        continue;
                    }
                    Stat stat = new Stat();
                    byte[] data = zk.getData().storingStatIn(stat).forPath(paths.slot(dc, slot));
                    ops.add(zk.transactionOp().delete().withVersion(stat.getVersion()).forPath(paths.slot(dc, slot)));
                    ops.add(zk.transactionOp().create().forPath(paths.slot(dc, RingLayout.slotAfterDoubling(slot)), data));
                }
                try {
                    zk.transaction().forOperations(ops);
                    return doubled;
                } catch (KeeperException.BadVersionException | KeeperException.NoNodeException
                         | KeeperException.NodeExistsException changed) {
                    // A claim or transition landed in between: read again.
                }
            }
            throw new TokenRegistryException(TokenRegistryException.Reason.CONTENDED, "dc " + dc
                    + " changed under every attempt to double it; retry when fewer nodes are joining");
        });
    }

    // --- internals ---

    /**
     * Lays out a new DC: any missing cluster-wide parents, the layout, the owner index parent, every rack's claim
     * queue and the genesis marker, in one transaction, so "the layout exists" implies the rest. Called by
     * {@link #layOut} when the DC has no layout, and by a claim when its rack's queue is missing.
     * A crowd of first claimers costs one read and one (mostly failing) write each this way, rather than each
     * walking and creating the parents one request at a time. Whoever lays out first wins; the others' plans are
     * checked against it by the caller.
     */
    private void prepareDc(String dc, RingLayout plan) throws Exception {
        List<CuratorOp> ops = new ArrayList<>();
        for (String dir : missingClusterDirs()) {
            ops.add(zk.transactionOp().create().forPath(dir));
        }
        ops.add(zk.transactionOp().create().forPath(paths.owners(dc)));
        ops.add(zk.transactionOp().create().forPath(paths.intentsOfDc(dc)));
        for (int r = 0; r < plan.racks().size(); r++) {
            ops.add(zk.transactionOp().create().forPath(paths.intents(dc, r)));
        }
        ops.add(zk.transactionOp().create().forPath(paths.layout(dc), json.write(plan)));
        ops.add(zk.transactionOp().create().forPath(paths.genesis(dc, plan)));
        try {
            zk.transaction().forOperations(ops);
        } catch (KeeperException.NodeExistsException | KeeperException.NoNodeException laidOutMeanwhile) {
            // Another claimer of the crowd laid out the DC (or the cluster) first; the caller looks again.
        }
    }

    /** One rack's claim queue, for a DC laid out before claim queues existed (its layout is there, the queue not). */
    private void createQueue(String dc, int planRack) throws Exception {
        try {
            zk.create().creatingParentsIfNeeded().forPath(paths.intents(dc, planRack));
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // Another claimer of the rack made it.
        }
    }

    /** The cluster-wide parents that do not exist yet, parents first (one read request for all of them). */
    private List<String> missingClusterDirs() throws Exception {
        String ns = zk.getNamespace();
        String top = ZKPaths.getPathAndNode(paths.root()).getPath();
        List<OpResult> r = RetryLoop.callWithRetry(zk.getZookeeperClient(), () -> zk.getZookeeperClient()
                .getZooKeeper().multi(List.of(Op.getChildren(ZKPaths.fixForNamespace(ns, top)),
                        Op.getChildren(ZKPaths.fixForNamespace(ns, paths.root())))));
        List<String> missing = new ArrayList<>();
        if (!(r.get(0) instanceof OpResult.GetChildrenResult)) {
            missing.add(top);
        }
        List<String> present = r.get(1) instanceof OpResult.GetChildrenResult children ? children.getChildren() : List.of();
        if (!(r.get(1) instanceof OpResult.GetChildrenResult)) {
            missing.add(paths.root());
        }
        for (String dir : paths.clusterDirs()) {
            if (!present.contains(ZKPaths.getNodeFromPath(dir))) {
                missing.add(dir);
            }
        }
        return missing;
    }

    /** The recorded layout, if this node's plan agrees with it (the recorded ring size wins). */
    private RingLayout checkMatches(String dc, RingLayout recorded, RingLayout plan) {
        if (!recorded.racks().equals(plan.racks()) || recorded.numTokens() != plan.numTokens()
                || recorded.offset() != plan.offset()) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LAYOUT_MISMATCH, "dc " + dc
                    + " is laid out in ZooKeeper (" + paths.layout(dc) + ") with racks " + recorded.racks()
                    + ", num_tokens " + recorded.numTokens() + ", offset " + recorded.offset() + ", but this node's"
                    + " config says racks " + plan.racks() + ", num_tokens " + plan.numTokens() + ", offset "
                    + plan.offset() + ". Racks and num_tokens cannot change once nodes have joined: fix the config.");
        }
        return recorded;
    }

    private Optional<VersionedLayout> readLayout(String dc) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = zk.getData().storingStatIn(stat).forPath(paths.layout(dc));
            return Optional.of(new VersionedLayout(json.read(data, RingLayout.class, paths.layout(dc)), stat.getVersion()));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        }
    }

    private int rackIndex(RingLayout layout, ClaimRequest request) {
        int index = layout.racks().indexOf(request.rack());
        if (index < 0) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LAYOUT_MISMATCH, "rack " + request.rack()
                    + " of instance " + request.instanceId() + " is not one of the racks " + layout.racks()
                    + " recorded for dc " + request.dc() + "; racks cannot be added to a DC that has nodes");
        }
        return index;
    }

    private Optional<SlotEntry> findOwn(String dc, String instanceId, RingLayout layout) throws Exception {
        String indexPath = paths.owner(dc, instanceId);
        Stat indexStat = new Stat();
        OwnerIndex index;
        try {
            index = json.read(zk.getData().storingStatIn(indexStat).forPath(indexPath), OwnerIndex.class, indexPath);
        } catch (KeeperException.NoNodeException none) {
            return Optional.empty();
        }
        int slot = index.slotIn(layout.ringSize());
        Optional<SlotEntry> entry = slot < layout.ringSize() ? readSlot(dc, slot) : Optional.empty();
        if (entry.isPresent() && entry.get().record().instanceId().equals(instanceId)) {
            return entry;
        }
        return Optional.empty(); // stale index entry: the slot record is the truth
    }

    private Optional<SlotEntry> readSlot(String dc, int slot) throws Exception {
        Stat stat = new Stat();
        String path = paths.slot(dc, slot);
        try {
            byte[] data = zk.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new SlotEntry(slot, json.read(data, SlotRecord.class, path), stat.getVersion()));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        }
    }

    private Set<Integer> heldSlots(String dc) throws Exception {
        Set<Integer> held = new HashSet<>();
        try {
            for (String child : zk.getChildren().forPath(paths.layout(dc))) {
                held.add(Integer.parseInt(child));
            }
        } catch (KeeperException.NoNodeException noLayout) {
            // No DC yet: nothing held.
        }
        return held;
    }

    private SlotEntry updateAddress(String dc, SlotEntry entry, String address, VersionedLayout vl) throws Exception {
        SlotRecord moved = entry.record().withAddress(address, now());
        try {
            List<org.apache.curator.framework.api.transaction.CuratorTransactionResult> results =
                    zk.transaction().forOperations(List.of(checkLayout(dc, vl), zk.transactionOp().setData()
                            .withVersion(entry.version()).forPath(paths.slot(dc, entry.slot()), json.write(moved))));
            return new SlotEntry(entry.slot(), moved, results.get(1).getResultStat().getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
            return null;
        }
    }

    private CuratorOp checkLayout(String dc, VersionedLayout vl) throws Exception {
        return zk.transactionOp().check().withVersion(vl.version()).forPath(paths.layout(dc));
    }

    private Claim claimOf(String dc, SlotEntry entry, Outcome outcome, RingLayout layout) throws Exception {
        List<SlotEntry> slots = new ArrayList<>();
        for (int slot : heldSlots(dc)) {
            readSlot(dc, slot).ifPresent(slots::add);
        }
        if (slots.stream().noneMatch(s -> s.slot() == entry.slot())) {
            slots.add(entry);
        }
        return new Claim(dc, entry.slot(), entry, outcome, GenesisSeeds.isGenesisSeed(slots, entry), layout);
    }

    private static List<String> tokenStrings(RingLayout layout, int slot) {
        return layout.tokensOf(slot).stream().map(String::valueOf).toList();
    }

    private String now() {
        return clock.instant().toString();
    }

    private TokenRegistryException notOwner(String dc, String instanceId) {
        return new TokenRegistryException(TokenRegistryException.Reason.NOT_OWNER, "instance " + instanceId
                + " holds no slot in dc " + dc + " (never claimed, released, or taken over by a replacement"
                + " because the cloud reported it gone); claim again before starting Cassandra");
    }

    @FunctionalInterface
    private interface ZkCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String what, ZkCall<T> body) {
        try {
            return body.run();
        } catch (TokenRegistryException | IllegalArgumentException | IllegalStateException e) {
            throw e;
        } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                 | KeeperException.OperationTimeoutException | KeeperException.SessionMovedException e) {
            throw unavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(what, e);
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper failed while " + what + ": " + e, e);
        }
    }

    private TokenRegistryException unavailable(String what, Exception cause) {
        String ensemble = zk.getZookeeperClient().getCurrentConnectionString();
        return new TokenRegistryException(TokenRegistryException.Reason.ZOOKEEPER_UNAVAILABLE, "ZooKeeper ("
                + ensemble + ") did not answer while " + what + " within the client's retry budget (" + cause
                + "). Check that the ensemble is up and reachable from this node. Retrying is safe: a claim that did"
                + " reach ZooKeeper is found again by instance id.", cause);
    }
}
