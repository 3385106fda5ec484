package io.ringkeeper.reconcile;

import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.apache.curator.framework.recipes.leader.LeaderLatch;

/**
 * Which daemon runs the cluster-wide chores ({@link Reconciler#leaderOnly()}): the holder of a Curator
 * {@link LeaderLatch} at the cluster's {@code leader} znode. The latch is Curator's: it needs no thread of ours, and a
 * daemon that loses its session stops leading at once (another takes over once its session is gone). Without
 * {@code zookeeper.connect} the latch is in the daemon's own store, so the one daemon there is leads.
 */
@Singleton
public final class Leadership implements Service {
    private final ZooKeeperClient zk;
    private final NodeIdentity identity;
    private LeaderLatch latch; // guarded by this

    @Inject
    Leadership(ZooKeeperClient zk, NodeIdentity identity) {
        this.zk = zk;
        this.identity = identity;
    }

    @Override
    public String name() {
        return "leadership";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    @Override
    public synchronized void start() throws Exception {
        latch = new LeaderLatch(zk.curator(), zk.paths().leader(), identity.require().id());
        latch.start(); // joins the election once connected; never blocks the daemon's start
    }

    /** Whether this daemon leads now (a snapshot: ZooKeeper may say otherwise a moment later). */
    public synchronized boolean isLeader() {
        return latch != null && latch.hasLeadership();
    }

    @Override
    public synchronized void stop() throws IOException {
        if (latch != null) {
            latch.close();
            latch = null;
        }
    }
}
