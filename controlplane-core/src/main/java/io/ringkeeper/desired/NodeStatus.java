package io.ringkeeper.desired;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What one daemon observed and did for one kind: {@code status/<kind>/<instanceId>}.
 *
 * @param desiredVersion   the record version the daemon last saw (-1: no record)
 * @param convergedVersion the version it has converged to (-1: none yet, or converged to "no record")
 * @param live             whether the daemon is live now (its {@code nodes/} znode exists); filled in when read
 * @param detail           the kind's own facts (see {@link Outcome#detail}); null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(String instanceId, String dc, String rack, String kind, int desiredVersion, int convergedVersion,
                         Outcome.State state, String message, Long done, Long total, Instant updatedAt, Boolean live,
                         java.util.Map<String, Object> detail) {
    public NodeStatus {
        detail = detail == null || detail.isEmpty() ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
    }

    NodeStatus withLive(boolean isLive) {
        return new NodeStatus(instanceId, dc, rack, kind, desiredVersion, convergedVersion, state, message, done, total,
                updatedAt, isLive, detail);
    }

    NodeStatus withDetail(java.util.Map<String, Object> d) {
        return new NodeStatus(instanceId, dc, rack, kind, desiredVersion, convergedVersion, state, message, done, total,
                updatedAt, live, d);
    }

    /** Same facts, whatever the time: what decides whether a new write is worth it. */
    boolean sameAs(NodeStatus o) {
        return o != null && desiredVersion == o.desiredVersion && convergedVersion == o.convergedVersion && state == o.state
                && java.util.Objects.equals(message, o.message) && java.util.Objects.equals(done, o.done)
                && java.util.Objects.equals(total, o.total) && java.util.Objects.equals(detail, o.detail);
    }
}
