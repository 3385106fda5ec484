package io.ringkeeper.tokenprovider.zk;

import org.apache.curator.utils.ZKPaths;

/**
 * Where the registry keeps things:
 * <pre>
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;                 the DC's {@link io.ringkeeper.tokenprovider.RingLayout} (JSON)
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;/&lt;slot&gt;          one {@link SlotRecord} per held slot
 * /ringkeeper/&lt;cluster&gt;/token-owners/&lt;dc&gt;/&lt;instance&gt; index: {slot, ringSize} of the slot the instance holds
 * /ringkeeper/&lt;cluster&gt;/token-intents/&lt;dc&gt;/&lt;rack index&gt;/&lt;instance&gt;-&lt;seq&gt;  ephemeral: queued new claimers
 * /ringkeeper/&lt;cluster&gt;/token-intents/&lt;dc&gt;/genesis-&lt;layout fingerprint&gt;  present while the DC forms (no NORMAL slot yet)
 * /ringkeeper/&lt;cluster&gt;/locks/bootstrap/&lt;dc&gt;         the one-bootstrap-at-a-time lock
 * </pre>
 */
final class RegistryPaths {
    private final String root;

    RegistryPaths(String cluster) {
        ZKPaths.fixForNamespace(null, "/" + cluster); // validates the name
        this.root = ZKPaths.makePath("ringkeeper", cluster);
    }

    /** The parent of every DC's layout: its children are the DCs. */
    String tokens() {
        return ZKPaths.makePath(root, "tokens");
    }

    String layout(String dc) {
        return ZKPaths.makePath(tokens(), dc);
    }

    String slot(String dc, int slot) {
        return ZKPaths.makePath(layout(dc), Integer.toString(slot));
    }

    String owners(String dc) {
        return ZKPaths.makePath(root, "token-owners", dc);
    }

    String owner(String dc, String instanceId) {
        return ZKPaths.makePath(owners(dc), instanceId);
    }

    String intentsOfDc(String dc) {
        return ZKPaths.makePath(root, "token-intents", dc);
    }

    String cluster() {
        return root;
    }

    /** The parents every DC's znodes hang from. */
    java.util.List<String> clusterDirs() {
        return java.util.List.of(ZKPaths.makePath(root, "tokens"), ZKPaths.makePath(root, "token-owners"),
                ZKPaths.makePath(root, "token-intents"));
    }

    /** The queue of new claimers of one rack (see {@link ClaimIntent}); by index because rack names need not be znode names. */
    String intents(String dc, int rackIndex) {
        return ZKPaths.makePath(intentsOfDc(dc), Integer.toString(rackIndex));
    }

    /**
     * The genesis marker of a DC laid out as {@code layout}: created with the layout, deleted in the transaction that
     * makes the DC's first slot NORMAL or doubles the ring. Its name carries the layout's fingerprint, so checking
     * that it exists proves, in the same transaction, both "no slot is NORMAL yet" and "the recorded layout is this
     * one" (see {@code TokenRegistry}'s genesis claim).
     */
    String genesis(String dc, io.ringkeeper.tokenprovider.RingLayout layout) {
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

    String bootstrapLock(String dc) {
        return ZKPaths.makePath(root, "locks", "bootstrap", dc);
    }
}
