package io.ringkeeper.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aFileIsChecksummedPartByPartInOnePass(@TempDir Path dir) throws Exception {
        byte[] data = new byte[2_500_000];
        new Random(5).nextBytes(data);
        Path file = Files.write(dir.resolve("f"), data);
        List<Long> parts = ObjectChecksums.crc32cOfParts(file, 1_000_000);
        assertThat(parts).containsExactly(crc(data, 0, 1_000_000), crc(data, 1_000_000, 2_000_000),
                crc(data, 2_000_000, 2_500_000));
        assertThat(ObjectChecksums.combineParts(parts, 1_000_000, data.length)).isEqualTo(crc(data, 0, data.length));
        // An empty file is one empty part, as it is one empty object.
        assertThat(ObjectChecksums.crc32cOfParts(Files.write(dir.resolve("empty"), new byte[0]), 1_000_000))
                .containsExactly(0L);
    }

    @Test
    void s3CarriesTheCrcAsFourBigEndianBytesInBase64() {
        // The CRC32C of "123456789" is the standard check value 0xE3069283.
        long check = crc("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9);
        assertThat(check).isEqualTo(0xE3069283L);
        assertThat(ObjectChecksums.base64(check)).isEqualTo("4waSgw==");
    }
}
