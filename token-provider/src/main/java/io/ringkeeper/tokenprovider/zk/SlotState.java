package io.ringkeeper.tokenprovider.zk;

/**
 * Where a slot's owner is in joining the ring. States only move forward (skipping is allowed, e.g. a genesis
 * seed that never bootstraps may go from CLAIMED to NORMAL).
 *
 * <ul>
 *   <li>CLAIMED: the slot is held, Cassandra has not been started with its tokens yet.</li>
 *   <li>BOOTSTRAPPING: the daemon is about to start (or has started) Cassandra with these tokens. The daemon must
 *       record this state <em>before</em> it starts Cassandra: a replacement decision relies on CLAIMED meaning
 *       "these tokens were never announced in gossip".</li>
 *   <li>NORMAL: Cassandra reported NORMAL and joined; the node is part of the ring.</li>
 * </ul>
 */
public enum SlotState {
    CLAIMED,
    BOOTSTRAPPING,
    NORMAL;

    boolean canMoveTo(SlotState next) {
        return next.ordinal() >= ordinal();
    }
}
