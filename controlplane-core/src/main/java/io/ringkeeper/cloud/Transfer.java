package io.ringkeeper.cloud;

import java.io.InterruptedIOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a long object-store transfer reports and obeys: the bytes moved so far (read from any thread, e.g. by a job's
 * progress), the node's {@link Throttle} if there is one, and a request to stop. A store checks {@link #checkCancelled}
 * between chunks; a cancelled transfer ends with {@link Cancelled} and, like any failed write, leaves nothing under its
 * key. One instance per operation (or per group of operations reported together); thread-safe.
 */
public final class Transfer {
    private final Throttle throttle;
    private final LongAdder moved = new LongAdder();
    private final java.util.function.BooleanSupplier stopAsked;
    private volatile String cancelled;

    /** @param throttle the budget to stay under, or null for none */
    public Transfer(Throttle throttle) {
        this(throttle, () -> false);
    }

    /**
     * @param stopAsked polled between chunks as well as {@link #cancel}: e.g. whether the job this transfer works for
     *                  was asked to stop, so a cancel reaches a file in the middle of its upload
     */
    public Transfer(Throttle throttle, java.util.function.BooleanSupplier stopAsked) {
        this.throttle = throttle;
        this.stopAsked = stopAsked;
    }

    /** A transfer without a throttle, reporting nowhere in particular. */
    public static Transfer unlimited() {
        return new Transfer(null);
    }

    /** Thrown by a store when the transfer was cancelled; nothing was left under the key. */
    public static final class Cancelled extends InterruptedIOException {
        public Cancelled(String why) {
            super("transfer cancelled: " + why);
        }
    }

    /** Bytes moved so far. */
    public long bytes() {
        return moved.sum();
    }

    /** Asks every store working for this transfer to stop at its next chunk. */
    public void cancel(String why) {
        cancelled = why;
    }

    public boolean isCancelled() {
        return cancelled != null || stopAsked.getAsBoolean();
    }

    public void checkCancelled() throws Cancelled {
        String why = cancelled;
        if (why == null && stopAsked.getAsBoolean()) {
            why = "its job was cancelled";
        }
        if (why != null) {
            throw new Cancelled(why);
        }
    }

    /**
     * Counts {@code bytes} just moved, and waits while they exceed the throttle's budget (charging after the fact keeps
     * the count exact: a read may return fewer bytes than asked for).
     */
    public void moved(long bytes) throws InterruptedIOException {
        if (bytes <= 0) {
            return;
        }
        moved.add(bytes);
        if (throttle != null) {
            throttle.acquire(bytes);
        }
    }
}
