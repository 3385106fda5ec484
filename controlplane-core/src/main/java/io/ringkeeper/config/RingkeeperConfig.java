package io.ringkeeper.config;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.jobs.JobsConfig;
import io.ringkeeper.seeds.SeedsConfig;
import io.ringkeeper.tokens.TokensConfig;
import io.ringkeeper.zookeeper.ZooKeeperConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The daemon-wide keys of {@code ringkeeper.yaml}. {@code background_nice}: the nice value the daemon takes once its
 * Cassandra runs (see {@link io.ringkeeper.daemon.BackgroundPriority}). Defaults live in {@code config/defaults.yaml} (the one
 * place, also what docs/configuration.md is checked against); the cloud provider's own section is bound
 * separately, see {@link LoadedConfig}.
 */
public record RingkeeperConfig(
        String clusterName,
        String cloud,
        Path stateDir,
        Duration shutdownTimeout,
        int backgroundNice,
        HttpConfig http,
        LoggingConfig logging,
        CassandraConfig cassandra,
        ZooKeeperConfig zookeeper,
        TokensConfig tokens,
        SeedsConfig seeds,
        JobsConfig jobs) {

    static final Durations.Range SHUTDOWN_TIMEOUT = Durations.Range.of("100ms", "10m", "4s");
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public RingkeeperConfig {
        if (clusterName == null || !CLUSTER_NAME.matcher(clusterName).matches()) {
            throw new InvalidConfigValue("cluster_name", "\"" + clusterName
                    + "\" is not a usable cluster name; use 1-64 letters, digits, '.', '_' or '-', e.g. prod-cassandra");
        }
        if (cloud == null || cloud.isBlank()) {
            throw new InvalidConfigValue("cloud", "is empty; name a cloud provider, e.g. local");
        }
        if (stateDir == null) {
            throw new InvalidConfigValue("state_dir", "is empty; use a directory such as /var/lib/ringkeeper");
        }
        SHUTDOWN_TIMEOUT.check("shutdown_timeout", shutdownTimeout);
        if (backgroundNice < 0 || backgroundNice > 19) {
            throw new InvalidConfigValue("background_nice", backgroundNice + " is not a nice value; use 0 (keep the priority)"
                    + " to 19, e.g. 10");
        }
        if (zookeeper != null && zookeeper.enabled() && cassandra != null) {
            // With ZooKeeper, tokens, seeds and replacement are computed per node; a fixed value would fight them.
            if (!cassandra.seeds().isEmpty()) {
                throw new InvalidConfigValue("cassandra.seeds", "is computed when zookeeper.connect is set; remove it");
            }
            if (cassandra.initialToken() != null) {
                throw new InvalidConfigValue("cassandra.initial_token", "is computed when zookeeper.connect is set; remove it (see tokens:)");
            }
            if (cassandra.replaceAddress() != null) {
                throw new InvalidConfigValue("cassandra.replace_address", "is decided from the token registry when zookeeper.connect is set; remove it");
            }
        }
        if (cassandra == null) {
            throw new InvalidConfigValue("cassandra", "is empty; remove the key to take the defaults");
        }
    }
}
