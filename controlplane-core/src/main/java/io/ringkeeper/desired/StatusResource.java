package io.ringkeeper.desired;

import io.ringkeeper.http.ApiException;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /v1/status}: where every node of the cluster stands for each kind, answered by any daemon (from ZooKeeper).
 * A live daemon that has not written its entry yet is listed without a state; a daemon that is down shows where it
 * last stood, with {@code live: false}.
 */
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
    private final DesiredKinds kinds;
    private final ZooKeeperClient zk;
    private final DesiredStore store;
    private final StatusStore status;
    private final java.time.Clock clock;

    @Inject
    StatusResource(DesiredKinds kinds, DesiredStore store, StatusStore status, ZooKeeperClient zk, java.time.Clock clock) {
        this.clock = clock;
        this.kinds = kinds;
        this.zk = zk;
        this.store = store;
        this.status = status;
    }

    /** One kind across the cluster. {@code desiredVersion} is the record's latest version, a deletion included (-1: never written). */
    public record KindStatus(String kind, int desiredVersion, int nodes, int converged, int waiting, int failing, int notLive,
                             List<NodeStatus> entries) {
    }

    /** One line per kind. */
    public record Summary(String kind, int desiredVersion, int nodes, int converged, int waiting, int failing, int notLive) {
    }

    public record Overview(List<Summary> kinds) {
    }

    @GET
    @Operation(summary = "One line per kind: how many nodes have converged on its record's version, wait, fail, or are down")
    public Overview overview() throws Exception {
        zk.requireConnected();
        List<Summary> out = new ArrayList<>();
        for (String kind : kinds.names()) {
            KindStatus k = of(kind);
            out.add(new Summary(kind, k.desiredVersion(), k.nodes(), k.converged(), k.waiting(), k.failing(), k.notLive()));
        }
        return new Overview(out);
    }

    @GET
    @Path("{kind}")
    @Operation(summary = "Every node's status for the kind: version converged to, state, message, progress, updatedAt, live")
    public KindStatus kind(@PathParam("kind") String kind) throws Exception {
        kinds.require(kind);
        zk.requireConnected();
        return of(kind);
    }

    private KindStatus of(String kind) throws Exception {
        int desired = store.get(kind).map(DesiredRecord::version).orElse(-1); // a deletion is a version too
        List<NodeStatus> entries = new ArrayList<>(status.of(kind));
        Set<String> live = status.liveDaemons();
        Set<String> silent = new TreeSet<>(live);
        entries.forEach(e -> silent.remove(e.instanceId()));
        for (String id : silent) {
            entries.add(new NodeStatus(id, null, null, kind, -1, -1, null, "no status written yet", null, null, null, true, null));
        }
        int converged = 0;
        int waiting = 0;
        int failing = 0;
        int notLive = 0;
        for (NodeStatus e : entries) {
            if (!Boolean.TRUE.equals(e.live())) {
                notLive++;
            } else if (e.state() == Outcome.State.FAILING) {
                failing++;
            } else if (e.state() == Outcome.State.CONVERGED && e.convergedVersion() == desired) {
                converged++;
            } else {
                waiting++;
            }
        }
        entries.sort(java.util.Comparator.comparing(NodeStatus::instanceId));
        java.time.Instant now = clock.instant();
        entries.replaceAll(e -> e.detail() == null ? e : e.withDetail(kinds.present(kind, e.detail(), now)));
        return new KindStatus(kind, desired, entries.size(), converged, waiting, failing, notLive, entries);
    }

}
