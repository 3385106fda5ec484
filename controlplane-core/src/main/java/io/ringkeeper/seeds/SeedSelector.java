package io.ringkeeper.seeds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which nodes are seeds: per DC, three, or one per rack when the DC has more than three racks, never more
 * than the DC has nodes. Only NORMAL nodes qualify, except genesis seeds (the holder of the lowest slot held
 * in each rack of a DC with no NORMAL node yet). Seeds are spread over racks round-robin, lowest slot first within a rack,
 * so a rack outage does not take every seed and the list is stable from one call to the next.
 */
public final class SeedSelector {
    static final int SEEDS_PER_DC = 3;

    /** The seeds of every DC, as addresses, in a stable order (DC by name, then rack round-robin). */
    public List<String> select(List<SeedCandidate> nodes) {
        Map<String, List<SeedCandidate>> byDc = nodes.stream()
                .collect(Collectors.groupingBy(SeedCandidate::dc, TreeMap::new, Collectors.toList()));
        List<String> seeds = new ArrayList<>();
        byDc.values().forEach(dc -> seeds.addAll(selectInDc(dc)));
        return seeds;
    }

    private static List<String> selectInDc(List<SeedCandidate> dc) {
        long racks = dc.stream().map(SeedCandidate::rack).distinct().count();
        int wanted = (int) Math.min(racks > SEEDS_PER_DC ? racks : SEEDS_PER_DC, dc.size());
        List<SeedCandidate> eligible = dc.stream().filter(n -> n.normal() || n.genesisSeed()).toList();

        // Racks in the order of their first node on the ring; each rack's nodes lowest slot first.
        Map<String, List<SeedCandidate>> byRack = new TreeMap<>();
        eligible.stream().sorted(Comparator.comparingInt(SeedCandidate::order))
                .forEach(n -> byRack.computeIfAbsent(n.rack(), r -> new ArrayList<>()).add(n));
        List<List<SeedCandidate>> queues = new ArrayList<>(byRack.values());
        queues.sort(Comparator.comparingInt(q -> q.get(0).order()));

        List<String> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < wanted; round++) {
            boolean any = false;
            for (List<SeedCandidate> rack : queues) {
                if (round < rack.size() && chosen.size() < wanted) {
                    chosen.add(rack.get(round).address());
                    any = true;
                }
            }
            if (!any) {
                break; // fewer eligible nodes than wanted: all of them
            }
        }
        return chosen;
    }
}
