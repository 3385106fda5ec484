package io.ringkeeper.seeds;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /v1/seeds}: what Ringkeeper's seed provider inside Cassandra asks for. */
@Path("/v1/seeds")
@Produces(MediaType.APPLICATION_JSON)
public final class SeedsResource {
    private final SeedsService seeds;

    @Inject
    SeedsResource(SeedsService seeds) {
        this.seeds = seeds;
    }

    /** @param seeds addresses, {@code host:port} when ZooKeeper hands out tokens */
    public record Seeds(List<String> seeds) {
    }

    @GET
    @Operation(summary = "The cluster's seeds: 3 per DC (one per rack above 3 racks), NORMAL nodes only (genesis seeds while a DC forms), spread over racks")
    public Seeds get() {
        return new Seeds(seeds.current());
    }
}
