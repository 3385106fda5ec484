package io.ringkeeper.tokenprovider.zk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * One bootstrap at a time per DC: a one-lease Curator semaphore at {@code /ringkeeper/<cluster>/locks/bootstrap/<dc>}.
 * A semaphore lease, unlike {@code InterProcessMutex}, is not tied to the thread that took it, so the daemon can
 * take it in its start-up flow and release it from whichever thread sees Cassandra reach NORMAL.
 *
 * <p>The lease is an ephemeral znode: if the daemon dies or its ZooKeeper session expires, the lease goes with it and
 * the next node may start bootstrapping. Cassandra itself still refuses overlapping range movements, so this is the
 * right failure direction (progress over a stuck DC).
 */
public final class BootstrapLock {
    private final CuratorFramework zk;
    private final ClusterPaths paths;

    public BootstrapLock(CuratorFramework zk, String cluster) {
        this.zk = Objects.requireNonNull(zk, "zk");
        this.paths = new ClusterPaths(cluster);
    }

    /**
     * Waits up to {@code wait} for the DC's bootstrap lock.
     *
     * @param holder written into the lease znode so operators can see who holds it (e.g. "i-0abc 10.0.0.5")
     * @throws TokenRegistryException LOCK_TIMEOUT when not granted in time, ZOOKEEPER_UNAVAILABLE
     */
    public BootstrapLease acquire(String dc, String holder, Duration wait) {
        String path = paths.bootstrapLock(dc);
        InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(zk, path, 1);
        semaphore.setNodeData(holder.getBytes(StandardCharsets.UTF_8));
        Lease lease;
        try {
            lease = semaphore.acquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(dc, e);
        } catch (Exception e) {
            throw unavailable(dc, e);
        }
        if (lease == null) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LOCK_TIMEOUT, "another node of dc " + dc
                    + " is bootstrapping (lock " + path + "); not granted within " + wait + ". This is normal while"
                    + " nodes join one by one; a lock that never frees means its holder is stuck in bootstrap.");
        }
        return new BootstrapLease(zk, ZKPaths.makePath(path, "leases"), dc, lease);
    }

    private TokenRegistryException unavailable(String dc, Exception e) {
        return new TokenRegistryException(TokenRegistryException.Reason.ZOOKEEPER_UNAVAILABLE,
                "could not take the bootstrap lock of dc " + dc + " from ZooKeeper ("
                        + zk.getZookeeperClient().getCurrentConnectionString() + "): " + e, e);
    }

    /** A held bootstrap lock. Release it once the node is NORMAL (or its start failed). Idempotent. */
    public static final class BootstrapLease implements AutoCloseable {
        private final CuratorFramework zk;
        private final String leasesPath;
        private final String dc;
        private final Lease lease;
        private volatile boolean released;

        BootstrapLease(CuratorFramework zk, String leasesPath, String dc, Lease lease) {
            this.zk = zk;
            this.leasesPath = leasesPath;
            this.dc = dc;
            this.lease = lease;
        }

        public String dc() {
            return dc;
        }

        /** False once released, or when ZooKeeper no longer has the lease (the session expired). */
        public boolean stillHeld() {
            if (released) {
                return false;
            }
            try {
                return zk.checkExists().forPath(ZKPaths.makePath(leasesPath, lease.getNodeName())) != null;
            } catch (Exception e) {
                return false;
            }
        }

        public void release() {
            if (released) {
                return;
            }
            try {
                lease.close();
                released = true;
            } catch (Exception e) {
                if (e.getCause() instanceof KeeperException.NoNodeException) {
                    released = true; // already gone with the session
                    return;
                }
                throw new TokenRegistryException(TokenRegistryException.Reason.ZOOKEEPER_UNAVAILABLE,
                        "could not release the bootstrap lock of dc " + dc + ": " + e
                                + ". It is freed anyway when this daemon's ZooKeeper session ends.", e);
            }
        }

        @Override
        public void close() {
            release();
        }
    }
}
