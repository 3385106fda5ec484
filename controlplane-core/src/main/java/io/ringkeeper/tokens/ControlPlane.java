package io.ringkeeper.tokens;

import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.tokenprovider.zk.BootstrapLock;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The cluster's token registry and bootstrap lock, built on the daemon's ZooKeeper session the first time
 * they are needed (the session exists only once the daemon has started).
 */
@Singleton
public final class ControlPlane {
    private final ZooKeeperClient zk;
    private final String cluster;
    private final Clock clock;
    private TokenRegistry registry;
    private BootstrapLock lock;

    @Inject
    ControlPlane(ZooKeeperClient zk, RingkeeperConfig root, Clock clock) {
        this.zk = zk;
        this.cluster = root.clusterName();
        this.clock = clock;
    }

    public boolean enabled() {
        return zk.enabled();
    }

    public synchronized TokenRegistry registry() {
        if (registry == null) {
            registry = new TokenRegistry(zk.curator(), cluster, clock);
        }
        return registry;
    }

    public synchronized BootstrapLock bootstrapLock() {
        if (lock == null) {
            lock = new BootstrapLock(zk.curator(), cluster);
        }
        return lock;
    }

    public ZooKeeperClient zookeeper() {
        return zk;
    }
}
