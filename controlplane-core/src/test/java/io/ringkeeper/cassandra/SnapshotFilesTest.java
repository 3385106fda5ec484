package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
    @TempDir
    Path dir;

    private void file(Path p, int size) throws Exception {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
    }

    @Test
    void aSnapshotsFilesInEveryDataDirectoryLargestFirst() throws Exception {
        Path d1 = dir.resolve("data1");
        Path d2 = dir.resolve("data2");
        file(d1.resolve("shop/orders-0a1b/snapshots/s1/nb-1-big-Data.db"), 500);
        file(d1.resolve("shop/orders-0a1b/snapshots/s1/manifest.json"), 20);
        file(d1.resolve("shop/orders-0a1b/snapshots/s1/schema.cql"), 30);
        file(d2.resolve("shop/orders-0a1b/snapshots/s1/nb-2-big-Data.db"), 700);
        file(d2.resolve("shop/users_v2-99ff/snapshots/s1/nb-1-big-Index.db"), 100);
        file(d1.resolve("shop/orders-0a1b/snapshots/other/nb-1-big-Data.db"), 900); // another snapshot
        file(d1.resolve("shop/orders-0a1b/nb-3-big-Data.db"), 800); // live data, not in the snapshot

        List<SnapshotFiles.SnapshotFile> files = SnapshotFiles.list(List.of(d1, d2, dir.resolve("missing")), "s1");

        assertThat(files).extracting(SnapshotFiles.SnapshotFile::name)
                .containsExactly("nb-2-big-Data.db", "nb-1-big-Data.db", "nb-1-big-Index.db", "schema.cql", "manifest.json");
        assertThat(files.get(0).keyspace()).isEqualTo("shop");
        assertThat(files.get(0).table()).isEqualTo("orders");
        assertThat(files.get(0).tableDir()).isEqualTo("orders-0a1b");
        assertThat(files.get(2).table()).isEqualTo("users_v2");
        assertThat(files.get(0).size()).isEqualTo(700);
        assertThat(SnapshotFiles.list(List.of(d1, d2), "none")).isEmpty();
    }
}
