package io.ringkeeper.desired;

import io.ringkeeper.tokenprovider.zk.ZnodeJson;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Every daemon's status per kind, in ZooKeeper ({@code status/<kind>/<instanceId>}, persistent: a daemon that is down
 * still shows where it last stood, and its liveness is read from {@code nodes/}). A daemon writes its entry when what
 * it says changes, and otherwise at most once per {@link #HEARTBEAT}, so a quiet fleet makes no steady write load.
 */
@Singleton
public final class StatusStore {
    /** How old an unchanged entry may get before it is written again (its {@code updatedAt} proves the daemon looks). */
    static final Duration HEARTBEAT = Duration.ofMinutes(10);

    private final ZooKeeperClient zk;
    private final ZnodeJson json;
    private final Map<String, NodeStatus> written = new ConcurrentHashMap<>();

    @Inject
    StatusStore(ZooKeeperClient zk, SpecReader specs) {
        this.zk = zk;
        this.json = new ZnodeJson(specs.mapper());
    }

    /** Writes this daemon's entry if it says something new or is due; returns whether it wrote. */
    public boolean publish(NodeStatus status) throws Exception {
        NodeStatus last = written.get(status.kind());
        if (status.sameAs(last) && Duration.between(last.updatedAt(), status.updatedAt()).compareTo(HEARTBEAT) < 0) {
            return false;
        }
        zk.curator().create().orSetData().creatingParentContainersIfNeeded()
                .forPath(zk.paths().status(status.kind(), status.instanceId()), json.write(status));
        written.put(status.kind(), status);
        return true;
    }

    /** Every daemon's entry for {@code kind}, each marked live or not. */
    public List<NodeStatus> of(String kind) throws Exception {
        String dir = zk.paths().status(kind);
        List<String> ids;
        try {
            ids = zk.curator().getChildren().forPath(dir);
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        }
        Set<String> live = liveDaemons();
        List<NodeStatus> out = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            // Absent: removed while listed.
            json.read(zk.curator(), ZKPaths.makePath(dir, id), NodeStatus.class).ifPresent(v -> out.add(v.value().withLive(live.contains(id))));
        }
        return out;
    }

    public Set<String> liveDaemons() throws Exception {
        try {
            return new HashSet<>(zk.curator().getChildren().forPath(zk.paths().nodes()));
        } catch (KeeperException.NoNodeException none) {
            return Set.of();
        }
    }
}
