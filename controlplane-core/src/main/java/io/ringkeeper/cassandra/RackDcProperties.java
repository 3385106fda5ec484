package io.ringkeeper.cassandra;

import io.ringkeeper.cloud.Instance;

/** cassandra-rackdc.properties for GossipingPropertyFileSnitch: the node's dc and rack, as the cloud names them. */
public final class RackDcProperties {
    private RackDcProperties() {
    }

    public static String render(Instance self) {
        return "# Written by Ringkeeper from the cloud identity of this node; do not edit.\n"
                + "dc=" + self.dc() + "\n"
                + "rack=" + self.rack() + "\n";
    }
}
