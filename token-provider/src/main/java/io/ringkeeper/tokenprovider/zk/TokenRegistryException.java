package io.ringkeeper.tokenprovider.zk;

/** A registry operation that could not be done, with a message an operator can act on. */
public final class TokenRegistryException extends RuntimeException {
    public enum Reason {
        /** Every slot of the rack is held by an instance still in the group. */
        RACK_FULL,
        /** The cloud says an owner is gone but gossip does not confirm it (or cannot be asked). */
        REPLACEMENT_REFUSED,
        /** ZooKeeper did not answer within the client's retry budget. */
        ZOOKEEPER_UNAVAILABLE,
        /** The local plan (racks, num_tokens, DC offset) contradicts the layout recorded in ZooKeeper. */
        LAYOUT_MISMATCH,
        /** The instance holds no slot (never claimed, released, or taken over by another instance). */
        NOT_OWNER,
        /** A state change that would move a slot backwards. */
        INVALID_TRANSITION,
        /** The bootstrap lock was not granted in the time allowed. */
        LOCK_TIMEOUT,
        /** Too many lost races in a row (should not happen; retrying is safe). */
        CONTENDED
    }

    private final Reason reason;

    public TokenRegistryException(Reason reason, String message) {
        this(reason, message, null);
    }

    public TokenRegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
