package io.ringkeeper.zookeeper;

import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one ZooKeeper session (Curator). Started with the daemon; a ZooKeeper that is down does not
 * stop the daemon from starting: Curator keeps reconnecting, the node is not ready meanwhile, and the
 * features that need ZooKeeper wait for it. Curator's own threads do the I/O.
 */
@Singleton
public final class ZooKeeperClient implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperClient.class);

    private final ZooKeeperConfig config;
    private final String cluster;
    private volatile CuratorFramework curator;
    private volatile ConnectionState state = ConnectionState.LOST;

    @Inject
    ZooKeeperClient(ZooKeeperConfig config, RingkeeperConfig root) {
        this.config = config;
        this.cluster = root.clusterName();
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public void start() {
        if (!config.enabled()) {
            return;
        }
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(config.connect())
                .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) config.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(250, 6, 5000))
                .build();
        c.getConnectionStateListenable().addListener((client, newState) -> {
            state = newState;
            if (newState == ConnectionState.CONNECTED || newState == ConnectionState.RECONNECTED) {
                log.info("ZooKeeper {}: {}", config.connect(), newState.name().toLowerCase());
            } else {
                log.warn("ZooKeeper {}: {}; retrying", config.connect(), newState.name().toLowerCase());
            }
        });
        c.start();
        curator = c;
    }

    /** The started client; callers block on it through Curator's own retry (no call here waits forever). */
    public CuratorFramework curator() {
        CuratorFramework c = curator;
        if (c == null) {
            throw new IllegalStateException("ZooKeeper is not configured (zookeeper.connect is empty) or not started yet");
        }
        return c;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The root of this cluster's znodes. */
    public String clusterPath() {
        return "/ringkeeper/" + cluster;
    }

    @Override
    public Optional<String> notReadyBecause() {
        if (!config.enabled() || state.isConnected()) {
            return Optional.empty();
        }
        return Optional.of("not connected to ZooKeeper at " + config.connect());
    }

    @Override
    public void stop() {
        CuratorFramework c = curator;
        if (c != null) {
            c.close();
            curator = null;
        }
    }
}
