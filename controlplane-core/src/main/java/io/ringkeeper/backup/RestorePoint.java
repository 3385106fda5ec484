package io.ringkeeper.backup;

import io.ringkeeper.http.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which backups make up one node's data at a point in time: its last snapshot at or before that point, then every
 * incremental upload of the same node that finished after the snapshot began and by that point (an SSTable flushed
 * during the snapshot is in one or the other, or both). The files are the union; a file in two of them is one SSTable
 * (same table directory, same name), taken once.
 *
 * @param snapshot     the snapshot the restore starts from
 * @param incrementals the incremental uploads laid over it, oldest first
 * @param files        every file to restore, once
 */
public record RestorePoint(BackupManifest snapshot, List<BackupManifest> incrementals, List<BackupManifest.File> files) {

    /**
     * Picks the backups of node {@code instance} among {@code all} (one cluster's manifests).
     *
     * @param backupId a backup of that node, or null
     * @param at       a time, or null; with neither, the latest
     * @throws ApiException 404 for an id no node has, 422 for an id of other nodes only or a time before every backup
     */
    public static RestorePoint choose(List<BackupManifest> all, String cluster, String instance, String backupId, Instant at) {
        List<BackupManifest> mine = all.stream().filter(m -> m.instanceId().equals(instance))
                .sorted(Comparator.comparing(BackupManifest::finishedAt)).toList();
        Instant point;
        if (backupId != null) {
            Optional<BackupManifest> named = mine.stream().filter(m -> m.backupId().equals(backupId)).findFirst();
            if (named.isEmpty()) {
                List<String> holders = all.stream().filter(m -> m.backupId().equals(backupId)).map(BackupManifest::instanceId).toList();
                if (holders.isEmpty()) {
                    throw ApiException.notFound("cluster " + cluster + " has no backup " + backupId + "; GET /v1/backups lists them");
                }
                throw ApiException.unprocessable("backup " + backupId + " has no manifest of node " + instance + ", only of "
                        + String.join(", ", new TreeSet<>(holders)) + "; give sourceInstance to restore one of those", Map.of());
            }
            point = named.get().finishedAt();
        } else {
            point = at != null ? at : Instant.MAX;
        }
        Optional<BackupManifest> snapshot = mine.stream().filter(BackupManifest::snapshot)
                .filter(m -> !m.finishedAt().isAfter(point)).reduce((a, b) -> b);
        if (snapshot.isEmpty()) {
            Optional<BackupManifest> first = mine.stream().filter(BackupManifest::snapshot).findFirst();
            String why = first.isEmpty()
                    ? "cluster " + cluster + " has no snapshot backup of node " + instance
                            + (all.isEmpty() ? "" : " (its backups are of " + String.join(", ",
                            new TreeSet<>(all.stream().map(BackupManifest::instanceId).toList())) + ")")
                    : "node " + instance + " has no snapshot backup finished at or before " + point + "; its first finished at "
                            + first.get().finishedAt();
            throw ApiException.unprocessable(why + "; nothing was changed", Map.of());
        }
        BackupManifest base = snapshot.get();
        List<BackupManifest> incrementals = mine.stream().filter(m -> !m.snapshot())
                .filter(m -> m.finishedAt().isAfter(base.startedAt()) && !m.finishedAt().isAfter(point)).toList();
        Map<String, BackupManifest.File> files = new LinkedHashMap<>();
        List<BackupManifest> chain = new ArrayList<>();
        chain.add(base);
        chain.addAll(incrementals);
        for (BackupManifest m : chain) {
            for (BackupManifest.File f : m.files()) {
                files.putIfAbsent(key(f), f);
            }
        }
        return new RestorePoint(base, incrementals, List.copyOf(files.values()));
    }

    /** Where a file goes back under a data directory: {@code <keyspace>/<table dir>/<name>}. */
    public static String key(BackupManifest.File f) {
        return f.keyspace() + "/" + f.tableDir() + "/" + f.name();
    }

    /** The backups this point is made of, by id. */
    public List<String> backupIds() {
        List<String> ids = new ArrayList<>();
        ids.add(snapshot.backupId());
        incrementals.forEach(m -> ids.add(m.backupId()));
        return ids;
    }
}
