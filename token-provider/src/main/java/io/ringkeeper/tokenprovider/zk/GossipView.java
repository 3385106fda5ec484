package io.ringkeeper.tokenprovider.zk;

/**
 * The second witness of a node's death, supplied by the caller (the daemon asks live peers over JMX or HTTP).
 * The cloud saying an instance left its group is never enough on its own to reuse the instance's tokens: see
 * {@link ReplacementDecision}.
 */
@FunctionalInterface
public interface GossipView {
    Liveness liveness(String address);

    /** For a DC with no running Cassandra yet (or tests): nobody can be asked. */
    GossipView NOBODY_TO_ASK = address -> Liveness.UNKNOWN;
}
