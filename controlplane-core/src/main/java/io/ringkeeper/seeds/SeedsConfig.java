package io.ringkeeper.seeds;

import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code seeds:} section (used when {@code zookeeper.connect} is set).
 *
 * @param file            the seeds file Cassandra's seed provider falls back on; null means {@code <state_dir>/seeds}
 * @param providerJar     the seed-provider jar, put on Cassandra's class path
 * @param refreshInterval how often seeds are recomputed (and this node's gossip view published)
 */
public record SeedsConfig(Path file, Path providerJar, Duration refreshInterval) {
    public SeedsConfig {
        if (providerJar == null) {
            throw new InvalidConfigValue("provider_jar", "is empty; use e.g. /usr/share/ringkeeper/seed-provider.jar");
        }
        if (refreshInterval.toMillis() < 500 || refreshInterval.toMinutes() > 10) {
            throw new InvalidConfigValue("refresh_interval", Durations.format(refreshInterval) + " is out of range; use 500ms-10m, e.g. 10s");
        }
    }
}
