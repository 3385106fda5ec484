package io.ringkeeper.backup;

import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.jobs.JobRunner;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retention as a job, run by the cluster's leader: drop this cluster's manifests past the record's retention (each
 * with its check report), then sweep the blobs that no manifest of any cluster in the store names and that are older
 * than {@link #GRACE}. The grace keeps the blobs of a backup still uploading (not yet named by its manifest) out of
 * the sweep; the {@link BlobLock}, held across the sweep's listing and deletes, keeps a manifest from being written
 * in between, and a manifest's own check stores again a blob the sweep removed before it.
 */
@Singleton
public final class RetentionRunner {
    static final String KIND = "backup-retention";
    /** How old an unreferenced blob must be before it is deleted: longer than any backup takes to upload. */
    public static final Duration GRACE = Duration.ofDays(2);

    private final Provider<JobRunner> jobs;
    private final ObjectStore store;
    private final Manifests manifests;
    private final BlobLock lock;
    private final Clock clock;
    private final String cluster;
    private final Duration grace;

    @Inject
    RetentionRunner(Provider<JobRunner> jobs, ObjectStore store, BlobLock lock, RingkeeperConfig root, Clock clock) {
        this(jobs, store, lock, root.clusterName(), clock, GRACE);
    }

    RetentionRunner(Provider<JobRunner> jobs, ObjectStore store, BlobLock lock, String cluster, Clock clock, Duration grace) {
        this.jobs = jobs;
        this.store = store;
        this.manifests = new Manifests(store);
        this.lock = lock;
        this.clock = clock;
        this.cluster = cluster;
        this.grace = grace;
    }

    /** What one run did. */
    public record Result(int manifestsDropped, int manifestsKept, int blobsDeleted, long bytesDeleted, int blobsKept) {
    }

    public Job submit(BackupSpec.Retention retention) throws JobRunner.ConflictException, IOException {
        return jobs.get().submit(new JobRunner.Kind(KIND, KIND, true), ctx -> {
            Result r = run(retention, ctx);
            ctx.detail("retention", r);
            return "dropped " + r.manifestsDropped() + " backup manifest(s) past retention (kept " + r.manifestsKept()
                    + "); deleted " + r.blobsDeleted() + " blob(s) no backup names, " + r.bytesDeleted() + " bytes (kept "
                    + r.blobsKept() + ")";
        });
    }

    public java.util.Optional<Job> running() {
        return jobs.get().running(KIND);
    }

    Result run(BackupSpec.Retention retention, JobContext ctx) throws Exception {
        Instant now = clock.instant();
        java.util.Map<String, BackupManifest> seen = new java.util.HashMap<>(manifests.allByKey(java.util.Map.of()));
        RetentionPlan plan = RetentionPlan.of(seen.values().stream().filter(m -> m.cluster().equals(cluster)).toList(), retention,
                now);
        if (ctx != null) {
            ctx.step("dropping " + plan.drop().size() + " of " + (plan.drop().size() + plan.keep().size()) + " manifest(s)");
        }
        for (BackupManifest m : plan.drop()) {
            // The manifest first: from here the backup does not exist, and its blobs are the sweep's to judge.
            String key = BlobKeys.manifest(m.cluster(), m.dc(), m.instanceId(), m.backupId());
            store.delete(key);
            store.delete(BlobKeys.verification(m.cluster(), m.dc(), m.instanceId(), m.backupId()));
            seen.remove(key);
        }
        Instant oldEnough = now.minus(grace);
        return lock.with(() -> {
            // Listed again under the lock: a manifest written since is read (only those), and its blobs are kept.
            Set<String> named = new HashSet<>();
            for (BackupManifest m : manifests.allByKey(seen).values()) {
                m.files().forEach(f -> named.add(BlobKeys.blob(f.sha256())));
            }
            List<ObjectInfo> blobs = store.list(BlobKeys.blobs());
            if (ctx != null) {
                ctx.step("sweeping " + blobs.size() + " blob(s): " + named.size() + " named by a backup");
            }
            int deleted = 0;
            long bytes = 0;
            for (ObjectInfo b : blobs) {
                if (!named.contains(b.key()) && b.lastModified().isBefore(oldEnough)) {
                    store.delete(b.key());
                    deleted++;
                    bytes += b.size();
                }
            }
            return new Result(plan.drop().size(), plan.keep().size(), deleted, bytes, blobs.size() - deleted);
        });
    }
}
