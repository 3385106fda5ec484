package io.ringkeeper.tokenprovider.zk;

import io.ringkeeper.tokenprovider.RingLayout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
/**
 * What every part of the registry shares: the client, the paths, the JSON of its records, and the reads and checks
 * they all make. {@link #call} translates ZooKeeper's failures into {@link TokenRegistryException}s; {@link #cas}
 * is the one compare-and-set loop.
 */
final class RegistryIo {
    final CuratorFramework zk;
    final ClusterPaths paths;
    final Clock clock;
    final ZnodeJson json = new ZnodeJson();

    RegistryIo(CuratorFramework zk, ClusterPaths paths, Clock clock) {
        this.zk = zk;
        this.paths = paths;
        this.clock = clock;
    }

    /** One attempt of a compare-and-set: its result, or empty when another writer got there first. */
    @FunctionalInterface
    interface Attempt<T> {
        Optional<T> run() throws Exception;
    }

    /**
     * The compare-and-set loop: read, decide, write with the versions read, and on a lost race (a version changed, a
     * znode appeared or went: {@code BadVersion}, {@code NoNode}, {@code NodeExists}) read again, at most
     * {@code attempts} times; then {@code CONTENDED}, which is safe to retry.
     */
    <T> T cas(int attempts, String contended, Attempt<T> attempt) throws Exception {
        for (int i = 0; i < attempts; i++) {
            try {
                Optional<T> done = attempt.run();
                if (done.isPresent()) {
                    return done.get();
                }
            } catch (KeeperException.BadVersionException | KeeperException.NoNodeException | KeeperException.NodeExistsException lost) {
                // Changed under us: read again.
            }
        }
        throw new TokenRegistryException(TokenRegistryException.Reason.CONTENDED, contended + " after " + attempts + " tries; retry");
    }

    Optional<VersionedLayout> readLayout(String dc) throws Exception {
        return json.read(zk, paths.layout(dc), RingLayout.class).map(v -> new VersionedLayout(v.value(), v.version()));
    }

    Optional<SlotEntry> findOwn(String dc, String instanceId, RingLayout layout) throws Exception {
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

    Optional<SlotEntry> readSlot(String dc, int slot) throws Exception {
        return json.read(zk, paths.slot(dc, slot), SlotRecord.class).map(v -> new SlotEntry(slot, v.value(), v.version()));
    }

    Set<Integer> heldSlots(String dc) throws Exception {
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

    CuratorOp checkLayout(String dc, VersionedLayout vl) throws Exception {
        return zk.transactionOp().check().withVersion(vl.version()).forPath(paths.layout(dc));
    }

    Claim claimOf(String dc, SlotEntry entry, Outcome outcome, RingLayout layout) throws Exception {
        List<SlotEntry> slots = new ArrayList<>();
        for (int slot : heldSlots(dc)) {
            readSlot(dc, slot).ifPresent(slots::add);
        }
        if (slots.stream().noneMatch(s -> s.slot() == entry.slot())) {
            slots.add(entry);
        }
        return new Claim(dc, entry.slot(), entry, outcome, GenesisSeeds.isGenesisSeed(slots, entry), layout);
    }

    static List<String> tokenStrings(RingLayout layout, int slot) {
        return layout.tokensOf(slot).stream().map(String::valueOf).toList();
    }

    String now() {
        return clock.instant().toString();
    }

    TokenRegistryException notOwner(String dc, String instanceId) {
        return new TokenRegistryException(TokenRegistryException.Reason.NOT_OWNER, "instance " + instanceId
                + " holds no slot in dc " + dc + " (never claimed, released, or taken over by a replacement"
                + " because the cloud reported it gone); claim again before starting Cassandra");
    }

    @FunctionalInterface
    interface ZkCall<T> {
        T run() throws Exception;
    }

    <T> T call(String what, ZkCall<T> body) {
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

    TokenRegistryException unavailable(String what, Exception cause) {
        String ensemble = zk.getZookeeperClient().getCurrentConnectionString();
        return new TokenRegistryException(TokenRegistryException.Reason.ZOOKEEPER_UNAVAILABLE, "ZooKeeper ("
                + ensemble + ") did not answer while " + what + " within the client's retry budget (" + cause
                + "). Check that the ensemble is up and reachable from this node. Retrying is safe: a claim that did"
                + " reach ZooKeeper is found again by instance id.", cause);
    }
}
