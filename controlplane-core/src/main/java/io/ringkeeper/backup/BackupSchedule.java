package io.ringkeeper.backup;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.Durations;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.DesiredKind;
import io.ringkeeper.desired.KindHandler;
import io.ringkeeper.desired.Outcome;
import io.ringkeeper.files.AtomicFiles;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.reconcile.Leadership;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The {@code backup} kind on each node: takes snapshots on the record's schedule, uploads Cassandra's incremental
 * backups on their interval (turning {@code incremental_backups} on over JMX, and off again when the record no longer
 * asks for them), checks this node's latest backup on the verify schedule, and on the leader restores a sampled backup
 * of the cluster into a scratch directory (the drill). What it last did is in its status entry: last backup and its
 * size, bytes uploaded, the running step, last check, last failure.
 *
 * <p>When each thing last ran is kept in {@code <state_dir>/desired/backup.json}, written atomically before the job it
 * records is submitted, so a restarted daemon neither repeats a scheduled snapshot nor skips one. The schedule is slots
 * of {@code every} from the epoch (UTC) plus {@code offset}; a record's first pass starts at the next slot, not at once.
 */
public final class BackupSchedule implements KindHandler<BackupSpec> {
    public static final DesiredKind<BackupSpec> KIND = new DesiredKind<>("backup", BackupSpec.class,
            "snapshot and incremental backup schedule, scope, retention, throttle and verification of every node");
    /** The longest a paced upload is spread over: well inside retention's grace for unnamed blobs. */
    static final Duration PACE_AT_MOST = RetentionRunner.GRACE.dividedBy(2);

    /** When each scheduled thing last ran on this node (null: not yet under the current record). */
    record Last(Instant snapshotSlot, Instant incremental, Instant verify, Instant deep, Instant drill, boolean incrementalsOurs) {
        static final Last NONE = new Last(null, null, null, null, null, false);
    }

    private final BackupRunner backups;
    private final VerifyRunner verifier;
    private final Provider<JobRunner> jobs;
    private final CassandraJmx jmx;
    private final CassandraMonitor monitor;
    private final NodeIdentity identity;
    private final Manifests manifests;
    private final Leadership leadership;
    private final Clock clock;
    private final Path file;
    private final String cluster;
    private final Random sample = new Random();

    @Inject
    BackupSchedule(BackupRunner backups, VerifyRunner verifier, Provider<JobRunner> jobs, CassandraJmx jmx, CassandraMonitor monitor,
                   NodeIdentity identity, io.ringkeeper.cloud.ObjectStore store, Leadership leadership, RingkeeperConfig root,
                   Clock clock, PrometheusRegistry metrics) {
        this.backups = backups;
        this.verifier = verifier;
        this.jobs = jobs;
        this.jmx = jmx;
        this.monitor = monitor;
        this.identity = identity;
        this.manifests = new Manifests(store);
        this.leadership = leadership;
        this.clock = clock;
        this.file = root.stateDir().resolve("desired").resolve("backup.json");
        this.cluster = root.clusterName();
        GaugeWithCallback.builder().name("ringkeeper_backup_last_success_timestamp_seconds")
                .help("When this node's last backup (snapshot or incremental) finished, in seconds since the epoch; 0: none")
                .callback(cb -> cb.call(lastJob(BackupRunner.KIND, true).map(j -> j.finishedAt().getEpochSecond()).orElse(0L)))
                .register(metrics);
        GaugeWithCallback.builder().name("ringkeeper_backup_last_failed")
                .help("1 when this node's most recent backup failed, else 0")
                .callback(cb -> cb.call(lastJob(BackupRunner.KIND, false).map(j -> j.state() == Job.State.FAILED ? 1 : 0).orElse(0)))
                .register(metrics);
        GaugeWithCallback.builder().name("ringkeeper_backup_last_uploaded_bytes")
                .help("Bytes this node's last successful backup uploaded (the rest was stored already)")
                .callback(cb -> cb.call(lastJob(BackupRunner.KIND, true).map(j -> number(backupDetail(j).get("uploadedBytes")))
                        .orElse(0L)))
                .register(metrics);
        GaugeWithCallback.builder().name("ringkeeper_backup_verify_last_failed")
                .help("1 when the most recent check (verify or drill) run by this node found a fault or could not run, else 0")
                .callback(cb -> cb.call(lastJob(VerifyRunner.KIND, false).map(j -> j.state() == Job.State.FAILED ? 1 : 0).orElse(0)))
                .register(metrics);
    }

