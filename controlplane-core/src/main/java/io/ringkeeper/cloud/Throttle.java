package io.ringkeeper.cloud;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/**
 * A node's transfer budget in bytes per second, shared by every transfer that uses it (a backup's parallel uploads
 * together stay under it). One second's worth may go at once; beyond that, callers wait their turn. Thread-safe; a
 * waiting caller can be interrupted.
 */
public final class Throttle {
    private final long bytesPerSecond;
    private final long burstNanos = TimeUnit.SECONDS.toNanos(1);
    /** When the budget is spent up to (System.nanoTime scale): the "theoretical arrival time" of the next byte. */
    private long spentUntil = System.nanoTime();

    public Throttle(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("a throttle needs a positive rate, got " + bytesPerSecond + " bytes/s");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Waits until {@code bytes} fit in the budget, then spends them. */
    public void acquire(long bytes) throws InterruptedIOException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            if (spentUntil < now) {
                spentUntil = now;
            }
            spentUntil += (long) (bytes * 1e9 / bytesPerSecond);
            wait = spentUntil - now - burstNanos;
        }
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while throttled");
            }
        }
    }
}
