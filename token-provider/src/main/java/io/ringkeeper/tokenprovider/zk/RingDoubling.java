package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.data.Stat;
/** Doubling a DC's ring: every held slot renumbered, in one transaction guarded against any claim in between. */
final class RingDoubling {
    private final RegistryIo io;
    private final CuratorFramework zk;
    private final ClusterPaths paths;
    private final ZnodeJson json;

    RingDoubling(RegistryIo io) {
        this.io = io;
        this.zk = io.zk;
        this.paths = io.paths;
        this.json = io.json;
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
        return io.call("doubling the ring of dc " + dc, () -> {
            return io.cas(100, "dc " + dc + " changed under every attempt to double it (retry when fewer nodes are joining)", () -> {
                VersionedLayout vl = io.readLayout(dc).orElseThrow(() -> new TokenRegistryException(
                        TokenRegistryException.Reason.LAYOUT_MISMATCH, "dc " + dc + " has no layout yet: nothing to double"));
                RingLayout doubled = vl.layout().doubled();
                List<CuratorOp> ops = new ArrayList<>();
                ops.add(zk.transactionOp().setData().withVersion(vl.version()).forPath(paths.layout(dc), json.write(doubled)));
                String genesis = paths.genesis(dc, vl.layout());
                if (zk.checkExists().forPath(genesis) != null) {
                    ops.add(zk.transactionOp().delete().forPath(genesis)); // genesis claims are for the layout as laid out
                }
                Set<Integer> heldNow = io.heldSlots(dc);
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
                zk.transaction().forOperations(ops); // a claim or transition landed in between: cas reads again
                return Optional.of(doubled);
            });
        });
    }

}
