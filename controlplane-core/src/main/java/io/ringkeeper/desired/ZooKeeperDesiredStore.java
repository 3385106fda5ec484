package io.ringkeeper.desired;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.tokenprovider.zk.ZnodeJson;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired-state records in ZooKeeper ({@link io.ringkeeper.tokenprovider.zk.ClusterPaths#desired(String)}). A change
 * is one transaction: the record's new data, compare-and-set on its version, and the same data as a history entry
 * named by the new version, so a version is in the history exactly when it was written. History beyond
 * {@value #HISTORY} versions is pruned afterwards (best effort: a crash there leaves a few extra entries, never a gap).
 */
@Singleton
public final class ZooKeeperDesiredStore implements DesiredStore {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperDesiredStore.class);
    /** Lost races in a row before a forced change gives up (another writer changing the same record as fast). */
    private static final int ATTEMPTS = 20;

    private final ZooKeeperClient zk;
    private final ZnodeJson json;

    @Inject
    ZooKeeperDesiredStore(ZooKeeperClient zk, SpecReader specs) {
        this.zk = zk;
        this.json = new ZnodeJson(specs.mapper()); // lenient on read: a newer daemon may store fields this one does not know
    }

    private CuratorFramework curator() {
        return zk.curator();
    }

    @Override
    public Optional<DesiredRecord> get(String kind) throws Exception {
        return json.read(curator(), zk.paths().desired(kind), DesiredRecord.Stored.class)
                .map(v -> DesiredRecord.of(kind, v.version(), v.value()));
    }

    @Override
    public List<DesiredRecord> list() throws Exception {
        List<String> kinds;
        try {
            kinds = curator().getChildren().forPath(zk.paths().desired());
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
        List<DesiredRecord> out = new ArrayList<>();
        for (String kind : kinds.stream().sorted().toList()) {
            get(kind).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public DesiredRecord put(String kind, JsonNode spec, Expect expect, Change change) throws Exception {
        return write(kind, spec, expect, change);
    }

    @Override
    public DesiredRecord delete(String kind, Expect expect, Change change) throws Exception {
        return write(kind, null, expect, change);
    }

    private DesiredRecord write(String kind, JsonNode spec, Expect expect, Change change) throws Exception {
        String path = zk.paths().desired(kind);
        String historyDir = zk.paths().desiredHistory(kind);
        curator().createContainers(historyDir);
        curator().createContainers(zk.paths().desired());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<DesiredRecord> current = get(kind);
            check(kind, current, expect, spec == null);
            int next = current.map(r -> r.version() + 1).orElse(0);
            DesiredRecord record = new DesiredRecord(kind, next, spec, change.changedBy(), change.at(), change.comment());
            byte[] data = json.write(record.stored());
            CuratorOp write = current.isEmpty()
                    ? curator().transactionOp().create().forPath(path, data)
                    : curator().transactionOp().setData().withVersion(current.get().version()).forPath(path, data);
            CuratorOp history = curator().transactionOp().create().forPath(historyEntry(historyDir, next), data);
            try {
                curator().transaction().forOperations(write, history);
            } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException | KeeperException.NoNodeException raced) {
                if (expect.version() != null || expect.absent()) {
                    // Someone else wrote in between: what the caller read is stale.
                    throw new StaleVersion(kind, get(kind).filter(r -> !r.deleted()).map(DesiredRecord::version).orElse(null));
                }
                continue; // forced: read again and write on top
            }
            prune(historyDir);
            return record;
        }
        throw new IllegalStateException("the " + kind + " record changed " + ATTEMPTS + " times while it was being written; try again");
    }

    private static void check(String kind, Optional<DesiredRecord> current, Expect expect, boolean deleting) throws StaleVersion {
        boolean exists = current.isPresent() && !current.get().deleted();
        Integer shown = exists ? current.get().version() : null;
        if (expect.absent() && exists) {
            throw new StaleVersion(kind, shown);
        }
        if (expect.version() != null && (!exists || current.get().version() != expect.version())) {
            throw new StaleVersion(kind, shown);
        }
        if (deleting && !exists) {
            throw new StaleVersion(kind, null);
        }
    }

    @Override
    public List<DesiredRecord> history(String kind) throws Exception {
        String dir = zk.paths().desiredHistory(kind);
        List<String> entries;
        try {
            entries = curator().getChildren().forPath(dir);
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
        List<DesiredRecord> out = new ArrayList<>();
        for (String entry : entries.stream().sorted(Comparator.reverseOrder()).toList()) {
            // Absent: pruned while listed.
            json.read(curator(), ZKPaths.makePath(dir, entry), DesiredRecord.Stored.class)
                    .ifPresent(v -> out.add(DesiredRecord.of(kind, versionOf(entry), v.value())));
        }
        return out;
    }

    /** Zero-padded, so that names sort as versions do. */
    private static String historyEntry(String dir, int version) {
        return ZKPaths.makePath(dir, String.format("v-%010d", version));
    }

    private static int versionOf(String entry) {
        return Integer.parseInt(entry.substring(2));
    }

    private void prune(String dir) {
        try {
            List<String> entries = curator().getChildren().forPath(dir).stream().sorted().toList();
            for (int i = 0; i < entries.size() - HISTORY; i++) {
                curator().delete().quietly().forPath(ZKPaths.makePath(dir, entries.get(i)));
            }
        } catch (Exception e) {
            log.debug("history of {} not pruned this time: {}", dir, e.toString());
        }
    }
}
