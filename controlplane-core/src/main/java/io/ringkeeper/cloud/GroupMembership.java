package io.ringkeeper.cloud;

import java.util.List;

/** Who is in the cluster's scaling group(s) right now. */
public interface GroupMembership {
    /**
     * The instances the cloud counts as members: running or starting. Instances that are terminating or
     * terminated are left out; to the caller they are gone.
     *
     * @throws CloudException when the cloud cannot answer after retries
     */
    List<Instance> members();
}
