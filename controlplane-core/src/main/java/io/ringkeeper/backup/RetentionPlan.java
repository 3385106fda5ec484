package io.ringkeeper.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which manifests retention drops, node by node. A snapshot is kept while it is younger than {@code days} or among the
 * newest {@code count} (either keeps it), and a node's newest snapshot is always kept. An incremental upload is kept
 * while a kept snapshot needs it: when it finished after the oldest kept snapshot of its node began.
 */
public record RetentionPlan(List<BackupManifest> keep, List<BackupManifest> drop) {

    public static RetentionPlan of(List<BackupManifest> manifests, BackupSpec.Retention retention, Instant now) {
        Map<String, List<BackupManifest>> byNode = new TreeMap<>();
        manifests.forEach(m -> byNode.computeIfAbsent(m.cluster() + "/" + m.instanceId(), k -> new ArrayList<>()).add(m));
        List<BackupManifest> keep = new ArrayList<>();
        List<BackupManifest> drop = new ArrayList<>();
        for (List<BackupManifest> node : byNode.values()) {
            List<BackupManifest> snapshots = node.stream().filter(BackupManifest::snapshot)
                    .sorted(Comparator.comparing(BackupManifest::finishedAt).reversed()).toList();
            Instant oldestKeptStart = null;
            for (int i = 0; i < snapshots.size(); i++) {
                BackupManifest s = snapshots.get(i);
                boolean byCount = retention.count() != null && i < retention.count();
                boolean byAge = retention.days() != null && s.finishedAt().isAfter(now.minus(Duration.ofDays(retention.days())));
                if (i == 0 || byCount || byAge) {
                    keep.add(s);
                    oldestKeptStart = s.startedAt();
                } else {
                    drop.add(s);
                }
            }
            for (BackupManifest m : node) {
                if (!m.snapshot()) {
                    if (oldestKeptStart == null || m.finishedAt().isAfter(oldestKeptStart)) {
                        keep.add(m);
                    } else {
                        drop.add(m);
                    }
                }
            }
        }
        return new RetentionPlan(keep, drop);
    }
}
