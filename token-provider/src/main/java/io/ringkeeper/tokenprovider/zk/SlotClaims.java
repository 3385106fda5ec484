package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
/**
 * How an instance gets its slot: the genesis claim of a forming DC, else the queue of its rack and the k-th lowest free
 * slot, a takeover of a gone owner's slot, or the slot it already holds; and how a DC is laid out. See
 * {@link TokenRegistry} for the whole story.
 */
final class SlotClaims {
    private final RegistryIo io;
    private final CuratorFramework zk;
    private final ClusterPaths paths;
    private final ZnodeJson json;

    SlotClaims(RegistryIo io) {
        this.io = io;
        this.zk = io.zk;
        this.paths = io.paths;
        this.json = io.json;
    }

    /**
     * The genesis claim: one transaction, no read. The slot is the one at this instance's rank among the group
     * members of its rack, ordered by instance id, so a group that launched together takes its racks' slots in that
     * order without two claimers aiming at one slot (as long as their cloud views agree; when they do not, the
     * create of a held slot fails and the claimer queues like any other).
     *
     * @return empty when the genesis claim does not apply or lost: the caller claims through the queue
     */
    Optional<Claim> genesisClaim(ClaimRequest request, RingLayout plan, Map<String, String> groupRacks)
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
        SlotRecord record = new SlotRecord(io.tokenStrings(plan, slot), request.instanceId(), request.address(),
                request.rack(), SlotState.CLAIMED, io.now(), null);
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
        return io.call("laying out dc " + dc, () -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                Optional<VersionedLayout> recorded = io.readLayout(dc);
                if (recorded.isPresent()) {
                    return recorded.get().layout();
                }
                prepareDc(dc, plan.get());
            }
            throw new IllegalStateException("the layout of dc " + dc + " vanished after every attempt to write it");
        });
    }

    Claim doClaim(ClaimRequest request, RingLayout plan, Set<String> group, GossipView gossip) throws Exception {
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
                    Optional<SlotEntry> own = io.findOwn(dc, request.instanceId(), layout);
                    if (own.isPresent()) {
                        SlotEntry entry = own.get();
                        if (!entry.record().address().equals(request.address())) {
                            entry = updateAddress(dc, entry, request.address(), vl);
                            if (entry == null) {
                                continue;
                            }
                        }
                        return io.claimOf(dc, entry, Outcome.RECLAIMED, layout);
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
                SlotRecord record = new SlotRecord(io.tokenStrings(layout, slot), request.instanceId(), request.address(),
                        request.rack(), SlotState.CLAIMED, io.now(), null);
                try {
                    zk.transaction().forOperations(List.of(
                            io.checkLayout(dc, vl),
                            zk.transactionOp().create().forPath(paths.slot(dc, slot), json.write(record)),
                            zk.transactionOp().create().forPath(paths.owner(dc, request.instanceId()),
                                    json.write(new OwnerIndex(slot, layout.ringSize()))),
                            // Leaving the queue in the same transaction keeps "queued" and "holds a slot" exclusive.
                            zk.transactionOp().delete().forPath(intent.path())));
                    intent = null;
                    return io.claimOf(dc, new SlotEntry(slot, record, 0), Outcome.NEW, layout);
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
    Queued queueAndRead(String dc, String instanceId, String intentsDir) throws Exception {
        return RetryLoop.callWithRetry(zk.getZookeeperClient(), () -> {
            CompletableFuture<ClaimIntent> sent = ClaimIntent.send(zk, intentsDir, instanceId);
            RegistrySnapshot view = RegistrySnapshot.read(zk, paths, json, dc, instanceId, intentsDir);
            return new Queued(ClaimIntent.await(sent), view);
        });
    }

    void withdraw(ClaimIntent intent) {
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

    TakeOver tryTakeOver(ClaimRequest request, VersionedLayout vl, int rackIndex, List<String> owners,
                                 Set<String> group, GossipView gossip) throws Exception {
        String dc = request.dc();
        List<SlotEntry> candidates = new ArrayList<>();
        for (String owner : owners) {
            if (group.contains(owner) || owner.equals(request.instanceId())) {
                continue;
            }
            Optional<SlotEntry> held = io.findOwn(dc, owner, vl.layout());
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
                    SlotState.CLAIMED, io.now(), verdict.replaceAddress().orElse(null));
            try {
                List<org.apache.curator.framework.api.transaction.CuratorTransactionResult> results =
                        zk.transaction().forOperations(List.of(
                                io.checkLayout(dc, vl),
                                zk.transactionOp().setData().withVersion(candidate.version())
                                        .forPath(paths.slot(dc, candidate.slot()), json.write(mine)),
                                zk.transactionOp().delete().forPath(paths.owner(dc, old.instanceId())),
                                zk.transactionOp().create().forPath(paths.owner(dc, request.instanceId()),
                                        json.write(new OwnerIndex(candidate.slot(), vl.layout().ringSize())))));
                int version = results.get(1).getResultStat().getVersion();
                return new TakeOver(io.claimOf(dc, new SlotEntry(candidate.slot(), mine, version), Outcome.TOOK_OVER,
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

    /**
     * Lays out a new DC: any missing cluster-wide parents, the layout, the owner index parent, every rack's claim
     * queue and the genesis marker, in one transaction, so "the layout exists" implies the rest. Called by
     * {@link #layOut} when the DC has no layout, and by a claim when its rack's queue is missing.
     * A crowd of first claimers costs one read and one (mostly failing) write each this way, rather than each
     * walking and creating the parents one request at a time. Whoever lays out first wins; the others' plans are
     * checked against it by the caller.
     */
    void prepareDc(String dc, RingLayout plan) throws Exception {
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
    void createQueue(String dc, int planRack) throws Exception {
        try {
            zk.create().creatingParentsIfNeeded().forPath(paths.intents(dc, planRack));
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // Another claimer of the rack made it.
        }
    }

    /** The cluster-wide parents that do not exist yet, parents first (one read request for all of them). */
    List<String> missingClusterDirs() throws Exception {
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
    RingLayout checkMatches(String dc, RingLayout recorded, RingLayout plan) {
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

    int rackIndex(RingLayout layout, ClaimRequest request) {
        int index = layout.racks().indexOf(request.rack());
        if (index < 0) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LAYOUT_MISMATCH, "rack " + request.rack()
                    + " of instance " + request.instanceId() + " is not one of the racks " + layout.racks()
                    + " recorded for dc " + request.dc() + "; racks cannot be added to a DC that has nodes");
        }
        return index;
    }

    SlotEntry updateAddress(String dc, SlotEntry entry, String address, VersionedLayout vl) throws Exception {
        SlotRecord moved = entry.record().withAddress(address, io.now());
        try {
            List<org.apache.curator.framework.api.transaction.CuratorTransactionResult> results =
                    zk.transaction().forOperations(List.of(io.checkLayout(dc, vl), zk.transactionOp().setData()
                            .withVersion(entry.version()).forPath(paths.slot(dc, entry.slot()), json.write(moved))));
            return new SlotEntry(entry.slot(), moved, results.get(1).getResultStat().getVersion());
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException changed) {
            return null;
        }
    }

}
