package io.ringkeeper.cloud;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The whole-object checksum object stores record at write time and check on whole reads: CRC32C, which
 * the JVM computes with the CPU's crc32 instruction (several GB/s), written as 8 lowercase hex digits.
 */
public final class ObjectChecksums {
    private static final int BUFFER = 1 << 20;

    private ObjectChecksums() {
    }

    public static String crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return format(crc.getValue());
    }

    /**
     * The CRC32C of each {@code partSize} slice of the file, in order (the last slice may be shorter), in one
     * sequential pass: what a multipart upload sends with each part, and, combined ({@link #combineCrc32c}), the
     * whole file's.
     */
    public static List<Long> crc32cOfParts(Path file, long partSize) throws IOException {
        if (partSize <= 0) {
            throw new IllegalArgumentException("part size must be positive, got " + partSize);
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int count = (int) Math.max(1, (size + partSize - 1) / partSize);
            List<Long> crcs = new ArrayList<>(count);
            for (int part = 0; part < count; part++) {
                CRC32C crc = new CRC32C();
                long left = Math.min(partSize, size - part * partSize);
                while (left > 0) {
                    buf.clear().limit((int) Math.min(buf.capacity(), left));
                    int n = ch.read(buf);
                    if (n < 0) {
                        throw new IOException(file + " became shorter while it was read (expected " + size + " bytes)");
                    }
                    buf.flip();
                    crc.update(buf);
                    left -= n;
                }
                crcs.add(crc.getValue());
            }
            return crcs;
        }
    }

    /**
     * The CRC32C of a whole object from those of its consecutive parts: every part {@code partSize} bytes long but the
     * last, which holds the rest of {@code size}.
     */
    public static long combineParts(List<Long> partCrcs, long partSize, long size) {
        long whole = partCrcs.get(0);
        for (int i = 1; i < partCrcs.size(); i++) {
            whole = combineCrc32c(whole, partCrcs.get(i), Math.min(partSize, size - i * partSize));
        }
        return whole;
    }

    /** A CRC32C as S3's {@code x-amz-checksum-crc32c} carries it: the four bytes, big-endian, in base64. */
    public static String base64(long crc32c) {
        byte[] bytes = {(byte) (crc32c >>> 24), (byte) (crc32c >>> 16), (byte) (crc32c >>> 8), (byte) crc32c};
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    public static String crc32c(byte[] contents) {
        CRC32C crc = new CRC32C();
        crc.update(contents);
        return format(crc.getValue());
    }

    /**
     * The CRC32C of A followed by B, from the CRC32C of A, that of B and B's length: lets parts fetched in parallel be
     * checked as one object without reading them again. Arithmetic over GF(2): appending n zero bits to a CRC is a
     * linear map, built by repeated squaring of the one-zero-bit map (log n matrix products of 32 x 32 bits).
     */
    public static long combineCrc32c(long crcA, long crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        int[] even = new int[32];
        int[] odd = new int[32];
        odd[0] = 0x82F63B78; // the reflected CRC32C polynomial: the map for one zero bit
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        int crc = (int) crcA;
        long bytes = lengthB;
        do {
            square(even, odd); // first pass: one zero byte
            if ((bytes & 1) != 0) {
                crc = times(even, crc);
            }
            bytes >>>= 1;
            if (bytes == 0) {
                break;
            }
            square(odd, even);
            if ((bytes & 1) != 0) {
                crc = times(odd, crc);
            }
            bytes >>>= 1;
        } while (bytes != 0);
        return (crc ^ (int) crcB) & 0xFFFFFFFFL;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(int[] result, int[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }

    public static String format(long crc32c) {
        return String.format("%08x", crc32c);
    }
}
