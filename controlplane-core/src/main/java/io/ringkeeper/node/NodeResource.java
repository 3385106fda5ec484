package io.ringkeeper.node;

import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Version;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /v1/node}: identity, cloud and a summary of the config. */
@Path("/v1/node")
@Produces(MediaType.APPLICATION_JSON)
public final class NodeResource {
    private final LoadedConfig config;
    private final NodeIdentity identity;
    private final Clock clock;
    private final Instant startedAt;

    @Inject
    NodeResource(LoadedConfig config, NodeIdentity identity, Clock clock) {
        this.config = config;
        this.identity = identity;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    @GET
    @Operation(summary = "This node: identity, cloud, version and a summary of its config (no secrets)")
    public NodeView node() {
        RingkeeperConfig s = config.settings();
        HttpConfig http = s.http();
        return new NodeView(
                Version.current(),
                s.clusterName(),
                s.cloud(),
                identity.current().orElse(null),
                startedAt,
                Duration.between(startedAt, clock.instant()).toSeconds(),
                config.source().toAbsolutePath().toString(),
                s.stateDir().toString(),
                new NodeView.HttpView(http.bind(), http.port(), http.authRequired(), http.maxRequestBytes().bytes()));
    }
}
