package io.ringkeeper.tokenprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Murmur3RingTest {
    @Test
    void threeEvenTokensAreTheWellKnownOnes() {
        // The classic three-node Murmur3 layout every token calculator prints.
        assertThat(Murmur3Ring.tokenAt(0, 3, 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(Murmur3Ring.tokenAt(1, 3, 0)).isEqualTo(-3074457345618258603L);
        assertThat(Murmur3Ring.tokenAt(2, 3, 0)).isEqualTo(3074457345618258602L);
    }

    @Test
    void edgesOfTheRangeDoNotOverflow() {
        assertThat(Murmur3Ring.tokenAt(1, 2, 0)).isZero();
        // The last of 2^30 positions sits just one spacing below the maximum.
        long positions = 1L << 30;
        assertThat(Murmur3Ring.tokenAt(positions - 1, positions, 0)).isEqualTo(Long.MAX_VALUE - (1L << 34) + 1);
        assertThat(Murmur3Ring.wrap(Murmur3Ring.MAX.add(BigInteger.ONE))).isEqualTo(Long.MIN_VALUE);
        assertThat(Murmur3Ring.wrap(Murmur3Ring.MIN.subtract(BigInteger.ONE))).isEqualTo(Long.MAX_VALUE);
        // An offset pushing past the maximum wraps round to the minimum side.
        assertThat(Murmur3Ring.tokenAt(0, 1, -1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Murmur3Ring.distance(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(BigInteger.ONE);
        assertThat(Murmur3Ring.distance(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Murmur3Ring.SIZE.subtract(BigInteger.ONE));
        assertThat(Murmur3Ring.distance(5, 5)).isEqualTo(Murmur3Ring.SIZE);
    }

    @Test
    void positionsOutsideTheRingAreRejected() {
        assertThatThrownBy(() -> Murmur3Ring.tokenAt(3, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Murmur3Ring.tokenAt(-1, 3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Murmur3Ring.tokenAt(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doublingTheRingKeepsEveryToken() {
        for (long n : new long[] {1, 3, 6, 7, 12, 1000, 999_983}) {
            for (long p = 0; p < Math.min(n, 500); p++) {
                assertThat(Murmur3Ring.tokenAt(2 * p, 2 * n, 77)).as("position %d of %d", p, n)
                        .isEqualTo(Murmur3Ring.tokenAt(p, n, 77));
            }
        }
    }

    @Test
    void evenlySpacedTokensOwnEqualShares() {
        for (int n : new int[] {1, 3, 5, 7, 1000}) {
            List<Long> tokens = new java.util.ArrayList<>();
            for (int p = 0; p < n; p++) {
                tokens.add(Murmur3Ring.tokenAt(p, n, 12345));
            }
            Map<Long, Double> shares = Murmur3Ring.ownership(tokens);
            assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(Murmur3Ring.maxOverMin(shares.values())).isLessThan(1 + 1e-9);
        }
    }

    @Test
    void unevenTokensShowUnevenOwnership() {
        Map<Long, Double> shares = Murmur3Ring.ownership(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE / 2));
        assertThat(shares.get(Long.MIN_VALUE)).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(shares.get(0L)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Murmur3Ring.maxOverMin(shares.values())).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> Murmur3Ring.ownership(List.of(1L, 1L))).hasMessageContaining("duplicate");
    }

    @Test
    void dcOffsetsAreSmallPositiveAndDifferPerDc() {
        List<String> dcs = List.of("us-east-1", "us-west-2", "eu-west-1", "dc1", "dc2", "ap-south-1");
        assertThat(dcs.stream().map(DcOffset::of).distinct().count()).isEqualTo(dcs.size());
        for (String dc : dcs) {
            assertThat(DcOffset.of(dc)).isBetween(1L, (1L << 32) + 1).isEqualTo(DcOffset.of(dc));
        }
    }
}