    @Override
    public DesiredKind<BackupSpec> kind() {
        return KIND;
    }

    @Override
    public Outcome apply(BackupSpec spec) throws Exception {
        Last last = read();
        boolean cassandraUp = monitor.last().map(CassandraMonitor.Observation::ready).orElse(false);
        if (spec == null) {
            if (last.incrementalsOurs() && cassandraUp) {
                jmx.setIncrementalBackups(false);
            }
            if (!last.equals(Last.NONE) && (!last.incrementalsOurs() || cassandraUp)) {
                write(Last.NONE);
            }
            return Outcome.converged("no backup record: nothing is scheduled (on-demand backups still work)").with(facts(null, Last.NONE));
        }
        if (!cassandraUp) {
            return Outcome.waiting("backups wait for Cassandra to be ready").with(facts(spec, last));
        }
        Instant now = clock.instant();
        Last next = last;
        // Incremental backups: on over JMX while the record asks (again after each Cassandra restart), off when not.
        if (spec.incremental() != null) {
            if (!jmx.incrementalBackups()) {
                jmx.setIncrementalBackups(true);
                next = with(next, null, null, null, null, null, true);
            }
        } else if (next.incrementalsOurs()) {
            jmx.setIncrementalBackups(false);
            next = with(next, null, null, null, null, null, false);
        }
        Instant slot = slot(spec.snapshot(), now);
        boolean busy = backups.running().isPresent();
        if (next.snapshotSlot() == null) {
            next = with(next, slot, null, null, null, null, null); // a new record: the first snapshot at the next slot
        } else if (slot.isAfter(next.snapshotSlot()) && !busy) {
            // Paced to the next slot, but never over a day: a blob is safe from retention's sweep for its grace (two days)
            // only until the manifest names it.
            Instant deadline = spec.pace() ? min(slot.plus(spec.snapshot().interval()), now.plus(PACE_AT_MOST)) : null;
            next = with(next, slot, null, null, null, null, null);
            write(next); // before the job: a restart does not take this slot's snapshot twice
            submit(new BackupRunner.Request(BackupManifest.SNAPSHOT, BackupScope.of(spec.keyspaces()), spec.throttleBytesPerSecond(),
                    deadline, "scheduled for " + slot));
            busy = true;
        }
        if (spec.incremental() != null && !busy) {
            if (next.incremental() == null) {
                next = with(next, null, now, null, null, null, null);
            } else if (!now.isBefore(next.incremental().plus(spec.incremental().interval()))) {
                next = with(next, null, now, null, null, null, null);
                write(next);
                submit(new BackupRunner.Request(BackupManifest.INCREMENTAL, BackupScope.of(spec.keyspaces()),
                        spec.throttleBytesPerSecond(), null, "every " + spec.incremental().every()));
            }
        }
        next = verify(spec, next, now);
        if (!next.equals(last)) {
            write(next);
        }
        return outcome(spec, next);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void submit(BackupRunner.Request request) throws IOException {
        try {
            backups.submit(request);
        } catch (JobRunner.ConflictException e) {
            // An on-demand backup took the slot's place: it is as good as the scheduled one.
        }
    }

    private Last verify(BackupSpec spec, Last last, Instant now) throws IOException {
        if (verifier.running().isPresent()) {
            return last;
        }
        BackupSpec.Verify v = spec.verify();
        if (last.verify() == null || last.deep() == null || last.drill() == null) {
            // A new record: each check's interval counts from now.
            return with(last, null, null, last.verify() == null ? now : null, last.deep() == null ? now : null,
                    last.drill() == null ? now : null, null);
        }
        Last next = last;
        String depth = null;
        if (v.drillEvery() != null && leadership.isLeader() && due(last.drill(), v.drillEvery(), now)) {
            next = with(next, null, null, null, null, now, null);
            depth = VerifyReport.DRILL;
        } else if (v.deepEvery() != null && due(last.deep(), v.deepEvery(), now)) {
            next = with(next, null, null, null, now, null, null);
            depth = VerifyReport.DEEP;
        } else if (due(last.verify(), v.every(), now)) {
            next = with(next, null, null, now, null, null, null);
            depth = VerifyReport.CHEAP;
        }
        if (depth == null) {
            return next;
        }
        List<BackupManifest> candidates;
        if (depth.equals(VerifyReport.DRILL)) {
            candidates = manifests.list(cluster).stream().filter(BackupManifest::snapshot).toList();
        } else {
            Instance self = identity.require();
            candidates = manifests.listNode(cluster, self.dc(), self.id()).stream().filter(BackupManifest::snapshot).toList();
        }
        write(next);
        if (!candidates.isEmpty()) {
            BackupManifest pick = depth.equals(VerifyReport.DRILL) ? candidates.get(sample.nextInt(candidates.size()))
                    : candidates.get(candidates.size() - 1);
            verifier.submit(List.of(pick), depth);
        }
        return next;
    }

    private static boolean due(Instant last, String every, Instant now) {
        return !now.isBefore(last.plus(Durations.parse(every)));
    }

    private Outcome outcome(BackupSpec spec, Last last) {
        Map<String, Object> facts = facts(spec, last);
        Optional<Job> lastBackup = lastJob(BackupRunner.KIND, false);
        Optional<Job> lastCheck = lastJob(VerifyRunner.KIND, false);
        String schedule = "snapshots every " + spec.snapshot().every() + (spec.incremental() == null ? ""
                : ", incrementals every " + spec.incremental().every());
        if (lastBackup.isPresent() && lastBackup.get().state() == Job.State.FAILED) {
            return Outcome.failing("the last backup (job " + lastBackup.get().id() + ") failed: " + lastBackup.get().outcome()
                    + "; " + schedule).with(facts);
        }
        if (lastCheck.isPresent() && lastCheck.get().state() == Job.State.FAILED) {
            return Outcome.failing("the last check (job " + lastCheck.get().id() + ") failed: " + lastCheck.get().outcome()).with(facts);
        }
        Optional<Job> running = backups.running();
        if (running.isPresent()) {
            return Outcome.converged(schedule + "; backup running: " + lastStep(running.get())).with(facts);
        }
        return Outcome.converged(schedule + lastBackup.map(j -> "; last backup " + backupDetail(j).get("id") + " at "
                + j.finishedAt()).orElse("; no backup yet")).with(facts);
    }

    private Map<String, Object> facts(BackupSpec spec, Last last) {
        Map<String, Object> f = new LinkedHashMap<>();
        lastJob(BackupRunner.KIND, true).ifPresent(j -> f.put("lastBackup", backupFacts(j)));
        jobs.get().page(j -> j.kind().equals(BackupRunner.KIND) && j.state() == Job.State.SUCCEEDED
                && BackupManifest.SNAPSHOT.equals(backupDetail(j).get("type")), 1, null).jobs().stream().findFirst()
                .ifPresent(j -> f.put("lastSnapshot", backupFacts(j)));
        backups.running().ifPresent(j -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("jobId", j.id());
            r.put("step", lastStep(j));
            if (j.progress() != null) {
                io.ringkeeper.jobs.Progress p = j.progress();
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("files", p.done());
                pm.put("filesTotal", p.total());
                pm.put("bytes", p.bytesDone());
                pm.put("bytesTotal", p.bytesTotal());
                pm.put("rate", p.rate());
                pm.put("eta", p.eta() == null ? null : p.eta().toString());
                r.put("progress", pm);
            }
            f.put("running", r);
        });
        lastJob(VerifyRunner.KIND, false).ifPresent(j -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("jobId", j.id());
            v.put("finishedAt", j.finishedAt().toString());
            v.put("ok", j.state() == Job.State.SUCCEEDED);
            v.put("outcome", j.outcome());
            f.put("lastVerify", v);
        });
        lastJob(BackupRunner.KIND, false).filter(j -> j.state() == Job.State.FAILED).ifPresent(j ->
                f.put("lastFailure", Map.of("jobId", j.id(), "finishedAt", j.finishedAt().toString(), "error",
                        String.valueOf(j.outcome()))));
        if (spec != null && last.snapshotSlot() != null) {
            f.put("nextSnapshotAt", last.snapshotSlot().plus(spec.snapshot().interval()).toString());
        }
        return f;
    }

    private static Map<String, Object> backupFacts(Job j) {
        Map<String, Object> d = backupDetail(j);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("id", d.get("id"));
        b.put("type", d.get("type"));
        b.put("finishedAt", j.finishedAt().toString()); // text: the status znodes' JSON writes times as numbers
        b.put("files", d.get("files"));
        b.put("bytes", d.get("bytes"));
        b.put("uploadedBytes", d.get("uploadedBytes"));
        return b;
    }

    @Override
    public Map<String, Object> present(Map<String, Object> detail, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>(detail);
        for (String key : List.of("lastBackup", "lastSnapshot")) {
            if (out.get(key) instanceof Map<?, ?> b && b.get("finishedAt") != null) {
                Map<String, Object> withAge = new LinkedHashMap<>();
                b.forEach((k, v) -> withAge.put(String.valueOf(k), v));
                withAge.put("ageSeconds", Duration.between(Instant.parse(String.valueOf(b.get("finishedAt"))), now).toSeconds());
                out.put(key, withAge);
            }
        }
        return out;
    }

    /**
     * The latest finished job of a kind on this node; with {@code succeeded}, the latest that succeeded and did something
     * (an incremental upload with nothing new to send leaves no backup).
     */
    private Optional<Job> lastJob(String kind, boolean succeeded) {
        return jobs.get().page(j -> j.kind().equals(kind) && j.finished() && (!succeeded || (j.state() == Job.State.SUCCEEDED
                && (!kind.equals(BackupRunner.KIND) || !backupDetail(j).isEmpty()))), 1, null).jobs().stream().findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> backupDetail(Job j) {
        return j.details().get("backup") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    private static String lastStep(Job j) {
        return j.steps().isEmpty() ? "starting" : j.steps().get(j.steps().size() - 1);
    }

    /** The latest slot at or before {@code now}: {@code every} from the epoch, shifted by {@code offset}. */
    static Instant slot(BackupSpec.Snapshot s, Instant now) {
        long every = s.interval().toMillis();
        long offset = s.offsetOrZero().toMillis();
        long t = now.toEpochMilli() - offset;
        return Instant.ofEpochMilli(Math.floorDiv(t, every) * every + offset);
    }

    private static Last with(Last l, Instant slot, Instant incremental, Instant verify, Instant deep, Instant drill, Boolean ours) {
        return new Last(slot != null ? slot : l.snapshotSlot(), incremental != null ? incremental : l.incremental(),
                verify != null ? verify : l.verify(), deep != null ? deep : l.deep(), drill != null ? drill : l.drill(),
                ours != null ? ours : l.incrementalsOurs());
    }

    Last read() throws IOException {
        if (!Files.exists(file)) {
            return Last.NONE;
        }
        return Manifests.JSON.readValue(file.toFile(), Last.class);
    }

    private void write(Last last) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, Manifests.JSON.writeValueAsBytes(last));
    }
}
