package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

/**
 * Everything one claim attempt needs to read, in a single ZooKeeper request (a read-only multi): the layout and its
 * version, whether this instance has an owner index entry, the owner index names, the held slots, and the rack's
 * claim intents.
 *
 * <p>One request instead of five because under a crowd of claimers each request costs a round trip and several
 * thread hand-offs on both sides. The reads are answered in order and together, so the held slots are never newer
 * than the intents: a claimer that finished in between would otherwise be counted twice (its slot held and its
 * intent still queued) and push the others one slot too high.
 */
record RegistrySnapshot(Optional<VersionedLayout> layout, boolean ownIndexPresent, List<String> owners,
                        Set<Integer> held, List<String> intents) {

    static RegistrySnapshot read(CuratorFramework zk, ClusterPaths paths, ZnodeJson json, String dc,
                                 String instanceId, String intentsDir) throws Exception {
        String ns = zk.getNamespace();
        List<Op> reads = List.of(
                Op.getData(ZKPaths.fixForNamespace(ns, paths.layout(dc))),
                Op.getData(ZKPaths.fixForNamespace(ns, paths.owner(dc, instanceId))),
                Op.getChildren(ZKPaths.fixForNamespace(ns, paths.owners(dc))),
                Op.getChildren(ZKPaths.fixForNamespace(ns, paths.layout(dc))),
                Op.getChildren(ZKPaths.fixForNamespace(ns, intentsDir)));
        // Read-only multis return a per-op error instead of throwing; connection loss still throws. Not retried here:
        // the caller retries the create sent in front of it together with it.
        List<OpResult> r = zk.getZookeeperClient().getZooKeeper().multi(reads);
        Optional<VersionedLayout> layout = Optional.empty();
        if (exists(r.get(0)) && r.get(0) instanceof OpResult.GetDataResult data) {
            layout = Optional.of(new VersionedLayout(json.read(data.getData(), RingLayout.class, paths.layout(dc)),
                    data.getStat().getVersion()));
        }
        Set<Integer> held = new HashSet<>();
        for (String child : children(r.get(3))) {
            held.add(Integer.parseInt(child));
        }
        return new RegistrySnapshot(layout, exists(r.get(1)), children(r.get(2)), held, children(r.get(4)));
    }

    private static boolean exists(OpResult result) throws KeeperException {
        if (result instanceof OpResult.ErrorResult error) {
            if (error.getErr() == KeeperException.Code.NONODE.intValue()) {
                return false;
            }
            throw KeeperException.create(KeeperException.Code.get(error.getErr()));
        }
        return true;
    }

    /** The names, or none when the parent does not exist yet (a DC or rack nobody has claimed in). */
    private static List<String> children(OpResult result) throws KeeperException {
        if (result instanceof OpResult.GetChildrenResult children) {
            return children.getChildren();
        }
        int err = ((OpResult.ErrorResult) result).getErr();
        if (err == KeeperException.Code.NONODE.intValue()) {
            return List.of();
        }
        throw KeeperException.create(KeeperException.Code.get(err));
    }
}
