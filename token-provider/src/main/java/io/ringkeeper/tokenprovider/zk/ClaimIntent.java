package io.ringkeeper.tokenprovider.zk;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;

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
     * Queues {@code instanceId} in the rack's queue {@code rackDir}.
     *
     * @throws org.apache.zookeeper.KeeperException.NoNodeException when the queue does not exist yet (a new DC):
     *         the caller lays the DC out in one transaction rather than each claimer walking the parents
     */
    static ClaimIntent register(CuratorFramework zk, String rackDir, String instanceId) throws Exception {
        String created = zk.create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(ZKPaths.makePath(rackDir, instanceId + "-"));
        return new ClaimIntent(created, instanceId);
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
