package io.ringkeeper.tokenprovider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The per-DC shift added to every token of a data centre, so two DCs laid out on the same grid never share a
 * token. It is derived from the DC name alone (every daemon computes the same value with no coordination) and is
 * at least 1 and below 2^32 + 1: tiny next to the slot spacing (2^64 / positions, at least 2^34 because
 * {@link RingLayout} caps positions at 2^30), so a shifted token never reaches the next position. It is never 0
 * so no node sits on Long.MIN_VALUE, which Murmur3Partitioner reserves as its minimum token.
 */
public final class DcOffset {
    private DcOffset() {
    }

    public static long of(String dc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dc.getBytes(StandardCharsets.UTF_8));
            long unsigned32 = ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16)
                    | ((digest[2] & 0xFFL) << 8) | (digest[3] & 0xFFL);
            return 1 + unsigned32;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
