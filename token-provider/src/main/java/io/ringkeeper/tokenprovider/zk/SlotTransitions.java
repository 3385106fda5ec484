package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
/** A held slot's life after its claim: forward through CLAIMED, BOOTSTRAPPING, NORMAL, and back to free. */
final class SlotTransitions {
    private final RegistryIo io;
    private final CuratorFramework zk;
    private final ClusterPaths paths;
    private final ZnodeJson json;

    SlotTransitions(RegistryIo io) {
        this.io = io;
        this.zk = io.zk;
        this.paths = io.paths;
        this.json = io.json;
    }

    SlotEntry advance(String dc, String instanceId, SlotState target, boolean asSeed) {
        return io.call("moving instance " + instanceId + " in dc " + dc + " to " + target, () -> {
            return io.cas(1000, "could not update slot of " + instanceId + " in dc " + dc, () -> {
                RingLayout layout = io.readLayout(dc).orElseThrow(() -> io.notOwner(dc, instanceId)).layout();
                SlotEntry own = io.findOwn(dc, instanceId, layout).orElseThrow(() -> io.notOwner(dc, instanceId));
                SlotState current = own.record().state();
                if (current == target && (!asSeed || own.record().startedAsSeed())) {
                    return Optional.of(own);
                }
                if (current != target && !current.canMoveTo(target)) {
                    throw new TokenRegistryException(TokenRegistryException.Reason.INVALID_TRANSITION, "slot "
                            + own.slot() + " of dc " + dc + " is " + current + "; it cannot go back to " + target);
                }
                SlotRecord next = own.record().withState(target, io.now(), asSeed);
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(zk.transactionOp().setData().withVersion(own.version()).forPath(paths.slot(dc, own.slot()),
                        json.write(next)));
                String genesis = paths.genesis(dc, layout);
                if (target == SlotState.NORMAL && zk.checkExists().forPath(genesis) != null) {
                    ops.add(zk.transactionOp().delete().forPath(genesis)); // the DC's first NORMAL slot ends genesis
                }
                // Lost (renumbered by a doubling, taken over, or another slot ended genesis first): cas reads again.
                int version = zk.transaction().forOperations(ops).get(0).getResultStat().getVersion();
                return Optional.of(new SlotEntry(own.slot(), next, version));
            });
        });
    }

    /** Gives the slot back (after a decommission): the slot becomes free for the next claimer of its rack. */
    public void release(String dc, String instanceId) {
        io.call("releasing the slot of instance " + instanceId + " in dc " + dc, () -> {
            return io.cas(1000, "could not release the slot of " + instanceId + " in dc " + dc, () -> {
                Optional<VersionedLayout> vl = io.readLayout(dc);
                Optional<SlotEntry> own = vl.isEmpty() ? Optional.empty() : io.findOwn(dc, instanceId, vl.get().layout());
                if (own.isPresent()) {
                    zk.transaction().forOperations(List.of(
                            zk.transactionOp().delete().withVersion(own.get().version()).forPath(paths.slot(dc, own.get().slot())),
                            zk.transactionOp().delete().forPath(paths.owner(dc, instanceId))));
                }
                return Optional.of(Boolean.TRUE);
            });
        });
    }

}
