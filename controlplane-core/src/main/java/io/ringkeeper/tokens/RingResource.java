package io.ringkeeper.tokens;

import io.ringkeeper.zookeeper.ControlPlane;
import io.ringkeeper.http.ApiException;
import io.ringkeeper.tokenprovider.Murmur3Ring;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.SlotsCache;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/ring}: every node of every DC as the token registry records it, with its share of the ring. The DCs
 * are the registry's own, so other regions show too; read from the daemon's watched copy of the registry.
 */
@Path("/v1/ring")
@Produces(MediaType.APPLICATION_JSON)
public final class RingResource {
    private final ControlPlane plane;

    @Inject
    RingResource(ControlPlane plane) {
        this.plane = plane;
    }

    /** @param ownershipPercent the node's share of its DC's token range, in percent */
    public record RingNode(int slot, String instanceId, String address, String rack, String state, List<String> tokens,
                           double ownershipPercent) {
    }

    public record Dc(String dc, Integer ringSize, List<String> racks, List<RingNode> nodes) {
    }

    public record Ring(List<Dc> dcs) {
    }

    /** Before the watch's first full read is in: from ZooKeeper itself. */
    private Map<String, SlotsCache.Dc> fresh() {
        Map<String, SlotsCache.Dc> dcs = new java.util.TreeMap<>();
        for (String dc : plane.registry().dcs()) {
            dcs.put(dc, new SlotsCache.Dc(dc, plane.registry().layout(dc), plane.registry().slots(dc)));
        }
        return dcs;
    }

    @GET
    @Operation(summary = "The token ring from the registry: slot, tokens, state, address, rack and ownership of every node")
    public Ring ring() {
        if (!plane.enabled()) {
            throw ApiException.unavailable("no_registry", "the ring comes from ZooKeeper's token registry; set zookeeper.connect "
                    + "(without it Cassandra allocates tokens itself: see nodetool status)", Map.of());
        }
        if (!plane.zookeeper().curator().getZookeeperClient().isConnected()) {
            throw ApiException.unavailable("zookeeper_unavailable", "not connected to ZooKeeper; try again shortly", Map.of());
        }
        // The registry's DCs (every region that claimed a slot), as the daemon's watch on it last saw them.
        SlotsCache cache = plane.slots();
        Map<String, SlotsCache.Dc> dcs = cache.primed() ? cache.dcs() : fresh();
        List<Dc> out = new ArrayList<>();
        for (SlotsCache.Dc dc : dcs.values()) {
            List<SlotEntry> slots = dc.slots();
            List<Long> all = slots.stream().flatMap(s -> s.record().tokens().stream()).map(Long::parseLong).toList();
            Map<Long, Double> shares = all.isEmpty() ? Map.of() : Murmur3Ring.ownership(all);
            List<RingNode> nodes = new ArrayList<>();
            for (SlotEntry s : slots) {
                double share = s.record().tokens().stream().mapToDouble(t -> shares.getOrDefault(Long.parseLong(t), 0.0)).sum();
                nodes.add(new RingNode(s.slot(), s.record().instanceId(), s.record().address(), s.record().rack(),
                        s.record().state().name(), s.record().tokens(), Math.round(share * 100_000) / 1000.0));
            }
            RingLayout layout = dc.layout().orElse(null);
            out.add(new Dc(dc.name(), layout == null ? null : layout.ringSize(), layout == null ? List.of() : layout.racks(), nodes));
        }
        return new Ring(out);
    }
}
