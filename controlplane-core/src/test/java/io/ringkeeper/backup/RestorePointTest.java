package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.http.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which backups a restore takes: by id, by time, the latest; the last snapshot and the incrementals after it. */
class RestorePointTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static BackupManifest m(String node, String id, String type, int startMinute, int endMinute, String... files) {
        List<BackupManifest.File> fs = java.util.Arrays.stream(files)
                .map(f -> new BackupManifest.File("shop", "orders", "orders-1", f, 10, "%064d".formatted(f.hashCode() & 0xffff)))
                .toList();
        return new BackupManifest(1, id, type, "prod", "dc1", "r1", node, "h", List.of("1"), "5.0.9",
                T0.plusSeconds(startMinute * 60L), T0.plusSeconds(endMinute * 60L), Map.of(), Map.of(), fs);
    }

    private final List<BackupManifest> all = List.of(
            m("n1", "s1", "snapshot", 0, 10, "nb-1-big-Data.db"),
            m("n1", "i1", "incremental", 20, 21, "nb-2-big-Data.db"),
            m("n1", "s2", "snapshot", 60, 70, "nb-1-big-Data.db", "nb-2-big-Data.db", "nb-3-big-Data.db"),
            m("n1", "i2", "incremental", 65, 66, "nb-3-big-Data.db"),
            m("n1", "i3", "incremental", 80, 81, "nb-4-big-Data.db"),
            m("n2", "s2", "snapshot", 60, 72, "nb-7-big-Data.db"));

    @Test
    void theLatestIsTheLastSnapshotWithEveryIncrementalThatFinishedAfterItBegan() {
        RestorePoint p = RestorePoint.choose(all, "prod", "n1", null, null);
        assertThat(p.backupIds()).containsExactly("s2", "i2", "i3");
        assertThat(p.files()).extracting(BackupManifest.File::name)
                .as("an SSTable in two of them is taken once")
                .containsExactly("nb-1-big-Data.db", "nb-2-big-Data.db", "nb-3-big-Data.db", "nb-4-big-Data.db");
    }

    @Test
    void aTimePicksTheStateAtOrBeforeIt() {
        assertThat(RestorePoint.choose(all, "prod", "n1", null, T0.plusSeconds(30 * 60)).backupIds()).containsExactly("s1", "i1");
        assertThat(RestorePoint.choose(all, "prod", "n1", null, T0.plusSeconds(10 * 60)).backupIds()).containsExactly("s1");
        assertThat(RestorePoint.choose(all, "prod", "n1", null, T0.plusSeconds(75 * 60)).backupIds()).containsExactly("s2", "i2");
    }

    @Test
    void anIdPicksThatBackupAndForAnIncrementalTheSnapshotBeforeIt() {
        assertThat(RestorePoint.choose(all, "prod", "n1", "s1", null).backupIds()).containsExactly("s1");
        assertThat(RestorePoint.choose(all, "prod", "n1", "i1", null).backupIds()).containsExactly("s1", "i1");
        assertThat(RestorePoint.choose(all, "prod", "n2", "s2", null).files()).extracting(BackupManifest.File::name)
                .containsExactly("nb-7-big-Data.db");
    }

    @Test
    void whatCannotBeMetIsA404OrA422SayingWhatThereIs() {
        assertThatThrownBy(() -> RestorePoint.choose(all, "prod", "n1", "nope", null))
                .isInstanceOf(ApiException.class).matches(e -> ((ApiException) e).status() == 404);
        assertThatThrownBy(() -> RestorePoint.choose(all, "prod", "n2", "i1", null))
                .matches(e -> ((ApiException) e).status() == 422).hasMessageContaining("only of n1");
        assertThatThrownBy(() -> RestorePoint.choose(all, "prod", "n1", null, T0.plusSeconds(5 * 60)))
                .matches(e -> ((ApiException) e).status() == 422).hasMessageContaining("first finished at " + T0.plusSeconds(600));
        assertThatThrownBy(() -> RestorePoint.choose(all, "prod", "n3", null, null))
                .matches(e -> ((ApiException) e).status() == 422).hasMessageContaining("its backups are of n1, n2");
    }
}
