package io.ringkeeper.backup;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraCql;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.SnapshotFiles;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Throttle;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.ResumableJob;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's backup as a resumable job. A snapshot backup: snapshot (JMX) → upload every file not stored yet → write the
 * manifest, last → clear the snapshot. An incremental one: list the links Cassandra put in each table's
 * {@code backups/} → upload → manifest → remove the uploaded links. The list of files is fixed in the checkpoint before
 * the upload starts, and each file uploaded is checkpointed before the job goes on, so a daemon killed anywhere resumes
 * where it stopped: a file whose upload was cut off is sent again, one already stored is not, and a backup without its
 * manifest does not exist.
 *
 * <p>Uploads run {@link ParallelFiles#PARALLEL} files at a time on the {@link BackgroundPool}, under one shared throttle.
 * SSTables that compaction has already replaced (the snapshot holds their only link) go first, and each is removed
 * from the snapshot once stored, so their disk space comes back during the upload rather than after it; then the
 * largest first.
 */
@Singleton
public final class BackupRunner implements ResumableJob {
    private static final Logger log = LoggerFactory.getLogger(BackupRunner.class);
    static final String KIND = "backup";
    /** A snapshot's own description files (they name the snapshot): not uploaded. */
    static final java.util.Set<String> NOT_DATA = java.util.Set.of("schema.cql", "manifest.json");
    private static final Duration SNAPSHOT_BUDGET = Duration.ofMinutes(30);
    private static final Duration JMX_WAIT = Duration.ofMinutes(5);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Provider<JobRunner> jobs; // a Provider: the runner resumes this kind, so it needs this first
    private final CassandraJmx jmx;
    private final CassandraCql cql;
    private final io.ringkeeper.cassandra.CassandraMonitor monitor;
    private final CassandraConfig cassandra;
    private final NodeIdentity identity;
    private final Blobs blobs;
    private final Manifests manifests;
    private final BackgroundPool pool;
    private final BlobLock lock;
    private final String cluster;
    private final Clock clock;

    @Inject
    BackupRunner(Provider<JobRunner> jobs, CassandraJmx jmx, CassandraCql cql,
                 io.ringkeeper.cassandra.CassandraMonitor monitor, RingkeeperConfig root,
                 NodeIdentity identity, ObjectStore store, BackgroundPool pool, BlobLock lock, Clock clock) {
        this.lock = lock;
        this.jobs = jobs;
        this.jmx = jmx;
        this.cql = cql;
        this.monitor = monitor;
        this.cassandra = root.cassandra();
        this.identity = identity;
        this.blobs = new Blobs(store);
        this.manifests = new Manifests(store);
        this.pool = pool;
        this.cluster = root.clusterName();
        this.clock = clock;
    }

    /**
     * What to back up and how.
     *
     * @param type      {@link BackupManifest#SNAPSHOT} or {@link BackupManifest#INCREMENTAL}
     * @param throttle  bytes per second for the node's uploads; 0: unthrottled
     * @param deadline  when set, the upload is paced to end by then (never faster than the throttle allows)
     * @param reason    why the backup runs ("on demand", "scheduled for ..."), for the job's record
     */
    public record Request(String type, BackupScope scope, long throttle, Instant deadline, String reason) {
        public static Request onDemand() {
            return new Request(BackupManifest.SNAPSHOT, BackupScope.EVERYTHING, 0, null, "on demand");
        }

        Map<String, Object> toCheckpoint() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type);
            m.put("include", scope.include());
            m.put("exclude", scope.exclude());
            m.put("throttle", throttle);
            if (deadline != null) {
                m.put("deadline", deadline.toString());
            }
            m.put("reason", reason);
            return m;
        }

        @SuppressWarnings("unchecked")
        static Request fromCheckpoint(Object o) {
            if (!(o instanceof Map<?, ?> m)) {
                return onDemand(); // a job checkpointed before requests were recorded
            }
            return new Request((String) m.get("type"), new BackupScope((List<String>) m.get("include"), (List<String>) m.get("exclude")),
                    ((Number) m.get("throttle")).longValue(), m.get("deadline") == null ? null : Instant.parse((String) m.get("deadline")),
                    (String) m.get("reason"));
        }
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Starts a snapshot backup of this node now, of every user table, unthrottled. */
    public Job submit() throws JobRunner.ConflictException, IOException {
        return submit(Request.onDemand());
    }

    public Job submit(Request request) throws JobRunner.ConflictException, IOException {
        java.util.Optional<Job> restoring = jobs.get().running(RestoreRunner.KIND);
        if (restoring.isPresent()) {
            throw new JobRunner.ConflictException(restoring.get()); // a restore moves the data a snapshot would read
        }
        String id = ID_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8)
                + (BackupManifest.INCREMENTAL.equals(request.type()) ? "-inc" : "");
        return jobs.get().submit(new JobRunner.Kind(KIND, KIND, true), Map.of("backupId", id, "phase",
                BackupManifest.SNAPSHOT.equals(request.type()) ? "SNAPSHOT" : "LIST", "startedAt", clock.instant().toString(),
                "request", request.toCheckpoint()), this::run);
    }

    /** The running backup of this node, if any. */
    public java.util.Optional<Job> running() {
        return jobs.get().running(KIND);
    }

    @Override
    public JobRunner.Work resume(Job job) {
        return this::run;
    }

    /** One file to upload, as fixed in the checkpoint before the upload starts. */
    private record Planned(String key, Path path, long size) {
    }

    @SuppressWarnings("unchecked")
    private String run(JobContext ctx) throws Exception {
        Map<String, Object> cp = new LinkedHashMap<>(ctx.checkpoint());
        String id = (String) cp.get("backupId");
        Request request = Request.fromCheckpoint(cp.get("request"));
        boolean snapshot = BackupManifest.SNAPSHOT.equals(request.type());
        String tag = "ringkeeper-" + id;
        CassandraJmx.NodeStatus status = awaitJmx(ctx);
        java.util.concurrent.CompletableFuture<Map<String, String>> definitions = null;

        if ("SNAPSHOT".equals(cp.get("phase"))) {
            ctx.step("taking snapshot " + tag + " over JMX");
            // A snapshot cut short by a crash would count as taken ("already exists") with tables missing: start it over.
            jmx.clearSnapshot(tag);
            // Incremental links of SSTables flushed before this snapshot: their data is in it (as they are, or
            // compacted). Removed once the manifest is written, so the next incremental upload starts from here.
            List<SnapshotFiles.SnapshotFile> before = covered(SnapshotFiles.incremental(cassandra.dataDirs()), request.scope());
            // Only the keyspaces backed up (and the schema's): a snapshot flushes every table it takes, and the system
            // keyspaces' many small tables cost seconds of flushing for files a backup does not keep.
            List<String> keyspaces = jmx.keyspaces().stream().filter(request.scope()::coversKeyspace).sorted().toList();
            jmx.takeSnapshot(tag, keyspaces, SNAPSHOT_BUDGET);
            List<SnapshotFiles.SnapshotFile> files = covered(SnapshotFiles.list(cassandra.dataDirs(), tag), request.scope());
            ctx.step("snapshot taken: " + files.size() + " file(s) of " + keyspaces.size() + " keyspace(s)");
            java.util.Set<String> inSnapshot = new java.util.HashSet<>();
            files.forEach(f -> inSnapshot.add(f.keyspace() + "/" + f.tableDir() + "/" + f.relative()));
            List<String> covered = new ArrayList<>();
            before.forEach(f -> covered.add(f.path().toString()));
            for (SnapshotFiles.SnapshotFile link : covered(SnapshotFiles.incremental(cassandra.dataDirs()), request.scope())) {
                if (inSnapshot.contains(link.keyspace() + "/" + link.tableDir() + "/" + link.relative())) {
                    covered.add(link.path().toString()); // flushed by the snapshot itself
                }
            }
            cp.put("coveredLinks", covered);
            Map<String, String> schema = new TreeMap<>();
            for (SnapshotFiles.SnapshotFile f : files) {
                if (f.relative().equals("schema.cql") && !BackupScope.isSystem(f.keyspace())) {
                    schema.put(f.keyspace() + "." + f.table(), Files.readString(f.path()));
                }
            }
            cp.put("schema", schema);
            // The keyspaces' definitions go in the manifest; read over CQL while the files upload, not before.
            List<String> userKeyspaces = files.stream().map(SnapshotFiles.SnapshotFile::keyspace).filter(k -> !BackupScope.isSystem(k))
                    .distinct().toList();
            definitions = java.util.concurrent.CompletableFuture.supplyAsync(() -> keyspaceStatements(userKeyspaces, ctx), pool);
            // Cassandra's description of the snapshot is not data: the schema is in the manifest, and the files too.
            plan(cp, files.stream().filter(f -> !NOT_DATA.contains(f.relative())).toList());
            cp.put("phase", "UPLOAD");
            ctx.checkpoint(cp);
        }
        if ("LIST".equals(cp.get("phase"))) {
            // A flush first: what was written up to now is then in SSTables, and so in this upload.
            for (String ks : userKeyspaces(cassandra.dataDirs())) {
                if (request.scope().coversKeyspace(ks)) {
                    jmx.flush(ks, SNAPSHOT_BUDGET);
                }
            }
            List<SnapshotFiles.SnapshotFile> all = SnapshotFiles.incremental(cassandra.dataDirs());
            List<SnapshotFiles.SnapshotFile> files = covered(all, request.scope());
            int dropped = 0;
            for (SnapshotFiles.SnapshotFile f : all) {
                // Cassandra links every table's flushes; those out of scope are never uploaded, and would keep the disk
                // space of SSTables compaction has replaced.
                if (!request.scope().covers(f.keyspace(), f.table())) {
                    dropped += Files.deleteIfExists(f.path()) ? 1 : 0;
                }
            }
            ctx.step("found " + files.size() + " incremental file(s) in the tables' backups/ directories"
                    + (dropped > 0 ? "; removed " + dropped + " of tables not backed up" : ""));
            if (files.isEmpty()) {
                return "no SSTable flushed since the last incremental upload: nothing to send";
            }
            plan(cp, files);
            cp.put("phase", "UPLOAD");
            ctx.checkpoint(cp);
        }
        List<Planned> planned = planned(cp);
        Map<String, String> done = new LinkedHashMap<>((Map<String, String>) cp.getOrDefault("done", Map.of()));
        long uploaded = ((Number) cp.getOrDefault("uploadedBytes", 0)).longValue();
        if ("UPLOAD".equals(cp.get("phase"))) {
            uploaded = upload(ctx, cp, planned, done, uploaded, request, snapshot);
            cp.put("phase", "MANIFEST");
            ctx.checkpoint(cp);
        }
        if ("MANIFEST".equals(cp.get("phase"))) {
            if (snapshot && !cp.containsKey("keyspaces")) {
                // Resumed after a restart: read them now, for the keyspaces of the planned files.
                cp.put("keyspaces", definitions != null ? definitions.join() : keyspaceStatements(planned.stream()
                        .map(p -> p.key().substring(0, p.key().indexOf('/'))).filter(k -> !BackupScope.isSystem(k)).distinct()
                        .toList(), ctx));
            }
            Instance self = identity.require();
            List<BackupManifest.File> entries = new ArrayList<>();
            for (Planned p : planned) {
                String sha = done.get(p.key());
                if (sha == null) {
                    throw new IllegalStateException(p.key() + " is in the backup but was not uploaded; the backup is not complete");
                }
                String[] parts = p.key().split("/", 3);
                int dash = parts[1].lastIndexOf('-');
                entries.add(new BackupManifest.File(parts[0], dash > 0 ? parts[1].substring(0, dash) : parts[1], parts[1],
                        parts[2], p.size(), sha, dataDirOf(p.path())));
            }
            BackupManifest m = new BackupManifest(BackupManifest.FORMAT, id, request.type(), cluster, self.dc(), self.rack(),
                    self.id(), status.hostId(), status.tokens(), status.releaseVersion(), Instant.parse((String) cp.get("startedAt")),
                    clock.instant(), (Map<String, String>) cp.getOrDefault("keyspaces", Map.of()),
                    (Map<String, String>) cp.getOrDefault("schema", Map.of()), entries);
            Map<String, Path> paths = new java.util.HashMap<>();
            planned.forEach(p -> paths.put(p.key(), p.path()));
            String key = manifests.write(m, lock, f -> paths.get(RestorePoint.key(f)), pool);
            ctx.step("manifest written: " + key);
            cp.put("phase", "CLEAR");
            cp.put("manifest", key);
            ctx.checkpoint(cp);
        }
        if (snapshot) {
            jmx.clearSnapshot(tag);
            int removed = 0;
            for (String link : (List<String>) cp.getOrDefault("coveredLinks", List.of())) {
                removed += Files.deleteIfExists(Path.of(link)) ? 1 : 0;
            }
            if (removed > 0) {
                ctx.step("removed " + removed + " incremental link(s) this snapshot covers");
            }
        } else {
            int removed = 0;
            for (Planned p : planned) {
                // Only the link that was uploaded: a file of the same name and size (SSTables are never rewritten).
                if (Files.exists(p.path()) && Files.size(p.path()) == p.size()) {
                    Files.delete(p.path());
                    removed++;
                }
            }
            ctx.step("removed " + removed + " uploaded link(s) from backups/");
        }
        long total = planned.stream().mapToLong(Planned::size).sum();
        ctx.detail("backup", Map.of("id", id, "type", request.type(), "manifest", cp.get("manifest"), "files", planned.size(),
                "bytes", total, "uploadedBytes", uploaded));
        return (snapshot ? "backup " : "incremental backup ") + id + ": " + planned.size() + " file(s), " + total + " bytes, "
                + uploaded + " bytes uploaded (the rest was stored already)";
    }

    /** The index of the data directory that holds {@code file} (0 when none does: it was listed from the first). */
    private int dataDirOf(Path file) {
        List<Path> dirs = cassandra.dataDirs();
        for (int i = 0; i < dirs.size(); i++) {
            if (file.toAbsolutePath().startsWith(dirs.get(i).toAbsolutePath())) {
                return i;
            }
        }
        return 0;
    }

    /** The user keyspaces with a directory in a data directory. */
    private static java.util.Set<String> userKeyspaces(List<Path> dataDirs) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Path d : dataDirs) {
            if (Files.isDirectory(d)) {
                try (java.util.stream.Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(k -> !BackupScope.isSystem(k))
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * Cassandra's JMX status, waiting a while for it: a backup resumed by a daemon that just started may ask before
     * Cassandra (still running, or starting) answers. No wait when Cassandra is seen not running at all.
     */
    private CassandraJmx.NodeStatus awaitJmx(JobContext ctx) throws InterruptedException {
        long deadline = System.nanoTime() + JMX_WAIT.toNanos();
        while (true) {
            try {
                return jmx.status();
            } catch (CassandraJmx.JmxUnavailableException e) {
                if (monitor.last().map(o -> o.pid() == null).orElse(false)) {
                    throw new IllegalStateException("Cassandra is not running: a backup needs a running node; start it"
                            + " (POST /v1/cassandra/start) and back up again");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cassandra did not answer JMX within " + JMX_WAIT.toMinutes() + " minutes ("
                            + e.getMessage() + "): a backup needs a running node");
                }
                ctx.checkCancelled();
                Thread.sleep(1000);
            }
        }
    }

    private static List<SnapshotFiles.SnapshotFile> covered(List<SnapshotFiles.SnapshotFile> files, BackupScope scope) {
        return files.stream().filter(f -> scope.covers(f.keyspace(), f.table())).toList();
    }

    /** The CREATE KEYSPACE statement of each user keyspace backed up; missing ones only weaken a restore, so noted. */
    /** The keyspaces' {@code CREATE KEYSPACE} statements; none (and a step saying so) when CQL cannot give them. */
    private Map<String, String> keyspaceStatements(List<String> keyspaces, JobContext ctx) {
        if (keyspaces.isEmpty()) {
            return Map.of();
        }
        try {
            return new TreeMap<>(cql.createKeyspaceStatements(keyspaces));
        } catch (CassandraCql.CqlException e) {
            ctx.step("could not read the keyspaces' definitions (" + e.getMessage() + "): a restore onto a cluster without"
                    + " them must create the keyspaces first");
            log.warn("backup: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Fixes the files of the backup in the checkpoint: a resumed job uploads exactly these, even if some are gone. */
    private static void plan(Map<String, Object> cp, List<SnapshotFiles.SnapshotFile> files) {
        Map<String, Object> planned = new LinkedHashMap<>();
        for (SnapshotFiles.SnapshotFile f : files) {
            // Several data directories may each hold a table's schema.cql: one is enough.
            planned.putIfAbsent(f.keyspace() + "/" + f.tableDir() + "/" + f.relative(), List.of(f.path().toString(), f.size()));
        }
        cp.put("files", planned);
    }

    @SuppressWarnings("unchecked")
    private static List<Planned> planned(Map<String, Object> cp) {
        List<Planned> out = new ArrayList<>();
        ((Map<String, List<Object>>) cp.getOrDefault("files", Map.of())).forEach((k, v) ->
                out.add(new Planned(k, Path.of((String) v.get(0)), ((Number) v.get(1)).longValue())));
        return out;
    }

    private long upload(JobContext ctx, Map<String, Object> cp, List<Planned> planned, Map<String, String> done, long uploaded,
                        Request request, boolean snapshot) throws Exception {
        long total = planned.stream().mapToLong(Planned::size).sum();
        List<Planned> todo = new ArrayList<>(planned.stream().filter(p -> !done.containsKey(p.key())).toList());
        long bytesDone = total - todo.stream().mapToLong(Planned::size).sum();
        // Replaced SSTables first (their space comes back as each is stored), then the largest first.
        todo.sort(Comparator.comparing((Planned p) -> !replaced(p, snapshot)).thenComparing(Comparator.comparingLong(Planned::size).reversed()));
        long rate = rate(request, total - bytesDone);
        Transfer transfer = new Transfer(rate > 0 ? new Throttle(rate) : null, ctx::cancelRequested);
        ctx.step("uploading " + todo.size() + " file(s), " + (total - bytesDone) + " bytes, " + ParallelFiles.PARALLEL + " at a time"
                + (rate > 0 ? " at most " + rate / (1 << 20) + " MiB/s" + (request.deadline() != null ? " (paced to end by "
                + request.deadline() + ")" : "") : "") + (done.isEmpty() ? "" : "; " + done.size() + " already stored"));
        ctx.progress(done.size(), planned.size(), "files", bytesDone, total);
        Progress progress = new Progress(ctx, cp, done, uploaded, bytesDone, total, planned.size());
        ParallelFiles.run(pool, todo, transfer, ctx, p -> {
            Blobs.Stored stored = blobs.store(p.path(), transfer);
            boolean deleteAfter = snapshot && stored.uploaded() && replaced(p, true);
            progress.stored(p, stored, deleteAfter);
            if (deleteAfter) {
                // Stored by this job and checkpointed: its space is free now. Only a blob this job wrote: retention
                // leaves it alone for its grace period, so the manifest will find it without the file.
                Files.deleteIfExists(p.path());
            }
        });
        progress.finish();
        return progress.uploaded();
    }

    /** Bytes per second for this upload: the throttle, lowered when pacing lets the upload end by its deadline anyway. */
    private long rate(Request request, long remaining) {
        long rate = request.throttle();
        if (request.deadline() != null) {
            long seconds = Duration.between(clock.instant(), request.deadline()).toSeconds();
            if (seconds > 0) {
                // A fifth to spare: the store's speed varies, and the deadline is the next snapshot.
                long paced = Math.max(BackupSpec.LEAST_THROTTLE, (long) (remaining / (double) seconds * 1.2));
                rate = rate > 0 ? Math.min(rate, paced) : paced;
            }
        }
        return rate;
    }

    /** Whether an SSTable file of a snapshot is its only link: compaction has replaced it in the live table. */
    private static boolean replaced(Planned p, boolean snapshot) {
        if (!snapshot) {
            return false;
        }
        try {
            return ((Number) Files.getAttribute(p.path(), "unix:nlink")).intValue() == 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Counts and checkpoints stored files; shared by the parallel uploads (this object's lock). */
    private static final class Progress {
        private final JobContext ctx;
        private final Map<String, Object> cp;
        private final Map<String, String> done;
        private final long total;
        private final int files;
        private long uploaded;
        private long bytesDone;

        Progress(JobContext ctx, Map<String, Object> cp, Map<String, String> done, long uploaded, long bytesDone, long total,
                 int files) {
            this.ctx = ctx;
            this.cp = cp;
            this.done = done;
            this.uploaded = uploaded;
            this.bytesDone = bytesDone;
            this.total = total;
            this.files = files;
        }

        /**
         * Counts a stored file. The checkpoint is written at most once a second ({@link JobContext#checkpointSoon}), and
         * always before a file is deleted (its hash is then nowhere else): a file stored but not yet checkpointed when the
         * daemon dies is hashed again on resume and found in the store, not sent again.
         */
        synchronized void stored(Planned p, Blobs.Stored stored, boolean deletedNext) {
            done.put(p.key(), stored.sha256());
            uploaded += stored.uploaded() ? stored.size() : 0;
            bytesDone += p.size();
            if (deletedNext) {
                ctx.checkpoint(finish());
            } else {
                ctx.checkpointSoon(this::finish);
            }
            ctx.progress(done.size(), files, "files", bytesDone, total);
        }

        /** Puts every stored file in the checkpoint, and returns it; the caller saves it with the next phase. */
        synchronized Map<String, Object> finish() {
            cp.put("done", new LinkedHashMap<>(done));
            cp.put("uploadedBytes", uploaded);
            return new LinkedHashMap<>(cp);
        }

        synchronized long uploaded() {
            return uploaded;
        }
    }
}
