package io.ringkeeper.zookeeper;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.daemon.Version;
import io.ringkeeper.http.HttpServer;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;

/**
 * This daemon in the cluster's directory of live daemons: the ephemeral znode {@code /ringkeeper/<cluster>/nodes/<id>}
 * with who and where it is. Ephemeral, so it is gone when the daemon's session is; kept by Curator's
 * {@link PersistentNode}, so after a ZooKeeper outage long enough to expire the session, the daemon registers again
 * under its new session by itself.
 */
@Singleton
public final class NodeRegistration implements Service {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ZooKeeperClient zk;
    private final NodeIdentity identity;
    private final Provider<HttpServer> http; // a Provider: only its URL is needed, known once its port is bound
    private PersistentNode node;

    @Inject
    NodeRegistration(ZooKeeperClient zk, NodeIdentity identity, Provider<HttpServer> http) {
        this.zk = zk;
        this.identity = identity;
        this.http = http;
    }

    @Override
    public String name() {
        return "node-registration";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    /** Where this daemon registers. */
    public String path() {
        return zk.paths().node(identity.require().id());
    }

    @Override
    public synchronized void start() throws Exception {
        Instance self = identity.require();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("instanceId", self.id());
        record.put("address", self.address());
        record.put("dc", self.dc());
        record.put("rack", self.rack());
        record.put("version", Version.current());
        record.put("url", String.valueOf(http.get().uri()));
        record.put("startedAt", Instant.now().toString());
        node = new PersistentNode(zk.curator(), CreateMode.EPHEMERAL, false, path(), JSON.writeValueAsBytes(record));
        node.start(); // creates in the background once connected; never blocks the daemon's start
    }

    @Override
    public synchronized void stop() throws Exception {
        if (node != null) {
            node.close();
            node = null;
        }
    }
}
