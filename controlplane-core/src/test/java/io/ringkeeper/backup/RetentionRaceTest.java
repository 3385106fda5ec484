package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.cloud.local.LocalObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention deleting blobs while a backup uploads and writes its manifest: whatever the interleaving, no manifest ever
 * names a blob that is not stored. The grace period is 0 here, the worst case: every unreferenced blob is eligible at
 * once, including the ones the backup has just uploaded and not yet named.
 */
class RetentionRaceTest {
    @TempDir
    Path dir;

    private TestingServer zk;
    private CuratorFramework curator;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @BeforeEach
    void startZooKeeper() throws Exception {
        zk = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        curator.start();
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        curator.close();
        zk.close();
    }

    private Path file(String name, int size, long seed) throws IOException {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = dir.resolve("files").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        return p;
    }

    private static BackupManifest manifest(String node, String id, Instant at, List<BackupManifest.File> files) {
        return new BackupManifest(BackupManifest.FORMAT, id, BackupManifest.SNAPSHOT, "prod", "dc1", "rack1", node, "h", List.of("1"),
                "5.0.9", at.minusSeconds(60), at, Map.of(), Map.of(), files);
    }

    private static BackupManifest.File entry(Path f, Blobs.Stored s) {
        return new BackupManifest.File("shop", "orders", "orders-1", f.getFileName().toString(), s.size(), s.sha256());
    }

    /** Every manifest in the store names only blobs that are there, whole. */
    private static void assertWhole(ObjectStore store) throws Exception {
        for (BackupManifest m : new Manifests(store).allByKey(Map.of()).values()) {
            for (BackupManifest.File f : m.files()) {
                assertThat(store.head(BlobKeys.blob(f.sha256()))).as(m.backupId() + " names " + f.sha256()).isPresent();
                Path copy = Files.createTempFile(null, null);
                store.get(BlobKeys.blob(f.sha256()), copy);
                assertThat(Blobs.sha256(copy, Transfer.unlimited())).isEqualTo(f.sha256());
                Files.delete(copy);
            }
        }
    }

    /** A store whose first blob delete waits (up to 2 s) for a manifest to be written: the worst moment for a sweep. */
    private static final class SlowSweep extends ForwardingStore {
        volatile boolean armed;
        final CountDownLatch sweeping = new CountDownLatch(1);
        final CountDownLatch manifestWritten = new CountDownLatch(1);

        SlowSweep(ObjectStore inner) {
            super(inner);
        }

        @Override
        public void delete(String key) throws IOException {
            if (armed && key.startsWith("blobs/") && sweeping.getCount() > 0) {
                sweeping.countDown();
                try {
                    manifestWritten.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.delete(key);
        }

        @Override
        public void put(String key, byte[] contents) throws IOException {
            super.put(key, contents);
            if (armed && key.startsWith("manifests/")) {
                manifestWritten.countDown();
            }
        }
    }

    /**
     * An old backup is dropped by retention while a new one, which found one of the old backup's blobs already stored
     * (so did not upload it), writes its manifest in the middle of the sweep. Returns whether the store stayed whole.
     */
    private boolean sweepInTheMiddleOfAManifest(BlobLock lock) throws Exception {
        SlowSweep store = new SlowSweep(new LocalObjectStore(dir.resolve("objects-" + System.nanoTime())));
        Blobs blobs = new Blobs(store);
        Instant now = Instant.now();
        Path shared = file("nb-1-big-Data.db", 50_000, 1);
        Path old = file("nb-0-big-Data.db", 20_000, 2);
        BackupManifest.File sharedEntry = entry(shared, blobs.store(shared, Transfer.unlimited()));
        new Manifests(store).write(manifest("node1", "old", now.minus(Duration.ofDays(30)),
                List.of(sharedEntry, entry(old, blobs.store(old, Transfer.unlimited())))), lock, f -> null);
        new Manifests(store).write(manifest("node1", "newer", now.minus(Duration.ofDays(1)), List.of()), lock, f -> null);

        // The new backup: the shared SSTable is found stored (deduplicated), a fresh one is uploaded.
        Path fresh = file("nb-2-big-Data.db", 30_000, 3);
        Blobs.Stored again = blobs.store(shared, Transfer.unlimited());
        assertThat(again.uploaded()).isFalse();
        BackupManifest.File freshEntry = entry(fresh, blobs.store(fresh, Transfer.unlimited()));
        BackupManifest current = manifest("node2", "current", now, List.of(entry(shared, again), freshEntry));
        Map<String, Path> files = Map.of(sharedEntry.sha256(), shared, freshEntry.sha256(), fresh);

        RetentionRunner retention = new RetentionRunner(() -> null, store, lock, "prod", Clock.systemUTC(), Duration.ZERO);
        store.armed = true;
        Future<RetentionRunner.Result> sweep = threads.submit(() -> retention.run(new BackupSpec.Retention(7, null), null));
        assertThat(store.sweeping.await(10, TimeUnit.SECONDS)).as("the sweep reached its deletes").isTrue();
        Future<String> written = threads.submit(() -> new Manifests(store).write(current, lock, f -> files.get(f.sha256())));
        written.get(30, TimeUnit.SECONDS);
        RetentionRunner.Result r = sweep.get(30, TimeUnit.SECONDS);
        assertThat(r.manifestsDropped()).as("the 30-day-old backup is past 7 days").isEqualTo(1);
        try {
            assertWhole(store);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    @Test
    void withTheLockAManifestWrittenDuringASweepStillNamesOnlyStoredBlobs() throws Exception {
        assertThat(sweepInTheMiddleOfAManifest(new ZooKeeperBlobLock(() -> curator, new LocalObjectStore(dir.resolve("x")))))
                .isTrue();
    }

    @Test
    void withoutTheLockTheSameInterleavingLosesABlob() throws Exception {
        BlobLock none = new BlobLock() {
            @Override
            public <T> T with(Work<T> work) throws Exception {
                return work.run();
            }
        };
        assertThat(sweepInTheMiddleOfAManifest(none)).as("the race this lock exists for").isFalse();
    }

    @Test
    void aBlobNamedByAKeptBackupIsNeverSweptAndAnUnnamedOneOnlyAfterTheGrace() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("objects"));
        Blobs blobs = new Blobs(store);
        BlobLock lock = new ZooKeeperBlobLock(() -> curator, store);
        Instant now = Instant.now();
        Path kept = file("nb-1-big-Data.db", 10_000, 4);
        Path orphan = file("nb-9-big-Data.db", 10_000, 5);
        new Manifests(store).write(manifest("node1", "kept", now, List.of(entry(kept, blobs.store(kept, Transfer.unlimited())))),
                lock, f -> null);
        Blobs.Stored unnamed = blobs.store(orphan, Transfer.unlimited()); // e.g. a backup still uploading

        RetentionRunner graceful = new RetentionRunner(() -> null, store, lock, "prod", Clock.systemUTC(), Duration.ofHours(1));
        assertThat(graceful.run(new BackupSpec.Retention(null, 1), null).blobsDeleted()).isZero();
        assertThat(store.head(unnamed.key())).as("younger than the grace").isPresent();

        RetentionRunner eager = new RetentionRunner(() -> null, store, lock, "prod", Clock.systemUTC(), Duration.ZERO);
        RetentionRunner.Result r = eager.run(new BackupSpec.Retention(null, 1), null);
        assertThat(r.blobsDeleted()).isEqualTo(1);
        assertThat(store.head(unnamed.key())).isEmpty();
        assertWhole(store);
    }
}
