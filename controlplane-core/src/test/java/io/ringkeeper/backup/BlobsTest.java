package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.cloud.local.LocalObjectStore;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-addressed blobs and manifests on the local store (the same ObjectStore contract as S3's). */
class BlobsTest {
    @TempDir
    Path dir;

    private Path file(String name, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void aFileIsStoredOnceWhateverHoldsItAndOnlyWhatIsMissingIsSent() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Blobs blobs = new Blobs(store);
        Path data = file("nb-1-big-Data.db", 300_000, 1);

        Transfer first = Transfer.unlimited();
        Blobs.Stored a = blobs.store(data, first);
        assertThat(a.uploaded()).isTrue();
        assertThat(first.bytes()).isEqualTo(300_000);
        assertThat(a.key()).isEqualTo("blobs/sha256/" + a.sha256().substring(0, 2) + "/" + a.sha256());
        assertThat(a.sha256()).isEqualTo(Blobs.sha256(data, Transfer.unlimited())).hasSize(64);

        // The same bytes again, from the next snapshot or from another node: nothing is sent.
        Path sameBytesElsewhere = Files.copy(data, dir.resolve("other-node-Data.db"));
        Transfer second = Transfer.unlimited();
        Blobs.Stored b = blobs.store(sameBytesElsewhere, second);
        assertThat(b.uploaded()).isFalse();
        assertThat(b.key()).isEqualTo(a.key());
        assertThat(second.bytes()).isZero();

        Blobs.Stored c = blobs.store(file("nb-2-big-Data.db", 300_000, 2), Transfer.unlimited());
        assertThat(c.uploaded()).isTrue();
        assertThat(c.key()).isNotEqualTo(a.key());
        assertThat(store.list("blobs/")).hasSize(2);
    }

    @Test
    void aBlobOfTheWrongSizeIsSentAgain() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Blobs blobs = new Blobs(store);
        Path data = file("d", 10_000, 3);
        String key = BlobKeys.blob(Blobs.sha256(data, Transfer.unlimited()));
        store.put(key, new byte[10]); // a truncated copy, e.g. from a tool that does not write atomically
        assertThat(blobs.store(data, Transfer.unlimited()).uploaded()).isTrue();
        assertThat(store.head(key).orElseThrow().size()).isEqualTo(10_000);
    }

    @Test
    void aManifestIsWrittenOnlyWhenEveryBlobItNamesIsStored() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Blobs blobs = new Blobs(store);
        Manifests manifests = new Manifests(store);
        Blobs.Stored stored = blobs.store(file("nb-1-big-Data.db", 5000, 4), Transfer.unlimited());
        BackupManifest.File ok = new BackupManifest.File("shop", "orders", "orders-0a1b", "nb-1-big-Data.db", 5000, stored.sha256());
        BackupManifest.File missing = new BackupManifest.File("shop", "orders", "orders-0a1b", "nb-2-big-Data.db", 7,
                "0".repeat(64));
        BackupManifest incomplete = manifest("b1", List.of(ok, missing));
        assertThatThrownBy(() -> manifests.write(incomplete, BlobLock.inProcess(), f -> null))
                .hasMessageContaining("is not in the store").hasMessageContaining("its file is gone");
        assertThat(manifests.list("prod")).isEmpty();

        String key = manifests.write(manifest("b2", List.of(ok)), BlobLock.inProcess(), f -> null);
        assertThat(key).isEqualTo("manifests/prod/dc1/node1/b2.json");
        List<BackupManifest> all = manifests.list("prod");
        assertThat(all).hasSize(1);
        assertThat(all.get(0).files()).containsExactly(ok);
        assertThat(all.get(0).tokens()).containsExactly("-9000", "42");
        assertThat(all.get(0).bytes()).isEqualTo(5000);
    }

    @Test
    void keysRefuseWhatIsNotAHashOrANameSegment() {
        assertThatThrownBy(() -> BlobKeys.blob("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobKeys.manifest("prod", "dc1", "../x", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlobKeys.blob(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBlobRemovedWhileTheBackupRanIsStoredAgainFromItsFileBeforeTheManifest() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.resolve("store"));
        Path data = file("nb-1-big-Data.db", 5000, 4);
        Blobs.Stored stored = new Blobs(store).store(data, Transfer.unlimited());
        store.delete(stored.key()); // a retention sweep between the upload and the manifest
        BackupManifest.File f = new BackupManifest.File("shop", "orders", "orders-0a1b", "nb-1-big-Data.db", 5000, stored.sha256());

        new Manifests(store).write(manifest("b1", List.of(f)), BlobLock.inProcess(), x -> data);

        assertThat(store.head(stored.key()).orElseThrow().size()).isEqualTo(5000);
        assertThat(new Manifests(store).list("prod")).hasSize(1);
    }

    @Test
    void identicalFilesStoredAtTheSameTimeAreSentOnce() throws Exception {
        LocalObjectStore local = new LocalObjectStore(dir.resolve("store"));
        ForwardingStore slow = new ForwardingStore(local) {
            @Override
            public void put(String key, Path source, Transfer transfer) throws IOException {
                try {
                    Thread.sleep(300); // the other upload's HEAD comes while this one is on its way
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                super.put(key, source, transfer);
            }
        };
        Blobs blobs = new Blobs(slow);
        Path a = file("a-nb-1-big-TOC.txt", 300, 9);
        Path b = file("b-nb-1-big-TOC.txt", 300, 9);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = two.submit(() -> blobs.store(a, Transfer.unlimited()));
            var second = two.submit(() -> blobs.store(b, Transfer.unlimited()));
            assertThat(List.of(first.get(), second.get())).filteredOn(Blobs.Stored::uploaded).hasSize(1);
        } finally {
            two.shutdownNow();
        }
    }

    private static BackupManifest manifest(String id, List<BackupManifest.File> files) {
        return new BackupManifest(BackupManifest.FORMAT, id, BackupManifest.SNAPSHOT, "prod", "dc1", "rack1", "node1", "host-1", List.of("-9000", "42"),
                "5.0.9", Instant.parse("2026-12-02T09:00:00Z"), Instant.parse("2026-12-02T09:05:00Z"), Map.of(),
                Map.of("shop.orders", "CREATE TABLE shop.orders (id int PRIMARY KEY)"), files);
    }
}
