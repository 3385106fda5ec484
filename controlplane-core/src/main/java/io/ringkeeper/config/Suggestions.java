package io.ringkeeper.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?" for a misspelt name among the known ones: config keys, query parameters. */
public final class Suggestions {
    /** No known name is this long: a longer one is not a typo, and the distance table would be large. */
    private static final int LONGEST = 64;

    private Suggestions() {
    }

    /** The known name closest to {@code unknown}, when it is close enough to be a typo of it. */
    public static Optional<String> closest(String unknown, Collection<String> known) {
        if (unknown.length() > LONGEST || known.isEmpty()) {
            return Optional.empty();
        }
        String closest = known.stream().min(Comparator.comparingInt((String n) -> distance(n, unknown))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
        return distance(closest, unknown) <= Math.max(2, unknown.length() / 3) ? Optional.of(closest) : Optional.empty();
    }

    /** Levenshtein distance; names are short, so the quadratic table is fine. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
