package io.ringkeeper.tokenprovider.zk;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;

/**
 * A new claimer's place in its rack's queue: the ephemeral-sequential znode
 * {@code token-intents/<dc>/<rackIndex>/<instanceId>-<sequence>}. It decides nothing by itself (the atomic create
 * of the slot znode does); it only tells each claimer how many others of its rack are ahead of it, so that a crowd
 * of simultaneous claimers tries distinct slots instead of all trying the lowest one ({@link SlotChooser}).
 *
 * <p>The claim transaction deletes the intent together with creating the slot, so at any instant an intent means
 * "registered and not yet holding a slot". Ephemeral, so a claimer that dies takes its intent with it.
 */
final class ClaimIntent {
    /** ZooKeeper's sequence suffix: ten digits. */
    private static final int SEQUENCE_DIGITS = 10;

    private final String path;
    private final String instanceId;
    private final long sequence;

    private ClaimIntent(String path, String instanceId) {
        this.path = path;
        this.instanceId = instanceId;
        this.sequence = sequenceOf(ZKPaths.getNodeFromPath(path));
    }

    /**
     * Queues {@code instanceId} in the rack's queue {@code rackDir} and waits for ZooKeeper's answer.
     *
     * @throws org.apache.zookeeper.KeeperException.NoNodeException when the queue does not exist yet (a new DC):
     *         the caller lays the DC out in one transaction rather than each claimer walking the parents
     */
    static ClaimIntent register(CuratorFramework zk, String rackDir, String instanceId) throws Exception {
        return await(send(zk, rackDir, instanceId));
    }

    /**
     * Sends the create without waiting, so that a read sent right behind it on the same session travels in the same
     * round trip: ZooKeeper answers a session's requests in the order sent, so that read sees this intent.
     * The intent carries no data; it is created with ZooKeeper's open ACL (it is sent on the raw handle, which
     * bypasses Curator's ACL provider; the registry's other znodes use Curator's defaults, which are the same).
     */
    static CompletableFuture<ClaimIntent> send(CuratorFramework zk, String rackDir, String instanceId) throws Exception {
        CompletableFuture<ClaimIntent> created = new CompletableFuture<>();
        String path = ZKPaths.fixForNamespace(zk.getNamespace(), ZKPaths.makePath(rackDir, instanceId + "-"));
        zk.getZookeeperClient().getZooKeeper().create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.EPHEMERAL_SEQUENTIAL, (rc, p, ctx, name) -> {
                    if (rc == KeeperException.Code.OK.intValue()) {
                        created.complete(new ClaimIntent(ZKPaths.makePath(rackDir, ZKPaths.getNodeFromPath(name)),
                                instanceId));
                    } else {
                        created.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), p));
                    }
                }, null);
        return created;
    }

    /** The answer to {@link #send}; ZooKeeper's error as thrown by a synchronous call. */
    static ClaimIntent await(CompletableFuture<ClaimIntent> sent) throws Exception {
        try {
            return sent.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    String path() {
        return path;
    }

    String name() {
        return ZKPaths.getNodeFromPath(path);
    }

    /**
     * How many claimers of the rack are ahead of this one in {@code intents} (the rack's intent names, read after
     * this intent was created): the instances with a lower sequence, each counted once, except instances that
     * already hold a slot ({@code owners}: a re-claim or takeover does not take a free slot, and an intent left
     * behind by a finished claim must not hold anyone back) and this instance itself (an older intent of its own,
     * left by a claim retried after a lost connection).
     */
    int rank(Collection<String> intents, Set<String> owners) {
        Set<String> ahead = new HashSet<>();
        for (String name : intents) {
            int dash = name.length() - SEQUENCE_DIGITS - 1;
            if (dash < 1 || name.charAt(dash) != '-') {
                continue; // not an intent
            }
            String owner = name.substring(0, dash);
            if (sequenceOf(name) < sequence && !owner.equals(instanceId) && !owners.contains(owner)) {
                ahead.add(owner);
            }
        }
        return ahead.size();
    }

    /**
     * Leaves the queue when the claim ended without the claim transaction (which deletes the intent itself):
     * re-claim, takeover, or an error. Guaranteed: Curator keeps retrying in the background if ZooKeeper is
     * unreachable, since an intent left behind would make later claimers of the rack skip a slot.
     */
    void withdraw(CuratorFramework zk) throws Exception {
        zk.delete().quietly().guaranteed().forPath(path);
    }

    private static long sequenceOf(String name) {
        try {
            return Long.parseLong(name.substring(Math.max(0, name.length() - SEQUENCE_DIGITS)));
        } catch (NumberFormatException notAnIntent) {
            return Long.MAX_VALUE;
        }
    }
}
