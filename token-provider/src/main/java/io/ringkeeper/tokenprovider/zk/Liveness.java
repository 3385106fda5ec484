package io.ringkeeper.tokenprovider.zk;

/** What the live Cassandra peers' gossip says about one address. */
public enum Liveness {
    /** At least one live peer sees the address UP. */
    UP,
    /** Live peers know the address and agree it is DOWN. */
    DOWN,
    /** Live peers answered and none knows the address (it never joined, or was removed from the ring). */
    ABSENT,
    /** No live peer could be asked, or they disagree: nothing can be concluded. */
    UNKNOWN
}
