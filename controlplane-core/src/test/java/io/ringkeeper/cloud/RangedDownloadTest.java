package io.ringkeeper.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store-independent range engine against an in-memory source that can break a body mid-way or answer the wrong
 * range. The S3 store's contract and fault tests run it against s3proxy.
 */
class RangedDownloadTest {
    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final byte[] object = new byte[1_000_003];

    {
        new Random(3).nextBytes(object);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** The object in memory; records every open, and can cut the first body of one range short. */
    private final class Memory implements RangedDownload.Source {
        final List<String> opens = new CopyOnWriteArrayList<>();
        final AtomicBoolean breakOnce = new AtomicBoolean();
        long breakAt = -1;
        long answerFrom = -1;

        @Override
        public RangedDownload.Answer open(long offset, long end, String version) {
            opens.add(offset + "-" + end + "@" + version);
            int to = (int) Math.min(end, object.length);
            long from = answerFrom >= 0 && offset > 0 ? answerFrom : offset;
            InputStream body = new ByteArrayInputStream(object, (int) from, to - (int) from);
            if (offset == breakAt && breakOnce.compareAndSet(false, true)) {
                body = new InputStream() { // 1000 bytes, then the connection "resets"
                    private int left = 1000;
                    private final InputStream in = new ByteArrayInputStream(object, (int) offset, to - (int) offset);

                    @Override
                    public int read() throws IOException {
                        if (left-- <= 0) {
                            throw new IOException("connection reset");
                        }
                        return in.read();
                    }
                };
            }
            return new RangedDownload.Answer(body, object.length, "v1", Map.of("k", "v"), from);
        }

        @Override
        public String describe() {
            return "mem://object";
        }
    }

    private static long crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return c.getValue();
    }

    @Test
    void rangesArePinnedToTheFirstAnswersVersionAndABrokenBodyResumesWhereItStopped() throws Exception {
        Memory source = new Memory();
        source.breakAt = 300_000;
        Path target = dir.resolve("object");

        RangedDownload.Result r = RangedDownload.download(source, target, 300_000, pool, 3, Transfer.unlimited(), x -> { });

        assertThat(Files.readAllBytes(target)).isEqualTo(object);
        assertThat(r.size()).isEqualTo(object.length);
        assertThat(r.crc32c()).as("combined from the ranges' sums").isEqualTo(crc(object));
        assertThat(r.metadata()).containsEntry("k", "v");
        assertThat(source.opens).contains("0-300000@null", "301000-600000@v1")
                .as("one GET per range, plus the resumed one").hasSize(5);
    }

    @Test
    void theSinkSeesEveryByteOnceInOrderEvenWhenARangeIsResumed() throws Exception {
        Memory source = new Memory();
        source.breakAt = 600_000; // a range in the middle breaks and resumes
        Path target = dir.resolve("object");
        java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
        List<Boolean> targetThereWhileFeeding = new CopyOnWriteArrayList<>();

        RangedDownload.download(source, target, 300_000, pool, 3, Transfer.unlimited(), x -> { }, (b, off, n) -> {
            targetThereWhileFeeding.add(Files.exists(target));
            seen.write(b, off, n);
        });

        assertThat(seen.toByteArray()).isEqualTo(object);
        assertThat(targetThereWhileFeeding).as("fed before the file is put in place").doesNotContain(true);
    }

    @Test
    void aSinkThatFailsFailsTheDownloadAndLeavesNothing() {
        Path target = dir.resolve("object");
        assertThatThrownBy(() -> RangedDownload.download(new Memory(), target, 300_000, pool, 3, Transfer.unlimited(), x -> { },
                (b, off, n) -> {
                    throw new IOException("hash says no");
                })).hasMessage("hash says no");
        assertThat(target).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anAnswerForAnotherRangeFailsAtOnceAndLeavesNothing() {
        Memory source = new Memory();
        source.answerFrom = 0; // a store that ignores Range past the first
        Path target = dir.resolve("object");

        assertThatThrownBy(() -> RangedDownload.download(source, target, 300_000, pool, 5, Transfer.unlimited(), x -> { }))
                .isInstanceOf(RangedDownload.Fatal.class).hasMessageContaining("with bytes from 0");
        assertThat(source.opens.stream().filter(o -> o.startsWith("300000-"))).as("not retried").hasSize(1);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aFailedCheckOfTheWholeLeavesNothingAtTheTarget() {
        Path target = dir.resolve("object");
        assertThatThrownBy(() -> RangedDownload.download(new Memory(), target, 300_000, pool, 3, Transfer.unlimited(), x -> {
            throw new IOException("checksum mismatch");
        })).hasMessage("checksum mismatch");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
