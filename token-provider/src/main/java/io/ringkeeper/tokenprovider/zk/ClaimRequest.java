package io.ringkeeper.tokenprovider.zk;

import java.util.Objects;

/**
 * Who asks for a slot: this node, as the cloud describes it.
 *
 * @param dc         the Cassandra data centre
 * @param rack       the Cassandra rack (one of the DC layout's racks)
 * @param instanceId the cloud instance id (stable for the life of the VM; must not contain '/')
 * @param address    the address Cassandra listens on
 */
public record ClaimRequest(String dc, String rack, String instanceId, String address) {
    public ClaimRequest {
        requireName(dc, "dc");
        Objects.requireNonNull(rack, "rack");
        requireName(instanceId, "instanceId");
        Objects.requireNonNull(address, "address");
    }

    private static void requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.contains("/") || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' cannot name a ZooKeeper node");
        }
    }
}
