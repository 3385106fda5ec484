package io.ringkeeper.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedSelectorTest {
    private final SeedSelector selector = new SeedSelector();

    /** n NORMAL nodes in dc, racks assigned round-robin as the slot layout does (slot i → rack i % racks). */
    private static List<SeedCandidate> ring(String dc, int nodes, int racks, String base) {
        List<SeedCandidate> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            out.add(new SeedCandidate(base + (i + 1), dc, "rack" + (i % racks + 1), i, true, false));
        }
        return out;
    }

    @Test
    void threeSeedsPerDcSpreadOverRacks() {
        assertThat(selector.select(ring("dc1", 9, 3, "10.0.0."))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void oneRackStillGivesThreeSeeds() {
        assertThat(selector.select(ring("dc1", 5, 1, "10.0.0."))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void twoRacksGiveThreeSeedsAlternatingRacks() {
        // slots: 1→rack1, 2→rack2, 3→rack1, 4→rack2
        assertThat(selector.select(ring("dc1", 4, 2, "10.0.0."))).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void moreThanThreeRacksGiveOneSeedPerRack() {
        assertThat(selector.select(ring("dc1", 10, 5, "10.0.0.")))
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5");
    }

    @Test
    void neverMoreSeedsThanNodes() {
        assertThat(selector.select(ring("dc1", 2, 3, "10.0.0."))).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void onlyNormalNodesAreSeeds() {
        List<SeedCandidate> nodes = new ArrayList<>(ring("dc1", 3, 3, "10.0.0."));
        nodes.set(1, new SeedCandidate("10.0.0.2", "dc1", "rack2", 1, false, false)); // joining
        nodes.add(new SeedCandidate("10.0.0.4", "dc1", "rack1", 3, true, false));
        assertThat(selector.select(nodes)).containsExactly("10.0.0.1", "10.0.0.3", "10.0.0.4");
    }

    @Test
    void atGenesisTheFirstNodeOfEachRackSeedsBeforeItIsNormal() {
        List<SeedCandidate> nodes = List.of(
                new SeedCandidate("10.0.0.1", "dc1", "rack1", 0, false, true),
                new SeedCandidate("10.0.0.2", "dc1", "rack2", 1, false, true),
                new SeedCandidate("10.0.0.3", "dc1", "rack3", 2, false, true),
                new SeedCandidate("10.0.0.4", "dc1", "rack1", 3, false, false));
        assertThat(selector.select(nodes)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void everyDcHasItsOwnSeedsAndTheOrderIsStable() {
        List<SeedCandidate> nodes = new ArrayList<>(ring("dc2", 4, 2, "10.1.0."));
        nodes.addAll(ring("dc1", 3, 3, "10.0.0."));
        List<String> first = selector.select(nodes);
        assertThat(first).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.1.0.1", "10.1.0.2", "10.1.0.3");
        java.util.Collections.reverse(nodes);
        assertThat(selector.select(nodes)).as("input order does not matter").isEqualTo(first);
    }

    @Test
    void noNodesNoSeeds() {
        assertThat(selector.select(List.of())).isEmpty();
    }
}
