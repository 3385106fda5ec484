package io.ringkeeper.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ObjectStore} must do, whatever is behind it (a directory, S3, GCS). A store module's test
 * extends this class and supplies an empty store, the part size it splits large objects at, and a way to damage
 * a stored object behind the store's back.
 */
public abstract class ObjectStoreContract {

    @TempDir
    protected Path dir;

    protected ObjectStore store;

    /** An empty store; called before each test. */
    protected abstract ObjectStore newStore() throws Exception;

    /**
     * The size above which the store splits objects into parts (multipart upload, ranged download); the
     * contract writes objects of several parts. Stores that do not split return a small value anyway.
     */
    protected abstract int partSize();

    /** Flips a byte of the stored object {@code key} without going through the store (bit rot, a bad copy). */
    protected abstract void corruptStoredObject(String key) throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private Path file(String name, byte[] contents) throws IOException {
        return Files.write(dir.resolve(name), contents);
    }

    /** A few parts plus an odd tail, so the last part is short. */
    private int multipartSize() {
        return partSize() * 3 + 12_345;
    }

    @Test
    void zeroByteObjectsRoundTrip() throws Exception {
        store.put("empty/bytes", new byte[0]);
        store.put("empty/file", file("empty", new byte[0]));

        assertThat(store.getBytes("empty/bytes")).isEmpty();
        Path target = dir.resolve("out");
        store.get("empty/file", target);
        assertThat(target).exists().isEmptyFile();
        assertThat(store.head("empty/file")).get().extracting(ObjectInfo::size).isEqualTo(0L);
        assertThat(store.list("empty/")).extracting(ObjectInfo::key).containsExactly("empty/bytes", "empty/file");
        try (InputStream in = store.openRange("empty/file", 0, 10)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void smallObjectRoundTrips() throws Exception {
        byte[] contents = random(1000, 1);
        store.put("a/small", contents);

        assertThat(store.getBytes("a/small")).isEqualTo(contents);
        ObjectInfo info = store.head("a/small").orElseThrow();
        assertThat(info.key()).isEqualTo("a/small");
        assertThat(info.size()).isEqualTo(1000);
        assertThat(info.lastModified()).isNotNull();
    }

    @Test
    void multipartObjectRoundTripsThroughFiles() throws Exception {
        byte[] contents = random(multipartSize(), 2);
        store.put("big/object.db", file("source", contents));

        assertThat(store.head("big/object.db")).get().extracting(ObjectInfo::size).isEqualTo((long) contents.length);
        Path target = dir.resolve("restored/object.db");
        Files.createDirectories(target.getParent());
        store.get("big/object.db", target);
        assertThat(Files.readAllBytes(target)).isEqualTo(contents);
        assertThat(store.getBytes("big/object.db")).isEqualTo(contents);
        // The download went to a temp file beside the target and was renamed: nothing else is left there.
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void rangedReadsReturnTheRequestedBytes() throws Exception {
        byte[] contents = random(multipartSize(), 3);
        store.put("big/ranged", file("source", contents));

        int p = partSize();
        assertThat(range("big/ranged", 0, 10)).isEqualTo(slice(contents, 0, 10));
        // across a part boundary
        assertThat(range("big/ranged", p - 100, 200)).isEqualTo(slice(contents, p - 100, 200));
        // past the end: fewer bytes
        assertThat(range("big/ranged", contents.length - 5, 100)).isEqualTo(slice(contents, contents.length - 5, 5));
        assertThat(range("big/ranged", contents.length, 100)).isEmpty();
        assertThat(range("big/ranged", 5, 0)).isEmpty();
    }

    private byte[] range(String key, long offset, long length) throws IOException {
        try (InputStream in = store.openRange(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    private static byte[] slice(byte[] b, int from, int length) {
        return java.util.Arrays.copyOfRange(b, from, from + length);
    }

    @Test
    void listsByPrefixInKeyOrder() throws Exception {
        for (String key : List.of("b/4", "a/2", "ab/3", "a/1", "a/sub/5")) {
            store.put(key, key.getBytes());
        }
        assertThat(store.list("a/")).extracting(ObjectInfo::key).containsExactly("a/1", "a/2", "a/sub/5");
        assertThat(store.list("a")).extracting(ObjectInfo::key).containsExactly("a/1", "a/2", "a/sub/5", "ab/3");
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a/1", "a/2", "a/sub/5", "ab/3", "b/4");
        assertThat(store.list("c/")).isEmpty();
        assertThat(store.list("a/")).extracting(ObjectInfo::size).containsExactly(3L, 3L, 7L);
    }

    @Test
    void listsMoreThanOneThousandKeys() throws Exception {
        int count = 1_050;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = String.format("many/%05d", i);
                puts.add(pool.submit(() -> {
                    store.put(key, new byte[] {1});
                    return null;
                }));
            }
            for (Future<?> f : puts) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        store.put("other/x", new byte[] {1});

        List<ObjectInfo> listed = store.list("many/");
        assertThat(listed).hasSize(count);
        assertThat(listed.get(0).key()).isEqualTo("many/00000");
        assertThat(listed.get(count - 1).key()).isEqualTo(String.format("many/%05d", count - 1));
        assertThat(listed).extracting(ObjectInfo::key).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void overwriteReplacesTheObject() throws Exception {
        store.put("k", file("first", random(multipartSize(), 4)));
        byte[] second = random(700, 5);
        store.put("k", second);

        assertThat(store.getBytes("k")).isEqualTo(second);
        assertThat(store.head("k")).get().extracting(ObjectInfo::size).isEqualTo(700L);
        assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("k");
    }

    @Test
    void deleteRemovesAndDeletingAMissingKeyIsFine() throws Exception {
        store.put("d/1", new byte[] {1, 2});
        store.delete("d/1");
        store.delete("d/1");
        store.delete("never/was");

        assertThat(store.head("d/1")).isEmpty();
        assertThat(store.list("d/")).isEmpty();
    }

    @Test
    void readsOfAMissingKeySaySo() throws Exception {
        Path target = dir.resolve("target");
        Files.write(target, new byte[] {9});

        assertThat(store.head("missing")).isEmpty();
        assertThatThrownBy(() -> store.getBytes("missing")).isInstanceOf(ObjectStore.NoSuchObjectException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> store.get("missing", target)).isInstanceOf(ObjectStore.NoSuchObjectException.class);
        assertThatThrownBy(() -> store.openRange("missing", 0, 1)).isInstanceOf(ObjectStore.NoSuchObjectException.class);
        assertThat(Files.readAllBytes(target)).containsExactly(9);
    }

    @Test
    void damagedSmallObjectIsDetectedAndTargetLeftAlone() throws Exception {
        store.put("c/small", random(4096, 6));
        corruptStoredObject("c/small");

        Path target = dir.resolve("target");
        Files.write(target, new byte[] {9});
        assertThatThrownBy(() -> store.get("c/small", target)).isInstanceOf(ObjectStore.CorruptObjectException.class)
                .hasMessageContaining("c/small");
        assertThatThrownBy(() -> store.getBytes("c/small")).isInstanceOf(ObjectStore.CorruptObjectException.class);
        assertThat(Files.readAllBytes(target)).containsExactly(9);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void damagedMultipartObjectIsDetected() throws Exception {
        store.put("c/big", file("source", random(multipartSize(), 7)));
        corruptStoredObject("c/big");

        Path target = dir.resolve("restored");
        assertThatThrownBy(() -> store.get("c/big", target)).isInstanceOf(ObjectStore.CorruptObjectException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void badKeysAreRejected() {
        for (String bad : List.of("", "/abs", "a/../b", "a//b", "trailing/")) {
            assertThatThrownBy(() -> store.put(bad, new byte[] {1})).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTransferCountsTheBytesOfAPutAndOfAGet() throws Exception {
        byte[] contents = random(multipartSize(), 11);
        Transfer up = Transfer.unlimited();
        store.put("t/counted", file("counted", contents), up);
        assertThat(up.bytes()).isEqualTo(contents.length);

        Transfer down = Transfer.unlimited();
        Path target = dir.resolve("counted-back");
        store.get("t/counted", target, down);
        assertThat(down.bytes()).isEqualTo(contents.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(contents);
    }

    @Test
    void aThrottleHoldsTransfersToItsRateTogether() throws Exception {
        // 1 MiB/s with a one-second burst: 3 MiB in all, sent as two parallel uploads, cannot take less than 2 s.
        Throttle shared = new Throttle(1 << 20);
        Path a = file("a", random(3 << 19, 12));
        Path b = file("b", random(3 << 19, 13));
        Transfer transfer = new Transfer(shared);
        ExecutorService two = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        try {
            Future<?> fa = two.submit(() -> {
                store.put("t/a", a, transfer);
                return null;
            });
            Future<?> fb = two.submit(() -> {
                store.put("t/b", b, transfer);
                return null;
            });
            fa.get();
            fb.get();
        } finally {
            two.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(transfer.bytes()).isEqualTo(3L << 20);
        assertThat(seconds).as("3 MiB under a shared 1 MiB/s throttle").isGreaterThanOrEqualTo(1.9);
    }

    @Test
    void aCancelledTransferStopsAndLeavesNothingBehind() throws Exception {
        byte[] contents = random(Math.max(multipartSize(), 4 << 20), 14);
        Path source = file("cancelled", contents);
        Transfer before = Transfer.unlimited();
        before.cancel("asked before it began");
        assertThatThrownBy(() -> store.put("t/never", source, before)).isInstanceOf(Transfer.Cancelled.class);
        assertThat(store.head("t/never")).isEmpty();

        // Mid-way: slowed to 1 MiB/s past its first second, cancelled from another thread once bytes are moving.
        Transfer midway = new Transfer(new Throttle(1 << 20));
        ExecutorService canceller = Executors.newSingleThreadExecutor();
        try {
            canceller.submit(() -> {
                while (midway.bytes() == 0) {
                    Thread.onSpinWait();
                }
                midway.cancel("the job was cancelled");
                return null;
            });
            assertThatThrownBy(() -> store.put("t/half", source, midway)).isInstanceOf(Transfer.Cancelled.class)
                    .hasMessageContaining("cancelled");
        } finally {
            canceller.shutdownNow();
        }
        assertThat(store.head("t/half")).as("nothing under the key").isEmpty();

        store.put("t/whole", source);
        Path target = dir.resolve("whole-back");
        Transfer down = new Transfer(new Throttle(1 << 20));
        down.cancel("stopped");
        assertThatThrownBy(() -> store.get("t/whole", target, down)).isInstanceOf(Transfer.Cancelled.class);
        assertThat(target).doesNotExist();
    }
}
