package io.ringkeeper.cassandra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the cluster control plane decided for this node, to be rendered instead of the fixed values in
 * {@code cassandra:}: the tokens of its slot, the seeds, the node it replaces, and the seed provider
 * Cassandra should load (Ringkeeper's, which asks the daemon and falls back to the seeds file).
 *
 * @param seeds           the seed addresses as of now (the seed provider refreshes them later)
 * @param numTokens       {@code num_tokens}
 * @param initialToken    {@code initial_token}, comma separated
 * @param replaceAddress  the dead node this one replaces on its first boot; null for a new node
 * @param seedProviderJar put on Cassandra's class path
 * @param seedProvider    {@code seed_provider[0].parameters[0]} for Ringkeeper's provider
 */
public record NodePlan(List<String> seeds, int numTokens, String initialToken, String replaceAddress,
                       Path seedProviderJar, Map<String, String> seedProvider) {
    public static final String SEED_PROVIDER_CLASS = "io.ringkeeper.seeds.RingkeeperSeedProvider";

    public NodePlan {
        seeds = List.copyOf(seeds);
        seedProvider = Map.copyOf(seedProvider);
    }

    /** The node's place in its ring as the plan decided it, rendered instead of the fixed values of {@code cassandra:}. */
    public Placement placement() {
        return new Placement(seeds, numTokens, initialToken, replaceAddress);
    }
}
