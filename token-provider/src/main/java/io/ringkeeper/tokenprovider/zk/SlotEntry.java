package io.ringkeeper.tokenprovider.zk;

/**
 * One slot as read from ZooKeeper.
 *
 * @param slot    the slot number in the DC's current layout
 * @param record  what the slot znode holds
 * @param version the znode's data version (what a compare-and-set must name)
 */
public record SlotEntry(int slot, SlotRecord record, int version) {
}
