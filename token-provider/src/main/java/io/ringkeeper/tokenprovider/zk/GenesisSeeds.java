package io.ringkeeper.tokenprovider.zk;

import java.util.Collection;

/**
 * The one definition of a genesis seed, used by the claim (should this node start without the bootstrap lock?) and
 * by the seed lists (which nodes does everyone contact first?): while no slot of the DC is NORMAL, the holder of the
 * lowest slot held in each rack. Before the first NORMAL slot no node has data, so such a node starts as a seed
 * (it never bootstraps); every rack with a claimed slot gets one, even when the instance meant for the rack's first
 * slot is slow or never comes. Once a slot is NORMAL there are no genesis seeds: only NORMAL nodes are seeds.
 */
public final class GenesisSeeds {
    private GenesisSeeds() {
    }

    /**
     * @param slotsOfDc every held slot of the entry's DC, as read together (the entry among them)
     */
    public static boolean isGenesisSeed(Collection<SlotEntry> slotsOfDc, SlotEntry entry) {
        int lowestOfRack = Integer.MAX_VALUE;
        for (SlotEntry s : slotsOfDc) {
            if (s.record().state() == SlotState.NORMAL) {
                return false;
            }
            if (s.record().rack().equals(entry.record().rack())) {
                lowestOfRack = Math.min(lowestOfRack, s.slot());
            }
        }
        return entry.slot() == lowestOfRack;
    }

    /**
     * Whether a slot that is not NORMAL yet belongs in the seed lists: a genesis seed by {@link #isGenesisSeed}, or one
     * whose node started as a genesis seed ({@link SlotRecord#startedAsSeed}) and is still starting. The second keeps
     * the seeds of a DC being born from shrinking to its first NORMAL node and growing back, node by node, while the
     * others are still starting as seeds.
     */
    public static boolean isSeedWhileStarting(Collection<SlotEntry> slotsOfDc, SlotEntry entry) {
        return entry.record().state() != SlotState.NORMAL
                && (entry.record().startedAsSeed() || isGenesisSeed(slotsOfDc, entry));
    }
}
