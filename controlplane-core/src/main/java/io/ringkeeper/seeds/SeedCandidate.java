package io.ringkeeper.seeds;

/**
 * A node as seed selection sees it.
 *
 * @param order        a stable position (the token slot): ties between racks and nodes break on it, so the
 *                     seed list does not churn when nothing changed
 * @param normal       Cassandra reports NORMAL: only such nodes are seeds, so a joining node never seeds
 * @param genesisSeed  the node starts as a seed before it is NORMAL: it helps start a DC that had no NORMAL node
 *                     (someone has to be a seed), {@code GenesisSeeds.isSeedWhileStarting}
 */
public record SeedCandidate(String address, String dc, String rack, int order, boolean normal, boolean genesisSeed) {
}
