package io.ringkeeper.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ObjectChecksumsTest {

    private static long crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return c.getValue();
    }

    @Test
    void theCrcOfPartsCombinedIsTheCrcOfTheWhole() {
        Random random = new Random(7);
        byte[] data = new byte[3 << 20];
        random.nextBytes(data);
        long whole = crc(data, 0, data.length);
        for (int cut : new int[] {0, 1, 7, 4096, 1 << 20, data.length - 1, data.length}) {
            long combined = ObjectChecksums.combineCrc32c(crc(data, 0, cut), crc(data, cut, data.length), data.length - cut);
            assertThat(combined).as("cut at " + cut).isEqualTo(whole);
        }
    }

    @Test
    void manyRangesCombineInOrder() {
        Random random = new Random(11);
        byte[] data = new byte[1_000_003];
        random.nextBytes(data);
        long combined = 0;
        int part = 65_536;
        for (int offset = 0; offset < data.length; offset += part) {
            int end = Math.min(data.length, offset + part);
            combined = offset == 0 ? crc(data, 0, end) : ObjectChecksums.combineCrc32c(combined, crc(data, offset, end), end - offset);
        }
        assertThat(combined).isEqualTo(crc(data, 0, data.length));
    }

    @Test
    void aChangedByteChangesTheCombinedCrc() {
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 3);
        long good = ObjectChecksums.combineCrc32c(crc(data, 0, 50_000), crc(data, 50_000, 100_000), 50_000);
        data[75_000] = 4;
        long bad = ObjectChecksums.combineCrc32c(crc(data, 0, 50_000), crc(data, 50_000, 100_000), 50_000);
        assertThat(bad).isNotEqualTo(good);
    }
}
