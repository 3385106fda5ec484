package io.ringkeeper.tokenprovider.zk;

import org.apache.curator.utils.ZKPaths;

/**
 * The cluster's znodes, the one place that knows their layout (every feature asks here, nothing builds a path by hand):
 * <pre>
 * /ringkeeper/&lt;cluster&gt;/nodes/&lt;instance&gt;               ephemeral: a live daemon, who and where it is
 * /ringkeeper/&lt;cluster&gt;/desired/&lt;kind&gt;                a desired-state record (JSON), versioned by the znode version
 * /ringkeeper/&lt;cluster&gt;/desired-history/&lt;kind&gt;/&lt;n&gt;    the record's earlier versions (who, when, why)
 * /ringkeeper/&lt;cluster&gt;/status/&lt;kind&gt;/&lt;instance&gt;        what one daemon observed and did for a kind
 * /ringkeeper/&lt;cluster&gt;/status/gossip/&lt;instance&gt;        ephemeral: what one node's Cassandra sees of its peers
 * /ringkeeper/&lt;cluster&gt;/leader                        the leader latch for cluster-wide chores
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;                 the DC's {@link io.ringkeeper.tokenprovider.RingLayout} (JSON)
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;/&lt;slot&gt;          one {@link SlotRecord} per held slot
 * /ringkeeper/&lt;cluster&gt;/token-owners/&lt;dc&gt;/&lt;instance&gt; index: {slot, ringSize} of the slot the instance holds
 * /ringkeeper/&lt;cluster&gt;/token-intents/&lt;dc&gt;/&lt;rack index&gt;/&lt;instance&gt;-&lt;seq&gt;  ephemeral: queued new claimers
 * /ringkeeper/&lt;cluster&gt;/token-intents/&lt;dc&gt;/genesis-&lt;layout fingerprint&gt;  present while the DC forms (no NORMAL slot yet)
 * /ringkeeper/&lt;cluster&gt;/locks/bootstrap/&lt;dc&gt;         the one-bootstrap-at-a-time lock
 * /ringkeeper-shared/locks/backup-store/&lt;store&gt;      backup manifests vs. blob retention, for every cluster
 *                                                   sharing the object store (and this ZooKeeper)
 * </pre>
 */
public final class ClusterPaths {
    private final String root;

    public ClusterPaths(String cluster) {
        ZKPaths.fixForNamespace(null, "/" + cluster); // validates the name
        this.root = ZKPaths.makePath("ringkeeper", cluster);
    }

    /** The parent of every DC's layout: its children are the DCs. */
    public String tokens() {
        return ZKPaths.makePath(root, "tokens");
    }

    public String layout(String dc) {
        return ZKPaths.makePath(tokens(), dc);
    }

    public String slot(String dc, int slot) {
        return ZKPaths.makePath(layout(dc), Integer.toString(slot));
    }

    public String owners(String dc) {
        return ZKPaths.makePath(root, "token-owners", dc);
    }

    public String owner(String dc, String instanceId) {
        return ZKPaths.makePath(owners(dc), instanceId);
    }

    public String intentsOfDc(String dc) {
        return ZKPaths.makePath(root, "token-intents", dc);
    }

    /** The parents every DC's znodes hang from. */
    public java.util.List<String> clusterDirs() {
        return java.util.List.of(ZKPaths.makePath(root, "tokens"), ZKPaths.makePath(root, "token-owners"),
                ZKPaths.makePath(root, "token-intents"));
    }

    /** The queue of new claimers of one rack (see {@link ClaimIntent}); by index because rack names need not be znode names. */
    public String intents(String dc, int rackIndex) {
        return ZKPaths.makePath(intentsOfDc(dc), Integer.toString(rackIndex));
    }

    /**
     * The genesis marker of a DC laid out as {@code layout}: created with the layout, deleted in the transaction that
     * makes the DC's first slot NORMAL or doubles the ring. Its name carries the layout's fingerprint, so checking
     * that it exists proves, in the same transaction, both "no slot is NORMAL yet" and "the recorded layout is this
     * one" (see {@code TokenRegistry}'s genesis claim).
     */
    public String genesis(String dc, io.ringkeeper.tokenprovider.RingLayout layout) {
        String identity = layout.ringSize() + "/" + layout.baseRingSize() + "/" + layout.numTokens() + "/"
                + layout.offset() + "/" + String.join("\u0000", layout.racks());
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ZKPaths.makePath(intentsOfDc(dc), "genesis-" + java.util.HexFormat.of().formatHex(digest, 0, 8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public String bootstrapLock(String dc) {
        return ZKPaths.makePath(root, "locks", "bootstrap", dc);
    }

    /** This cluster's root znode. */
    public String root() {
        return root;
    }

    /** The parent of every live daemon's ephemeral znode. */
    public String nodes() {
        return ZKPaths.makePath(root, "nodes");
    }

    public String node(String instanceId) {
        return ZKPaths.makePath(nodes(), instanceId);
    }

    /** The parent of every kind's desired-state record. */
    public String desired() {
        return ZKPaths.makePath(root, "desired");
    }

    public String desired(String kind) {
        return ZKPaths.makePath(desired(), kind);
    }

    /**
     * Beside the records rather than under them, so that the children of {@link #desired()} are exactly the kinds and a
     * record's history is never in the way of a watch on the record.
     */
    public String desiredHistory(String kind) {
        return ZKPaths.makePath(root, "desired-history", kind);
    }

    /** The parent of every daemon's status for {@code kind}. */
    public String status(String kind) {
        return ZKPaths.makePath(root, "status", kind);
    }

    public String status(String kind, String instanceId) {
        return ZKPaths.makePath(status(kind), instanceId);
    }

    /**
     * The lock that orders writing a backup manifest against deleting unreferenced blobs. Outside every cluster's root:
     * clusters that back up into one store share its blobs, so they share this lock.
     *
     * @param store the store's identity (a bucket and prefix), reduced to one znode name
     */
    public static String backupStoreLock(String store) {
        return ZKPaths.makePath("ringkeeper-shared", "locks", "backup-store", store.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The leader latch of cluster-wide chores (retention, planning). */
    public String leader() {
        return ZKPaths.makePath(root, "leader");
    }
}
