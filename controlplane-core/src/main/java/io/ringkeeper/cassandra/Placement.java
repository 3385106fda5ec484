package io.ringkeeper.cassandra;

import java.util.List;

/**
 * Where this node stands in its ring, as rendered into its files: the seeds, {@code num_tokens} and
 * {@code initial_token}, and the dead node it replaces on its first boot. Without the cluster control plane these are
 * the fixed values of {@code cassandra:}; with it, the join flow's {@link NodePlan}. One explicit input of the
 * rendering, beside the config, so that nothing re-builds the config to change them.
 *
 * @param seeds          seed addresses; empty: the node is its own seed
 * @param initialToken   comma separated, or null to let Cassandra allocate
 * @param replaceAddress null for a node that replaces nothing
 */
public record Placement(List<String> seeds, int numTokens, String initialToken, String replaceAddress) {
    public Placement {
        seeds = List.copyOf(seeds);
    }

    /** The fixed values of {@code cassandra:}. */
    public static Placement of(CassandraConfig c) {
        return new Placement(c.seeds(), c.numTokens(), c.initialToken(), c.replaceAddress());
    }
}
