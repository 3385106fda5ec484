package io.ringkeeper.jobs;

import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;

/**
 * The {@code jobs:} section: how many finished job records a node keeps.
 *
 * @param keep   finished jobs kept, newest first (running ones are always kept)
 * @param maxAge finished jobs older than this are removed whatever their number
 */
public record JobsConfig(int keep, Duration maxAge) {
    public JobsConfig {
        if (keep < 10 || keep > 100_000) {
            throw new InvalidConfigValue("keep", keep + " is out of range; use 10-100000, e.g. 1000");
        }
        if (maxAge.toHours() < 1 || maxAge.toDays() > 3650) {
            throw new InvalidConfigValue("max_age", Durations.format(maxAge) + " is out of range; use 1h-3650d, e.g. 30d");
        }
    }
}
