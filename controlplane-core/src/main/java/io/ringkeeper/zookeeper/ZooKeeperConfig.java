package io.ringkeeper.zookeeper;

import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The {@code zookeeper:} section: where the cluster's control plane lives.
 *
 * @param connect           ZooKeeper's connect string ({@code host:port,host:port}); null means no
 *                          ZooKeeper: the node runs alone with the tokens and seeds from {@code cassandra:}
 * @param sessionTimeout    how long ZooKeeper keeps this daemon's session (and its ephemeral nodes) without
 *                          hearing from it
 * @param connectionTimeout how long one connection attempt may take
 */
public record ZooKeeperConfig(String connect, Duration sessionTimeout, Duration connectionTimeout) {
    private static final Pattern CONNECT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+(,[A-Za-z0-9.\\-\\[\\]:]+)*(/[A-Za-z0-9/_.-]*)?");

    public ZooKeeperConfig {
        if (connect != null && !CONNECT.matcher(connect).matches()) {
            throw new InvalidConfigValue("connect", "\"" + connect + "\" is not a ZooKeeper connect string; use e.g. 10.0.0.5:2181,10.0.0.6:2181");
        }
        if (sessionTimeout.toMillis() < 4000 || sessionTimeout.toSeconds() > 120) {
            throw new InvalidConfigValue("session_timeout", Durations.format(sessionTimeout) + " is out of range; use 4s-120s, e.g. 30s");
        }
        if (connectionTimeout.toMillis() < 500 || connectionTimeout.toSeconds() > 120) {
            throw new InvalidConfigValue("connection_timeout", Durations.format(connectionTimeout) + " is out of range; use 500ms-120s, e.g. 15s");
        }
    }

    public boolean enabled() {
        return connect != null;
    }
}
