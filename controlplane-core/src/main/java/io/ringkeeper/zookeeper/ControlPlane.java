package io.ringkeeper.zookeeper;

import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.tokenprovider.zk.BootstrapLock;
import io.ringkeeper.tokenprovider.zk.SlotsCache;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The cluster's token registry, its watched cache of slots, and the bootstrap lock, built on the daemon's ZooKeeper
 * session the first time they are needed (the session exists only once the daemon has started). A service only so
 * that the cache's watch is closed when the daemon stops.
 */
@Singleton
public final class ControlPlane implements Service {
    private final ZooKeeperClient zk;
    private final String cluster;
    private final Clock clock;
    private TokenRegistry registry;
    private BootstrapLock lock;
    private SlotsCache slots;
    private boolean stopped;

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

    /** Every DC's layout and slots as the watch last saw them (no ZooKeeper request per read); started on first use. */
    public synchronized SlotsCache slots() {
        if (stopped) {
            throw new IllegalStateException("the daemon is stopping");
        }
        if (slots == null) {
            slots = new SlotsCache(zk.curator(), cluster);
            slots.start();
        }
        return slots;
    }

    @Override
    public String name() {
        return "control-plane";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    @Override
    public void start() {
        // Nothing to do until a feature asks: the registry, the cache and the lock are made on first use.
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        if (slots != null) {
            slots.close();
            slots = null;
        }
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
