package io.ringkeeper.reconcile;

import java.time.Duration;

/**
 * The delay before retrying a failing pass: {@code first}, doubled per consecutive failure, never more than {@code max}.
 */
record Backoff(Duration first, Duration max) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2));

    Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** @param failures consecutive failures so far, at least 1 */
    Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long millis = first.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
