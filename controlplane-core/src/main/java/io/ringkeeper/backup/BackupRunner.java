package io.ringkeeper.backup;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cassandra.SnapshotFiles;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.ResumableJob;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A node's backup as a resumable job: snapshot (JMX) → upload every file not stored yet (content-addressed, largest
 * first) → write the manifest, last → clear the snapshot. Each phase, and each file uploaded, is checkpointed before
 * the job goes on, so a daemon killed anywhere resumes where it stopped: a file whose upload was cut off is sent again,
 * one already stored is not, and a backup without its manifest does not exist.
 */
@Singleton
public final class BackupRunner implements ResumableJob {
    static final String KIND = "backup";
    private static final Duration SNAPSHOT_BUDGET = Duration.ofMinutes(30);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Provider<JobRunner> jobs; // a Provider: the runner resumes this kind, so it needs this first
    private final CassandraJmx jmx;
    private final CassandraMonitor monitor;
    private final CassandraConfig cassandra;
    private final NodeIdentity identity;
    private final Blobs blobs;
    private final Manifests manifests;
    private final String cluster;
    private final Clock clock;

    @Inject
    BackupRunner(Provider<JobRunner> jobs, CassandraJmx jmx, CassandraMonitor monitor, RingkeeperConfig root, NodeIdentity identity,
                 ObjectStore store, Clock clock) {
        this.jobs = jobs;
        this.jmx = jmx;
        this.monitor = monitor;
        this.cassandra = root.cassandra();
        this.identity = identity;
        this.blobs = new Blobs(store);
        this.manifests = new Manifests(store);
        this.cluster = root.clusterName();
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Starts a backup of this node now. */
    public Job submit() throws JobRunner.ConflictException, IOException {
        String id = ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        return jobs.get().submit(new JobRunner.Kind(KIND, KIND, true), ctx -> {
            if (ctx.checkpoint().isEmpty()) {
                ctx.checkpoint(Map.of("backupId", id, "phase", "SNAPSHOT", "startedAt", clock.instant().toString()));
            }
            return run(ctx);
        });
    }

    @Override
    public JobRunner.Work resume(Job job) {
        return this::run;
    }

    @SuppressWarnings("unchecked")
    private String run(JobContext ctx) throws Exception {
        Map<String, Object> cp = new LinkedHashMap<>(ctx.checkpoint());
        String id = (String) cp.get("backupId");
        String tag = "ringkeeper-" + id;
        CassandraJmx.NodeStatus status = monitor.last().map(CassandraMonitor.Observation::jmx).orElseThrow(() ->
                new IllegalStateException("Cassandra is not running (or not answering JMX): a backup snapshots a running node"));
        Map<String, String> done = new LinkedHashMap<>((Map<String, String>) cp.getOrDefault("done", Map.of()));
        long uploaded = ((Number) cp.getOrDefault("uploadedBytes", 0)).longValue();

        if ("SNAPSHOT".equals(cp.get("phase"))) {
            ctx.step("taking snapshot " + tag + " over JMX");
            // A snapshot cut short by a crash would count as taken ("already exists") with tables missing: start it over.
            jmx.clearSnapshot(tag);
            jmx.takeSnapshot(tag, List.of(), SNAPSHOT_BUDGET);
            cp.put("phase", "UPLOAD");
            ctx.checkpoint(cp);
        }
        List<SnapshotFiles.SnapshotFile> files = SnapshotFiles.list(cassandra.dataDirs(), tag).stream()
                .filter(f -> !f.keyspace().startsWith("system")).toList();
        if ("UPLOAD".equals(cp.get("phase"))) {
            long total = files.stream().mapToLong(SnapshotFiles.SnapshotFile::size).sum();
            ctx.step("uploading " + files.size() + " file(s), " + total + " bytes, largest first; "
                    + (done.isEmpty() ? "" : done.size() + " already stored"));
            long bytesDone = files.stream().filter(f -> done.containsKey(key(f))).mapToLong(SnapshotFiles.SnapshotFile::size).sum();
            for (SnapshotFiles.SnapshotFile f : files) {
                if (done.containsKey(key(f))) {
                    continue;
                }
                ctx.checkCancelled();
                // A cancel reaches the file being uploaded, not only the next one.
                Blobs.Stored stored = blobs.store(f.path(), new Transfer(null, ctx::cancelRequested));
                done.put(key(f), stored.sha256());
                uploaded += stored.uploaded() ? stored.size() : 0;
                bytesDone += f.size();
                cp.put("done", done);
                cp.put("uploadedBytes", uploaded);
                ctx.checkpoint(cp); // durable before the next file: a restart does not send this one again
                ctx.progress(done.size(), files.size(), "files", bytesDone, total);
            }
            cp.put("phase", "MANIFEST");
            ctx.checkpoint(cp);
        }
        if ("MANIFEST".equals(cp.get("phase"))) {
            Instance self = identity.require();
            Map<String, String> schema = new LinkedHashMap<>();
            List<BackupManifest.File> entries = new ArrayList<>();
            for (SnapshotFiles.SnapshotFile f : files) {
                String sha = done.get(key(f));
                if (sha == null) {
                    throw new IllegalStateException(key(f) + " is in the snapshot but was not uploaded; the backup is not complete");
                }
                entries.add(new BackupManifest.File(f.keyspace(), f.table(), f.tableDir(), f.relative(), f.size(), sha));
                if (f.relative().equals("schema.cql")) {
                    schema.put(f.keyspace() + "." + f.table(), Files.readString(f.path()));
                }
            }
            BackupManifest m = new BackupManifest(BackupManifest.FORMAT, id, cluster, self.dc(), self.rack(), self.id(),
                    status.hostId(), status.tokens(), status.releaseVersion(),
                    java.time.Instant.parse((String) cp.get("startedAt")), clock.instant(), schema, entries);
            String key = manifests.write(m);
            ctx.step("manifest written: " + key);
            cp.put("phase", "CLEAR");
            cp.put("manifest", key);
            cp.put("files", m.files().size());
            cp.put("bytes", m.bytes());
            ctx.checkpoint(cp);
        }
        jmx.clearSnapshot(tag);
        // From the checkpoint: after a restart in this phase the snapshot may be gone already.
        long fileCount = ((Number) cp.get("files")).longValue();
        long total = ((Number) cp.get("bytes")).longValue();
        ctx.detail("backup", Map.of("id", id, "manifest", cp.get("manifest"), "files", fileCount, "bytes", total,
                "uploadedBytes", uploaded));
        return "backup " + id + ": " + fileCount + " file(s), " + total + " bytes, " + uploaded + " bytes uploaded"
                + " (the rest was stored already)";
    }

    private static String key(SnapshotFiles.SnapshotFile f) {
        return f.keyspace() + "/" + f.tableDir() + "/" + f.relative();
    }
}
