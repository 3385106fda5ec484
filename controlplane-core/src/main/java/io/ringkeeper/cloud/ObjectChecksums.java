package io.ringkeeper.cloud;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    public static String crc32c(byte[] contents) {
        CRC32C crc = new CRC32C();
        crc.update(contents);
        return format(crc.getValue());
    }

    public static String format(long crc32c) {
        return String.format("%08x", crc32c);
    }
}
