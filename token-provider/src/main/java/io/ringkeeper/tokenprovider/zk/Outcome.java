package io.ringkeeper.tokenprovider.zk;

/** How a {@link Claim} came about. */
public enum Outcome {
    /** A free slot was created for this instance. */
    NEW,
    /** This instance already held the slot (a reboot, or a retried request that had in fact succeeded). */
    RECLAIMED,
    /** The slot of an instance that left the group was taken over (compare-and-set on the znode version). */
    TOOK_OVER
}
