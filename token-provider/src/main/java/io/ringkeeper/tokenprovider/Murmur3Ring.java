package io.ringkeeper.tokenprovider;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Arithmetic on the Murmur3Partitioner ring: tokens are signed 64-bit values in [-2^63, 2^63-1] and the ring
 * wraps from the maximum back to the minimum. Everything that could overflow a {@code long} is done in
 * {@link BigInteger}; only results known to fit are narrowed.
 */
public final class Murmur3Ring {
    public static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    public static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Number of distinct tokens: 2^64. */
    public static final BigInteger SIZE = BigInteger.ONE.shiftLeft(64);

    private Murmur3Ring() {
    }

    /**
     * The token at {@code position} of a ring cut into {@code positions} equal parts, shifted by {@code offset}:
     * {@code MIN + floor(position * 2^64 / positions) + offset}, wrapped onto the ring. Because the floor is taken
     * of {@code position / positions}, position p of a ring of n parts has exactly the token of position 2p of a
     * ring of 2n parts: doubling a ring never moves an existing token.
     */
    public static long tokenAt(long position, long positions, long offset) {
        if (positions <= 0) {
            throw new IllegalArgumentException("positions must be positive, got " + positions);
        }
        if (position < 0 || position >= positions) {
            throw new IllegalArgumentException("position " + position + " is outside [0, " + positions + ")");
        }
        BigInteger step = BigInteger.valueOf(position).multiply(SIZE).divide(BigInteger.valueOf(positions));
        return wrap(MIN.add(step).add(BigInteger.valueOf(offset)));
    }

    /** Folds any integer onto the ring (mod 2^64, into the signed range). */
    public static long wrap(BigInteger value) {
        BigInteger shifted = value.subtract(MIN).mod(SIZE);
        return shifted.add(MIN).longValueExact();
    }

    /** The distance walking clockwise from {@code from} to {@code to}; 2^64 when they are equal (a full turn). */
    public static BigInteger distance(long from, long to) {
        BigInteger d = BigInteger.valueOf(to).subtract(BigInteger.valueOf(from)).mod(SIZE);
        return d.signum() == 0 ? SIZE : d;
    }

    /**
     * The share of the ring each token owns: a token owns the range from the previous token (exclusive) to itself
     * (inclusive), as Cassandra's primary ranges do. Shares sum to 1. Duplicates are rejected: they are a bug.
     */
    public static Map<Long, Double> ownership(Collection<Long> tokens) {
        TreeSet<Long> sorted = new TreeSet<>(tokens);
        if (sorted.size() != tokens.size()) {
            throw new IllegalArgumentException("duplicate tokens in " + tokens);
        }
        Map<Long, Double> shares = new LinkedHashMap<>();
        if (sorted.isEmpty()) {
            return shares;
        }
        List<Long> ring = new ArrayList<>(sorted);
        for (int i = 0; i < ring.size(); i++) {
            long previous = ring.get((i + ring.size() - 1) % ring.size());
            BigInteger owned = distance(previous, ring.get(i));
            shares.put(ring.get(i), ratio(owned, SIZE));
        }
        return shares;
    }

    /** {@code a / b} as a double without losing precision to an intermediate long overflow. */
    static double ratio(BigInteger a, BigInteger b) {
        return new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    /** The largest share over the smallest share of a set of per-node ownerships (1.0 = perfectly even). */
    public static double maxOverMin(Collection<Double> shares) {
        double max = shares.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = shares.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return max / min;
    }
}
