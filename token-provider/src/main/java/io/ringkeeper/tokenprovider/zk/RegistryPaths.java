package io.ringkeeper.tokenprovider.zk;

import org.apache.curator.utils.ZKPaths;

/**
 * Where the registry keeps things:
 * <pre>
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;                 the DC's {@link io.ringkeeper.tokenprovider.RingLayout} (JSON)
 * /ringkeeper/&lt;cluster&gt;/tokens/&lt;dc&gt;/&lt;slot&gt;          one {@link SlotRecord} per held slot
 * /ringkeeper/&lt;cluster&gt;/token-owners/&lt;dc&gt;/&lt;instance&gt; index: {slot, ringSize} of the slot the instance holds
 * /ringkeeper/&lt;cluster&gt;/locks/bootstrap/&lt;dc&gt;         the one-bootstrap-at-a-time lock
 * </pre>
 */
final class RegistryPaths {
    private final String root;

    RegistryPaths(String cluster) {
        ZKPaths.fixForNamespace(null, "/" + cluster); // validates the name
        this.root = ZKPaths.makePath("ringkeeper", cluster);
    }

    String layout(String dc) {
        return ZKPaths.makePath(root, "tokens", dc);
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

    String bootstrapLock(String dc) {
        return ZKPaths.makePath(root, "locks", "bootstrap", dc);
    }
}
