package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which backups retention keeps: by age, by count, either keeps; the newest always; incrementals a kept snapshot needs. */
class RetentionPlanTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static BackupManifest m(String node, String id, String type, int daysAgo) {
        Instant end = NOW.minus(Duration.ofDays(daysAgo));
        return new BackupManifest(1, id, type, "prod", "dc1", "r1", node, "h", List.of("1"), "5.0.9", end.minusSeconds(600), end,
                Map.of(), Map.of(), List.of());
    }

    private static List<String> ids(List<BackupManifest> ms) {
        return ms.stream().map(m -> m.instanceId() + "/" + m.backupId()).sorted().toList();
    }

    private final List<BackupManifest> all = List.of(
            m("n1", "s30", "snapshot", 30), m("n1", "i29", "incremental", 29), m("n1", "s10", "snapshot", 10),
            m("n1", "i9", "incremental", 9), m("n1", "s1", "snapshot", 1), m("n2", "s40", "snapshot", 40));

    @Test
    void daysKeepWhatIsYoungerAndTheIncrementalsAfterTheOldestKeptSnapshot() {
        RetentionPlan p = RetentionPlan.of(all, new BackupSpec.Retention(14, null), NOW);
        assertThat(ids(p.keep())).containsExactly("n1/i9", "n1/s1", "n1/s10", "n2/s40");
        assertThat(ids(p.drop())).containsExactly("n1/i29", "n1/s30");
    }

    @Test
    void countKeepsTheNewestAndEitherRuleKeeps() {
        assertThat(ids(RetentionPlan.of(all, new BackupSpec.Retention(null, 1), NOW).keep()))
                .containsExactly("n1/s1", "n2/s40");
        assertThat(ids(RetentionPlan.of(all, new BackupSpec.Retention(5, 2), NOW).keep()))
                .containsExactly("n1/i9", "n1/s1", "n1/s10", "n2/s40");
    }
}
