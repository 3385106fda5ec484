package io.ringkeeper.bench.hash;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;

/**
 * Which content hash for backup blobs: throughput of every candidate of at least 128 bits on the same bytes, in the
 * same run, one thread (uploads hash several files at once, so per-core speed is what counts), data in memory so the
 * disk is not what is measured. CRC32C is shown for scale only: it is not a content hash (it detects accidents, not
 * collisions). Rounds alternate the order of the candidates; the figure is the median of the rounds, with the range.
 */
public final class ContentHashBenchmark {
    private interface Hasher {
        void update(byte[] buf, int off, int len);

        byte[] finish();
    }

    private static Hasher jdk(String algorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return new Hasher() {
                public void update(byte[] buf, int off, int len) {
                    md.update(buf, off, len);
                }

                public byte[] finish() {
                    return md.digest();
                }
            };
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Hasher bc(Digest d) {
        return new Hasher() {
            public void update(byte[] buf, int off, int len) {
                d.update(buf, off, len);
            }

            public byte[] finish() {
                byte[] out = new byte[d.getDigestSize()];
                d.doFinal(out, 0);
                return out;
            }
        };
    }

    private static Hasher crc32c() {
        CRC32C crc = new CRC32C();
        return new Hasher() {
            public void update(byte[] buf, int off, int len) {
                crc.update(buf, off, len);
            }

            public byte[] finish() {
                return ByteBuffer.allocate(8).putLong(crc.getValue()).array();
            }
        };
    }

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] data = new byte[mib << 20];
        new Random(42).nextBytes(data);
        Map<String, Supplier<Hasher>> candidates = new LinkedHashMap<>();
        candidates.put("SHA-256 (JDK)", () -> jdk("SHA-256"));
        candidates.put("SHA-512/256 (JDK)", () -> jdk("SHA-512/256"));
        candidates.put("SHA3-256 (JDK)", () -> jdk("SHA3-256"));
        candidates.put("BLAKE2b-256 (Bouncy Castle)", () -> bc(new Blake2bDigest(256)));
        candidates.put("BLAKE3-256 (Bouncy Castle)", () -> bc(new Blake3Digest(256)));
        candidates.put("MD5 (JDK; 128 bits, broken)", () -> jdk("MD5"));
        candidates.put("CRC32C (JDK; scale only)", ContentHashBenchmark::crc32c);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        candidates.keySet().forEach(k -> rates.put(k, new ArrayList<>()));
        List<String> order = new ArrayList<>(candidates.keySet());
        for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT and is not counted
            if (round % 2 == 1) {
                Collections.reverse(order);
            }
            for (String name : order) {
                Hasher h = candidates.get(name).get();
                long t0 = System.nanoTime();
                for (int off = 0; off < data.length; off += 1 << 20) {
                    h.update(data, off, 1 << 20); // 1 MiB at a time, as an upload reads
                }
                h.finish();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round > 0) {
                    rates.get(name).add(mib / seconds);
                }
            }
        }
        System.out.printf("%d MiB in memory, %d rounds, one thread (%s, %d cores)%n", mib, rounds,
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            List<Double> r = new ArrayList<>(e.getValue());
            Collections.sort(r);
            System.out.printf("  %-30s median %7.0f MiB/s  (%.0f-%.0f)%n", e.getKey(), r.get(r.size() / 2), r.get(0), r.get(r.size() - 1));
        }
    }
}
