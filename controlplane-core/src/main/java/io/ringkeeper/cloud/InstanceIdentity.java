package io.ringkeeper.cloud;

/** Who this VM is. Implementations may ask a metadata service; callers cache the answer for the process's life. */
public interface InstanceIdentity {
    /** @throws CloudException when the cloud cannot say (not on this cloud, metadata service down after retries) */
    Instance self();
}
