package io.ringkeeper.tokenprovider.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlotChooserTest {
    /** Rack 1 of 3 in a ring of 12: slots 1, 4, 7, 10. */
    private static final List<Integer> RACK = List.of(1, 4, 7, 10);

    @Test
    void aLoneClaimerGetsTheLowestFreeSlot() {
        assertThat(SlotChooser.pick(RACK, Set.of(), 0)).contains(1);
        assertThat(SlotChooser.pick(RACK, Set.of(1, 0, 2), 0)).contains(4);
        // A gap left by a released slot is filled first.
        assertThat(SlotChooser.pick(RACK, Set.of(1, 7), 0)).contains(4);
    }

    @Test
    void theKthClaimerInTheQueueGetsTheKthLowestFreeSlot() {
        assertThat(SlotChooser.pick(RACK, Set.of(4), 1)).contains(7);
        assertThat(SlotChooser.pick(RACK, Set.of(4), 2)).contains(10);
    }

    @Test
    void moreClaimersThanFreeSlotsTryTheHighestFreeOne() {
        assertThat(SlotChooser.pick(RACK, Set.of(1, 4), 5)).contains(10);
    }

    @Test
    void aFullRackHasNothingToTry() {
        assertThat(SlotChooser.pick(RACK, Set.of(1, 4, 7, 10), 0)).isEmpty();
    }

    /**
     * The reason ranks are used: claimers that read the registry at different moments, while others ahead of them
     * finish, still aim at distinct slots, and together fill exactly the lowest ones.
     */
    @Test
    void queuedClaimersAimAtDistinctSlotsWhateverMomentTheyLook() {
        List<Integer> rack = List.of(0, 3, 6, 9, 12, 15, 18, 21);
        Set<Integer> held = new HashSet<>(Set.of(3)); // one slot already held, not the lowest
        int queued = 5;
        Set<Integer> targets = new HashSet<>();
        // Claimer i looks after the i claimers ahead of it have already taken their slots (rank 0 then),
        // and also before any of them has (rank i): both views give the same slot.
        Set<Integer> growing = new HashSet<>(held);
        for (int i = 0; i < queued; i++) {
            int early = SlotChooser.pick(rack, held, i).orElseThrow();
            int late = SlotChooser.pick(rack, growing, 0).orElseThrow();
            assertThat(late).isEqualTo(early);
            targets.add(early);
            growing.add(early);
        }
        assertThat(targets).containsExactlyInAnyOrder(0, 6, 9, 12, 15);
    }
}
