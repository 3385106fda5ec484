package io.ringkeeper.zookeeper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.tokenprovider.zk.GossipView;
import io.ringkeeper.tokenprovider.zk.Liveness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * What each node's Cassandra sees through gossip, published by its daemon to
 * {@code /ringkeeper/<cluster>/status/gossip/<instanceId>} (ephemeral: gone with the daemon's session) and
 * read by a node that wants to take over a dead node's slot. The cloud saying an instance left is never
 * enough alone; live peers must agree it is down. Views older than {@link #FRESH} are not counted.
 */
@Singleton
public final class GossipViews {
    static final Duration FRESH = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlPlane plane;
    private final Clock clock;

    @Inject
    GossipViews(ControlPlane plane, Clock clock) {
        this.plane = plane;
        this.clock = clock;
    }

    private String dir() {
        return plane.zookeeper().paths().status("gossip");
    }

    /** Publishes this node's view: its Cassandra's live and unreachable peers, as gossip names them. */
    public void publish(String instanceId, List<String> liveNodes, List<String> unreachableNodes) throws Exception {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("live", liveNodes.stream().map(GossipViews::host).toList());
        view.put("unreachable", unreachableNodes.stream().map(GossipViews::host).toList());
        view.put("at", clock.millis());
        plane.zookeeper().curator().create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                .forPath(dir() + "/" + instanceId, JSON.writeValueAsBytes(view));
    }

    /** The combined view of every other node's fresh report. */
    public GossipView view(String selfInstanceId) throws Exception {
        List<JsonNode> fresh = new ArrayList<>();
        List<String> children;
        try {
            children = plane.zookeeper().curator().getChildren().forPath(dir());
        } catch (KeeperException.NoNodeException e) {
            return GossipView.NOBODY_TO_ASK;
        }
        for (String id : children) {
            if (id.equals(selfInstanceId)) {
                continue;
            }
            try {
                JsonNode v = JSON.readTree(plane.zookeeper().curator().getData().forPath(dir() + "/" + id));
                if (clock.millis() - v.path("at").asLong() <= FRESH.toMillis()) {
                    fresh.add(v);
                }
            } catch (KeeperException.NoNodeException gone) {
                // its daemon went away while we listed: not a witness
            }
        }
        return liveness(fresh);
    }

    static GossipView liveness(List<JsonNode> views) {
        if (views.isEmpty()) {
            return GossipView.NOBODY_TO_ASK;
        }
        return address -> {
            boolean mentioned = false;
            for (JsonNode v : views) {
                if (contains(v.path("live"), address)) {
                    return Liveness.UP;
                }
                mentioned |= contains(v.path("unreachable"), address);
            }
            return mentioned ? Liveness.DOWN : Liveness.ABSENT;
        };
    }

    private static boolean contains(JsonNode list, String address) {
        Set<String> hosts = new HashSet<>();
        list.forEach(n -> hosts.add(n.asText()));
        return hosts.contains(address);
    }

    /** "10.0.0.5:7000" or "/10.0.0.5" → "10.0.0.5" (JMX lists differ across versions). */
    static String host(String endpoint) {
        String s = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
        if (s.startsWith("[")) {
            return s.substring(1, s.indexOf(']'));
        }
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.indexOf(':') == colon ? s.substring(0, colon) : s;
    }
}
