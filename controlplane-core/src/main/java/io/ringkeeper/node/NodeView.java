package io.ringkeeper.node;

import io.ringkeeper.cloud.Instance;
import java.time.Instant;

/**
 * What {@code GET /v1/node} shows: who this node is and how the daemon is set up. No secrets: the auth
 * token appears only as whether one is required.
 *
 * @param instance null until the cloud has answered
 */
public record NodeView(
        String version,
        String clusterName,
        String cloud,
        Instance instance,
        Instant startedAt,
        long uptimeSeconds,
        String configFile,
        String stateDir,
        HttpView http) {

    public record HttpView(String bind, int port, boolean authRequired, long maxRequestBytes) {
    }
}
