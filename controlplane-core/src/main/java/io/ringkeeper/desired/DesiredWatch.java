package io.ringkeeper.desired;

import io.ringkeeper.tokenprovider.zk.ZnodeJson;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.reconcile.ReconcileRunner;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.utils.ZKPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This daemon's watched copy of every desired-state record (a Curator {@link CuratorCache} on {@code desired/}): the
 * kinds' reconcilers read it, so converging costs no ZooKeeper request, and a change wakes the kind's reconciler at
 * once. The cache's listener runs on Curator's thread and only calls {@link ReconcileRunner#wake}, which hands the work
 * to the background pool.
 *
 * <p>As Curator says of its cache, not every intermediate version is seen: a reconciler converges on the latest.
 */
@Singleton
public final class DesiredWatch implements Service {
    private static final Logger log = LoggerFactory.getLogger(DesiredWatch.class);

    private final ZooKeeperClient zk;
    private final Provider<ReconcileRunner> runner; // a Provider: the runner runs the kinds' loops, which read this
    private final DesiredKinds kinds;
    private final ZnodeJson json;
    private volatile CuratorCache cache;
    private volatile boolean primed;

    @Inject
    DesiredWatch(ZooKeeperClient zk, Provider<ReconcileRunner> runner, DesiredKinds kinds, SpecReader specs) {
        this.zk = zk;
        this.runner = runner;
        this.kinds = kinds;
        this.json = new ZnodeJson(specs.mapper());
    }

    @Override
    public String name() {
        return "desired-watch";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    @Override
    public void start() {
        String root = zk.paths().desired();
        CuratorCache c = CuratorCache.build(zk.curator(), root);
        c.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> changed(root, after != null ? after : before))
                .forInitialized(() -> {
                    primed = true;
                    kinds.names().forEach(k -> runner.get().wake(KindReconciler.loopName(k)));
                })
                .build());
        c.start();
        cache = c;
    }

    private void changed(String root, ChildData node) {
        if (node == null || node.getPath().equals(root)) {
            return;
        }
        String kind = ZKPaths.getNodeFromPath(node.getPath());
        if (primed && kinds.names().contains(kind)) {
            runner.get().wake(KindReconciler.loopName(kind));
        }
    }

    /** Whether the copy is loaded and the session connected: otherwise reconcilers keep what runs. */
    public boolean ready() {
        return primed && zk.connected();
    }

    /** The kind's latest record as last seen (a deleted one has a null spec). */
    public Optional<DesiredRecord> cached(String kind) {
        CuratorCache c = cache;
        if (c == null) {
            return Optional.empty();
        }
        return c.get(zk.paths().desired(kind)).map(d -> {
            try {
                return DesiredRecord.of(kind, d.getStat().getVersion(), json.read(d.getData(), DesiredRecord.Stored.class, d.getPath()));
            } catch (IllegalStateException e) {
                log.warn("the {} record (version {}) is not readable: {}", kind, d.getStat().getVersion(), e.getMessage());
                return null;
            }
        });
    }

    @Override
    public void stop() {
        CuratorCache c = cache;
        if (c != null) {
            c.close();
            cache = null;
        }
    }
}
