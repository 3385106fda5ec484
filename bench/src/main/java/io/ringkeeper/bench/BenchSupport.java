package io.ringkeeper.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the whole-process benchmarks share: where the checkout and its Cassandra are, and how runs are summed up. */
final class BenchSupport {
    /** The checkout (the run scripts pass {@code -Dringkeeper.root}). */
    static final Path ROOT = Path.of(System.getProperty("ringkeeper.root", ".")).toAbsolutePath().normalize();
    /** The Cassandra 5.0.9 that {@code mvn package} fetches for the end-to-end tests. */
    static final Path CASSANDRA_HOME = ROOT.resolve("e2e/target/cassandra-5.0.9");

    private BenchSupport() {
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(Comparator.naturalOrder());
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
