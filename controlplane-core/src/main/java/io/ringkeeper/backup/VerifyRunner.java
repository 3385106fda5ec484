package io.ringkeeper.backup;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.jobs.JobRunner;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks backups as a job ({@link BackupCheck}): every node's manifest of one backup id, or one manifest. Each report is
 * written to the store beside its manifest, so any daemon shows when a backup was last checked and what was found. A
 * check that finds a fault ends FAILED, naming it: a backup that cannot be restored must not look fine.
 */
@Singleton
public final class VerifyRunner {
    static final String KIND = "verify";

    private final Provider<JobRunner> jobs;
    private final ObjectStore store;
    private final Manifests manifests;
    private final BackupCheck check;
    private final CassandraConfig cassandra;
    private final String cluster;

    @Inject
    VerifyRunner(Provider<JobRunner> jobs, ObjectStore store, BackgroundPool pool, RingkeeperConfig root, Clock clock) {
        this.jobs = jobs;
        this.store = store;
        this.manifests = new Manifests(store);
        this.check = new BackupCheck(store, pool, clock);
        this.cassandra = root.cassandra();
        this.cluster = root.clusterName();
    }

    /** Checks these manifests (each one node's backup). */
    public Job submit(List<BackupManifest> which, String depth) throws IOException {
        try {
            return jobs.get().submit(new JobRunner.Kind(KIND, KIND, true), ctx -> run(ctx, which, depth));
        } catch (JobRunner.ConflictException e) {
            throw io.ringkeeper.jobs.JobAnswers.conflict("verify", e);
        }
    }

    /** The running check on this daemon, if any. */
    public Optional<Job> running() {
        return jobs.get().running(KIND);
    }

    /** The last report of a node's backup, if it was ever checked. */
    public Optional<VerifyReport> last(BackupManifest m) throws IOException {
        String key = BlobKeys.verification(m.cluster(), m.dc(), m.instanceId(), m.backupId());
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Manifests.JSON.readValue(store.getBytes(key), VerifyReport.class));
    }

    private String run(JobContext ctx, List<BackupManifest> which, String depth) throws Exception {
        long total = which.stream().mapToLong(BackupManifest::bytes).sum();
        AtomicLong read = new AtomicLong();
        List<VerifyReport> reports = new ArrayList<>();
        int problems = 0;
        for (BackupManifest m : which) {
            ctx.checkCancelled();
            ctx.step(depth + " check of backup " + m.backupId() + " of " + m.instanceId() + ": " + m.files().size() + " file(s), "
                    + m.bytes() + " bytes");
            VerifyReport r = switch (depth) {
                case VerifyReport.CHEAP -> check.cheap(m);
                case VerifyReport.DEEP -> check.read(m, null, ctx, read);
                case VerifyReport.DRILL -> check.read(m, scratch(ctx), ctx, read);
                default -> throw new IllegalArgumentException("no check " + depth + "; cheap, deep or drill");
            };
            store.put(BlobKeys.verification(m.cluster(), m.dc(), m.instanceId(), m.backupId()),
                    Manifests.JSON.writeValueAsBytes(r));
            reports.add(r);
            problems += r.problems().size();
            ctx.progress(reports.size(), which.size(), "backups", depth.equals(VerifyReport.CHEAP) ? 0 : read.get(),
                    depth.equals(VerifyReport.CHEAP) ? 0 : total);
        }
        List<Map<String, Object>> summary = new ArrayList<>();
        for (VerifyReport r : reports) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("backupId", r.backupId());
            s.put("instanceId", r.instanceId());
            s.put("depth", r.depth());
            s.put("ok", r.ok());
            s.put("files", r.files());
            s.put("bytes", r.bytes());
            s.put("digestsChecked", r.digestsChecked());
            s.put("problems", r.problems());
            summary.add(s);
        }
        ctx.detail("verify", summary);
        String what = depth + " check of " + which.size() + " node backup(s), " + total + " bytes";
        if (problems > 0) {
            String first = reports.stream().flatMap(r -> r.problems().stream()).findFirst().orElse("");
            throw new IllegalStateException(what + ": " + problems + " problem(s), first: " + first
                    + " (all of them in the job's details); restore from another backup until this one is taken again");
        }
        int digests = reports.stream().mapToInt(VerifyReport::digestsChecked).sum();
        return what + ": whole" + (digests > 0 ? " (" + digests + " SSTable(s) match the Digest Cassandra wrote)" : "");
    }

    private Path scratch(JobContext ctx) {
        return RestoreRunner.root(cassandra).resolve("drill-" + ctx.jobId());
    }
}
