package io.ringkeeper.seeds;

/**
 * A node as seed selection sees it.
 *
 * @param order        a stable position (the token slot): ties between racks and nodes break on it, so the
 *                     seed list does not churn when nothing changed
 * @param normal       Cassandra reports NORMAL: only such nodes are seeds, so a joining node never seeds
 * @param genesisSeed  the node starts a DC that has no NORMAL node yet and is the first of its rack: it is a
 *                     seed before it is NORMAL (someone has to be)
 */
public record SeedCandidate(String address, String dc, String rack, int order, boolean normal, boolean genesisSeed) {
}
