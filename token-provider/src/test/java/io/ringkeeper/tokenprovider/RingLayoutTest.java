package io.ringkeeper.tokenprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RingLayoutTest {
    private static final List<String> THREE_RACKS = List.of("a", "b", "c");

    @Test
    void rackROwnsSlotsRPlusMultiplesOfR() {
        RingLayout layout = RingLayout.plan("dc1", 9, THREE_RACKS, 1);
        assertThat(layout.slotsOfRack(0)).containsExactly(0, 3, 6);
        assertThat(layout.slotsOfRack(1)).containsExactly(1, 4, 7);
        assertThat(layout.slotsOfRack(2)).containsExactly(2, 5, 8);
        assertThat(layout.rackOf(4)).isEqualTo("b");
    }

    @Test
    void fullRingGivesEveryNodeTheSameShare() {
        for (int numTokens : new int[] {1, 4, 16}) {
            RingLayout layout = RingLayout.plan("dc1", 12, THREE_RACKS, numTokens);
            assertThat(nodeShares(layout).values()).allSatisfy(s -> assertThat(s).isCloseTo(1.0 / 12, org.assertj.core.data.Offset.offset(1e-12)));
            assertThat(Murmur3Ring.maxOverMin(nodeShares(layout).values())).isLessThan(1 + 1e-9);
        }
    }

    @Test
    void aNodesTokensAreSpreadOneRingSizeApart() {
        RingLayout layout = RingLayout.plan("dc1", 6, THREE_RACKS, 4);
        List<Long> tokens = layout.tokensOf(2);
        assertThat(tokens).hasSize(4).isSorted();
        for (int k = 0; k < 4; k++) {
            assertThat(tokens.get(k)).isEqualTo(Murmur3Ring.tokenAt(2 + 6L * k, 24, layout.offset()));
        }
    }

    @Test
    void doublingKeepsTokensAndOwnershipAndInterleavingWithOddRackCounts() {
        for (int racks : new int[] {1, 3, 5}) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < racks; i++) {
                names.add("r" + i);
            }
            RingLayout layout = RingLayout.plan("dc-x", racks * 2, names, 2);
            for (int g = 0; g < 4; g++) {
                RingLayout next = layout.doubled();
                for (int s = 0; s < layout.ringSize(); s++) {
                    int moved = RingLayout.slotAfterDoubling(s);
                    assertThat(next.tokensOf(moved)).isEqualTo(layout.tokensOf(s));
                    assertThat(next.rackOf(moved)).isEqualTo(layout.rackOf(s));
                }
                assertNeighboursInDifferentRacks(next);
                assertEveryRackHasAnEqualShare(next);
                assertThat(Murmur3Ring.maxOverMin(nodeShares(next).values())).isLessThan(1 + 1e-9);
                layout = next;
            }
        }
    }

    @Test
    void doublingWithAnEvenRackCountKeepsSharesEqual() {
        RingLayout layout = RingLayout.plan("dc-x", 4, List.of("a", "b"), 1);
        for (int g = 0; g < 3; g++) {
            RingLayout next = layout.doubled();
            for (int s = 0; s < layout.ringSize(); s++) {
                assertThat(next.rackOf(2 * s)).isEqualTo(layout.rackOf(s));
            }
            assertEveryRackHasAnEqualShare(next);
            layout = next;
        }
        assertThat(layout.generation()).isEqualTo(3);
    }

    @Test
    void twoDcsNeverShareAToken() {
        RingLayout east = RingLayout.plan("us-east-1", 12, THREE_RACKS, 4);
        RingLayout west = RingLayout.plan("us-west-2", 24, THREE_RACKS, 4);
        Set<Long> all = new HashSet<>();
        int count = 0;
        for (RingLayout l : List.of(east, west)) {
            for (int s = 0; s < l.ringSize(); s++) {
                all.addAll(l.tokensOf(s));
                count += l.numTokens();
            }
        }
        assertThat(all).hasSize(count);
    }

    @Test
    void badPlansAreRejectedWithTheReason() {
        assertThatThrownBy(() -> RingLayout.plan("d", 10, THREE_RACKS, 1)).hasMessageContaining("multiple of the 3 racks");
        assertThatThrownBy(() -> RingLayout.plan("d", 3, List.of(), 1)).hasMessageContaining("at least one rack");
        assertThatThrownBy(() -> RingLayout.plan("d", 3, List.of("a", "a", "b"), 1)).hasMessageContaining("twice");
        assertThatThrownBy(() -> RingLayout.plan("d", 3, THREE_RACKS, 0)).hasMessageContaining("num_tokens");
        assertThatThrownBy(() -> new RingLayout(9, 3, THREE_RACKS, 1, 1)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> RingLayout.plan("d", 3, THREE_RACKS, 1).rackIndex("z")).hasMessageContaining("not one of");
    }

    private static Map<Integer, Double> nodeShares(RingLayout layout) {
        Map<Long, Integer> owner = new HashMap<>();
        for (int s = 0; s < layout.ringSize(); s++) {
            for (long t : layout.tokensOf(s)) {
                owner.put(t, s);
            }
        }
        Map<Integer, Double> shares = new HashMap<>();
        Murmur3Ring.ownership(owner.keySet()).forEach((t, share) -> shares.merge(owner.get(t), share, Double::sum));
        return shares;
    }

    private static void assertNeighboursInDifferentRacks(RingLayout layout) {
        if (layout.racks().size() == 1) {
            return;
        }
        for (int s = 0; s < layout.ringSize(); s++) {
            int next = (s + 1) % layout.ringSize();
            assertThat(layout.rackIndexOf(s)).as("slots %d and %d of %s", s, next, layout).isNotEqualTo(layout.rackIndexOf(next));
        }
    }

    private static void assertEveryRackHasAnEqualShare(RingLayout layout) {
        for (int r = 0; r < layout.racks().size(); r++) {
            assertThat(layout.slotsOfRack(r)).hasSize(layout.ringSize() / layout.racks().size());
        }
    }
}
