package io.ringkeeper.backup;

import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.tokenprovider.zk.ClusterPaths;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/**
 * {@link BlobLock} as a ZooKeeper lock, shared by every daemon (of every cluster on this ZooKeeper) that backs up into
 * the same store: clusters sharing a store share its blobs.
 */
final class ZooKeeperBlobLock implements BlobLock {
    static final Duration WAIT = Duration.ofMinutes(30);

    private final java.util.function.Supplier<CuratorFramework> curator;
    private final ObjectStore store;

    @Inject
    ZooKeeperBlobLock(ZooKeeperClient zk, ObjectStore store) {
        this(zk::curator, store);
    }

    ZooKeeperBlobLock(java.util.function.Supplier<CuratorFramework> curator, ObjectStore store) {
        this.curator = curator;
        this.store = store; // asked for its location when the lock is taken: a daemon without a store never is
    }

    @Override
    public <T> T with(Work<T> work) throws Exception {
        String path = ClusterPaths.backupStoreLock(store.location());
        InterProcessMutex mutex = new InterProcessMutex(curator.get(), path);
        if (!mutex.acquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException("the backup store's lock (" + path + ") was not free within " + WAIT.toMinutes()
                    + " minutes: a retention sweep may be running; try again");
        }
        try {
            return work.run();
        } finally {
            mutex.release();
        }
    }
}
