package io.ringkeeper.tokenprovider.zk;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which free slot of its rack a new claimer tries: the k-th lowest free slot, k being the number of claimers of the
 * same rack queued ahead of it ({@link ClaimIntent#rank}).
 *
 * <p>Why the k-th and not the lowest: with many simultaneous claimers, "lowest" makes them all race for one slot and
 * all but one lose, over and over. Why still compact: the k claimers ahead each take one of the k lowest free slots
 * (by the same rule, from the same or an earlier view), so the slots taken are always the lowest ones; a lone
 * claimer has k = 0 and gets the lowest free slot.
 */
final class SlotChooser {
    private SlotChooser() {
    }

    /**
     * @param rackSlots the rack's slots, lowest first
     * @param held      every held slot of the DC
     * @param rank      claimers of this rack queued ahead of this one
     * @return the slot to try; empty when the rack has no free slot. With more claimers ahead than free slots the
     *         highest free slot is tried: it is the one the last of them would take, and losing it to them is only
     *         a retry, while someone ahead that gives up leaves it free
     */
    static Optional<Integer> pick(List<Integer> rackSlots, Set<Integer> held, int rank) {
        Integer last = null;
        int free = 0;
        for (int slot : rackSlots) {
            if (held.contains(slot)) {
                continue;
            }
            if (free == rank) {
                return Optional.of(slot);
            }
            free++;
            last = slot;
        }
        return Optional.ofNullable(last);
    }
}
