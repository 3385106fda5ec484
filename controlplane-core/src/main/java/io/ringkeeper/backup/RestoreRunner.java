package io.ringkeeper.backup;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraCql;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cassandra.DataSwap;
import io.ringkeeper.cassandra.Supervisor;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.files.AtomicFiles;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.http.ApiException;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A restore as a resumable job. Every file is first downloaded, in parallel, into a staging directory beside the data
 * directory (same file system, so moving it in is a rename) and its SHA-256 checked against the manifest; nothing the
 * node serves is touched until all of it is there and right. Then:
 * <ul>
 *   <li>mode {@code node}: mark the swap ({@link DataSwap}: nothing starts Cassandra meanwhile), stop Cassandra, move the
 *       restored keyspaces' current directories, the commit log and the saved caches aside, move the restored ones in,
 *       start Cassandra. The data it replaced stays aside until {@code POST /v1/restores/clean}.</li>
 *   <li>mode {@code tables}: create the keyspace and tables that are missing (from the backup's schema, with the tables'
 *       ids), then import each table's SSTables over JMX while the node keeps serving.</li>
 * </ul>
 * Each phase and each file is checkpointed, and each step is written to be safe when done twice, so a daemon killed
 * anywhere resumes the restore where it stopped.
 */
@Singleton
public final class RestoreRunner implements ResumableJob {
    static final String KIND = "restore";
    private static final Duration IMPORT_BUDGET = Duration.ofHours(6);

    private final Provider<JobRunner> jobs;
    private final Provider<CassandraLifecycle> lifecycle; // the lifecycle needs the job runner, which needs this
    private final CassandraJmx jmx;
    private final CassandraCql cql;
    private final CassandraMonitor monitor;
    private final Supervisor supervisor;
    private final CassandraConfig cassandra;
    private final NodeIdentity identity;
    private final ObjectStore store;
    private final Manifests manifests;
    private final BackgroundPool pool;
    private final DataSwap swap;
    private final String cluster;

    @Inject
    RestoreRunner(Provider<JobRunner> jobs, Provider<CassandraLifecycle> lifecycle, CassandraJmx jmx, CassandraCql cql,
                  CassandraMonitor monitor, Supervisor supervisor, RingkeeperConfig root, NodeIdentity identity, ObjectStore store,
                  BackgroundPool pool) {
        this.supervisor = supervisor;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.jmx = jmx;
        this.cql = cql;
        this.monitor = monitor;
        this.cassandra = root.cassandra();
        this.identity = identity;
        this.store = store;
        this.manifests = new Manifests(store);
        this.pool = pool;
        this.swap = new DataSwap(root.stateDir());
        this.cluster = root.clusterName();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Where restores stage and keep what they replaced: beside the first data directory, on its file system. */
    public static Path root(CassandraConfig cassandra) {
        return cassandra.dataDirs().get(0).toAbsolutePath().getParent().resolve("ringkeeper-restore");
    }

    /**
     * Resolves what to restore and starts the job; nothing is changed when the request cannot be met.
     *
     * @throws ApiException 404/422 when no backup matches, 409 while a restore or a backup runs
     */
    public Job submit(RestoreRequest request) throws IOException {
        String source = request.sourceCluster() != null ? request.sourceCluster() : cluster;
        List<BackupManifest> all = manifests.list(source);
        String instance = sourceInstance(request, source, all);
        RestorePoint point = RestorePoint.choose(all, source, instance, request.backupId(), request.at());
        Map<String, Object> files = new LinkedHashMap<>();
        Set<String> tables = new TreeSet<>();
        for (BackupManifest.File f : point.files()) {
            if (request.covers(f.keyspace(), f.table()) && !BackupRunner.NOT_DATA.contains(f.name())) {
                files.put(RestorePoint.key(f), List.of(f.sha256(), f.size(), f.dir()));
                tables.add(f.keyspace() + "." + f.table());
            }
        }
        for (String named : request.tables()) {
            if (tables.stream().noneMatch(t -> t.equals(named) || t.startsWith(named + "."))) {
                throw ApiException.unprocessable("backup " + point.snapshot().backupId() + " of node " + instance + " has no "
                        + (named.contains(".") ? "table " : "keyspace ") + named + "; it has " + String.join(", ", tables)
                        + "; nothing was changed", Map.of());
            }
        }
        if (jobs.get().running(BackupRunner.KIND).isPresent()) {
            throw ApiException.conflict("a backup of this node is running; restore when it has ended (or cancel it)", Map.of());
        }
        Map<String, Object> cp = new LinkedHashMap<>();
        cp.put("mode", request.mode());
        cp.put("sourceCluster", source);
        cp.put("sourceInstance", instance);
        cp.put("backups", point.backupIds());
        cp.put("tokens", point.snapshot().tokens());
        cp.put("keyspaces", point.snapshot().keyspaces());
        Map<String, String> schema = new TreeMap<>(point.snapshot().schema());
        schema.keySet().removeIf(t -> !tables.contains(t));
        cp.put("schema", schema);
        cp.put("files", files);
        cp.put("phase", "DOWNLOAD");
        try {
            return jobs.get().submit(new JobRunner.Kind(KIND, KIND, true), cp, this::run);
        } catch (JobRunner.ConflictException e) {
            throw io.ringkeeper.jobs.JobAnswers.conflict("restore", e);
        }
    }

    /** The node whose backups are restored: as asked; this node; or the node that held this node's tokens. */
    private String sourceInstance(RestoreRequest request, String source, List<BackupManifest> all) {
        if (request.sourceInstance() != null) {
            return request.sourceInstance();
        }
        String self = identity.require().id();
        if (source.equals(cluster) && all.stream().anyMatch(m -> m.instanceId().equals(self))) {
            return self;
        }
        List<String> tokens = monitor.last().map(CassandraMonitor.Observation::jmx).map(CassandraJmx.NodeStatus::tokens)
                .orElse(List.of());
        if (tokens.isEmpty()) {
            throw ApiException.unprocessable("cluster " + source + " has no backup of node " + self + ", and this node's tokens"
                    + " are unknown while Cassandra is not running: give sourceInstance; nothing was changed", Map.of());
        }
        Set<String> mine = new HashSet<>(tokens);
        return all.stream().filter(m -> new HashSet<>(m.tokens()).equals(mine)).reduce((a, b) -> b)
                .map(BackupManifest::instanceId)
                .orElseThrow(() -> ApiException.unprocessable("no backup of cluster " + source + " holds this node's tokens ("
                        + tokens.size() + " token(s)" + (tokens.isEmpty() ? "" : ", first " + tokens.get(0)) + "), and none is of node "
                        + self + ": give sourceInstance; nothing was changed", Map.of()));
    }

    @Override
    public JobRunner.Work resume(Job job) {
        return this::run;
    }

    /** One file to restore; {@code dir}: the index of the data directory it came from. */
    private record Planned(String key, String sha256, long size, int dir) {
        /** Where it is staged: under {@code d<dir>/}, so each data directory's share goes back to one. */
        Path in(Path staging) {
            return staging.resolve("d" + dir).resolve(key);
        }
    }

    @SuppressWarnings("unchecked")
    private String run(JobContext ctx) throws Exception {
        Map<String, Object> cp = new LinkedHashMap<>(ctx.checkpoint());
        boolean node = RestoreRequest.NODE.equals(cp.get("mode"));
        Path jobDir = root(cassandra).resolve(ctx.jobId());
        Path staging = jobDir.resolve("data");
        List<Planned> planned = new ArrayList<>();
        ((Map<String, List<Object>>) cp.get("files")).forEach((k, v) ->
                planned.add(new Planned(k, (String) v.get(0), ((Number) v.get(1)).longValue(),
                        v.size() > 2 ? ((Number) v.get(2)).intValue() : 0)));
        long total = planned.stream().mapToLong(Planned::size).sum();
        String from = "backup " + String.join(" + ", (List<String>) cp.get("backups")) + " of " + cp.get("sourceInstance")
                + " (cluster " + cp.get("sourceCluster") + ")";

        if ("DOWNLOAD".equals(cp.get("phase"))) {
            if (node) {
                sameFileSystem(jobDir);
            } else {
                requireReady();
            }
            download(ctx, cp, planned, staging, total, from);
            cp.put("phase", node ? "STOP" : "SCHEMA");
            ctx.checkpoint(cp);
        }
        if (node) {
            return node(ctx, cp, jobDir, staging, planned, total, from);
        }
        return tables(ctx, cp, staging, planned, total, from);
    }

    /**
     * A whole-node restore moves directories by renames, never copies: every directory it moves from or into must be on
     * the file system of its staging directory. Checked before anything is stopped or moved.
     */
    private void sameFileSystem(Path jobDir) throws IOException {
        Files.createDirectories(jobDir);
        java.nio.file.FileStore staging = Files.getFileStore(jobDir);
        List<Path> dirs = new ArrayList<>(cassandra.dataDirs());
        if (cassandra.commitlogDir() != null) {
            dirs.add(cassandra.commitlogDir());
        }
        if (cassandra.savedCachesDir() != null) {
            dirs.add(cassandra.savedCachesDir());
        }
        for (Path d : dirs) {
            if (Files.isDirectory(d) && !Files.getFileStore(d).equals(staging)) {
                throw new IllegalStateException(d + " is on another file system (" + Files.getFileStore(d) + ") than "
                        + jobDir + " (" + staging + "): a whole-node restore moves data by renames, never by copies; nothing"
                        + " was stopped or moved. Restore tables online instead (mode tables), or restore by hand");
            }
        }
    }

    /** Empty when the node runs the tokens the backed-up node had; else what that means and what to do. */
    @SuppressWarnings("unchecked")
    private String tokensWarning(Map<String, Object> cp) {
        List<String> backedUp = (List<String>) cp.getOrDefault("tokens", List.of());
        try {
            List<String> now = jmx.status().tokens();
            if (backedUp.isEmpty() || new java.util.HashSet<>(now).equals(new java.util.HashSet<>(backedUp))) {
                return "";
            }
            return ". NOTE: Cassandra runs with other tokens than the backed-up node had (" + now.size() + " token(s), first "
                    + (now.isEmpty() ? "none" : now.get(0)) + "; the backup's first " + backedUp.get(0) + "), so some of the"
                    + " data may be for ranges this node does not own: run nodetool cleanup, and repair; to keep the tokens,"
                    + " restore onto the node's own token slot (ZooKeeper) or set cassandra.initial_token";
        } catch (CassandraJmx.JmxUnavailableException e) {
            return "";
        }
    }

    private void requireReady() {
        if (!monitor.last().map(CassandraMonitor.Observation::ready).orElse(false)) {
            throw new IllegalStateException("Cassandra is not ready: a tables restore imports into the running node; start it"
                    + " (POST /v1/cassandra/start), or restore the whole node (mode node)");
        }
    }

    @SuppressWarnings("unchecked")
    private void download(JobContext ctx, Map<String, Object> cp, List<Planned> planned, Path staging, long total, String from)
            throws Exception {
        Set<String> done = new LinkedHashSet<>((List<String>) cp.getOrDefault("done", List.of()));
        List<Planned> todo = new ArrayList<>(planned.stream().filter(p -> !done.contains(p.key())).toList());
        todo.sort(Comparator.comparingLong(Planned::size).reversed());
        long bytesDone = total - todo.stream().mapToLong(Planned::size).sum();
        ctx.step("downloading " + from + ": " + todo.size() + " file(s), " + (total - bytesDone) + " bytes, into " + staging
                + (done.isEmpty() ? "" : "; " + done.size() + " already here"));
        Transfer transfer = new Transfer(null, ctx::cancelRequested);
        long[] counted = {bytesDone};
        ctx.progress(done.size(), planned.size(), "files", bytesDone, total);
        ParallelFiles.run(pool, todo, transfer, ctx, p -> {
            Path target = p.in(staging);
            Files.createDirectories(target.getParent());
            // Hashed as it arrives (each range once the ones before it are in), not read again afterwards.
            java.security.MessageDigest digest = Blobs.newSha256();
            store.get(BlobKeys.blob(p.sha256()), target, transfer, digest::update);
            String sha = java.util.HexFormat.of().formatHex(digest.digest());
            if (!sha.equals(p.sha256()) || Files.size(target) != p.size()) {
                Files.deleteIfExists(target);
                throw new IOException("blob " + p.sha256() + " (" + p.key() + ") is damaged in the store: its bytes hash to "
                        + sha + "; restore an older backup (POST /v1/backups/{id}/verify shows which are whole)");
            }
            synchronized (done) {
                done.add(p.key());
                counted[0] += p.size();
                // At most once a second: a restart fetches again only the files of that last second. The next phase's
                // checkpoint saves the whole list.
                ctx.checkpointSoon(() -> {
                    cp.put("done", new ArrayList<>(done));
                    return new java.util.LinkedHashMap<>(cp);
                });
                ctx.progress(done.size(), planned.size(), "files", counted[0], total);
            }
        });
        ctx.step("downloaded and checked " + planned.size() + " file(s), " + total + " bytes");
    }

    /** The keyspaces a whole-node restore replaces: those it brings back. */
    private static Set<String> keyspaces(List<Planned> planned) {
        Set<String> out = new TreeSet<>();
        planned.forEach(p -> out.add(p.key().substring(0, p.key().indexOf('/'))));
        return out;
    }

    private String node(JobContext ctx, Map<String, Object> cp, Path jobDir, Path staging, List<Planned> planned, long total,
                        String from) throws Exception {
        Path aside = jobDir.resolve("aside");
        Set<String> keyspaces = keyspaces(planned);
        if ("STOP".equals(cp.get("phase"))) {
            sameFileSystem(jobDir); // again: a disk may have been mounted since the download
            swap.mark(ctx.jobId()); // from here until the data is in, nothing starts Cassandra
            try {
                if (supervisor.pid().isPresent()) {
                    ctx.step("stopping Cassandra (drain, then stop)");
                    Job stop = lifecycle.get().runToCompletion(() -> lifecycle.get().submit("stop", null),
                            cassandra.drainTimeout().plus(cassandra.stopTimeout()).plusMinutes(5));
                    if (stop.state() != Job.State.SUCCEEDED) {
                        throw new IllegalStateException("Cassandra did not stop (job " + stop.id() + ": " + stop.outcome()
                                + "); its data is untouched");
                    }
                }
            } catch (Exception | Error e) {
                swap.clear(); // nothing was moved: Cassandra may start again
                throw e;
            }
            cp.put("phase", "ASIDE");
            ctx.checkpoint(cp);
        }
        try {
            return moveAndStart(ctx, cp, jobDir, staging, planned, total, from, aside, keyspaces);
        } catch (Exception e) {
            if (swap.holder().isPresent()) {
                throw new IllegalStateException(e.getMessage() + ". The node's data is partly moved: what it had is in " + aside
                        + ", the backup's in " + staging + "; Cassandra will not start until " + swap.marker()
                        + " is removed (after putting the data in place by hand), or until this restore is run again", e);
            }
            throw e;
        }
    }

    private String moveAndStart(JobContext ctx, Map<String, Object> cp, Path jobDir, Path staging, List<Planned> planned,
                                long total, String from, Path aside, Set<String> keyspaces) throws Exception {
        if ("ASIDE".equals(cp.get("phase"))) {
            int moved = 0;
            for (int i = 0; i < cassandra.dataDirs().size(); i++) {
                for (String ks : keyspaces) {
                    moved += move(cassandra.dataDirs().get(i).resolve(ks), aside.resolve("data" + i).resolve(ks));
                }
            }
            // The commit log would replay writes made after the backup on top of it; the caches name old SSTables.
            moved += moveChildren(cassandra.commitlogDir(), aside.resolve("commitlog"));
            moved += moveChildren(cassandra.savedCachesDir(), aside.resolve("saved_caches"));
            ctx.step("moved the current " + String.join(", ", keyspaces) + " data, commit log and saved caches aside to " + aside
                    + " (" + moved + " item(s))");
            cp.put("phase", "MOVE_IN");
            ctx.checkpoint(cp);
        }
        if ("MOVE_IN".equals(cp.get("phase"))) {
            List<Path> dataDirs = cassandra.dataDirs();
            for (Path d : staged(staging)) {
                // Each data directory's files back into it (the last one takes any beyond the node's count).
                int i = Math.min(Integer.parseInt(d.getFileName().toString().substring(1)), dataDirs.size() - 1);
                Files.createDirectories(dataDirs.get(i));
                for (String ks : keyspaces) {
                    moveMerging(d.resolve(ks), dataDirs.get(i).resolve(ks));
                }
            }
            ctx.step("moved the restored data into " + dataDirs);
            swap.clear();
            cp.put("phase", "START");
            ctx.checkpoint(cp);
        }
        if ("START".equals(cp.get("phase"))) {
            ctx.step("starting Cassandra on the restored data");
            Job start = lifecycle.get().runToCompletion(() -> lifecycle.get().submit("start", null),
                    cassandra.readyTimeout().plusMinutes(5));
            if (start.state() != Job.State.SUCCEEDED) {
                throw new IllegalStateException("Cassandra did not start on the restored data (job " + start.id() + ": "
                        + start.outcome() + "); the data it replaced is in " + aside);
            }
            FileTrees.delete(staging);
            cp.put("phase", "DONE");
            ctx.checkpoint(cp);
        }
        String tokens = tokensWarning(cp);
        ctx.detail("restore", Map.of("mode", "node", "backups", cp.get("backups"), "files", planned.size(), "bytes", total,
                "aside", aside.toString(), "sameTokens", tokens.isEmpty()));
        return "restored " + from + ": " + planned.size() + " file(s), " + total + " bytes; Cassandra runs on them. The data"
                + " they replaced is kept in " + aside + " until `ringkeeper restore clean`" + tokens;
    }

    @SuppressWarnings("unchecked")
    private String tables(JobContext ctx, Map<String, Object> cp, Path staging, List<Planned> planned, long total, String from)
            throws Exception {
        Map<String, Set<Path>> tableDirs = new TreeMap<>(); // keyspace.table → its staging directories
        for (Planned p : planned) {
            String[] parts = p.key().split("/", 3);
            int dash = parts[1].lastIndexOf('-');
            // The table's own directory: a secondary index's files are in a subdirectory of it, imported with it.
            tableDirs.computeIfAbsent(parts[0] + "." + (dash > 0 ? parts[1].substring(0, dash) : parts[1]), k -> new TreeSet<>())
                    .add(staging.resolve("d" + p.dir()).resolve(parts[0]).resolve(parts[1]));
        }
        if ("SCHEMA".equals(cp.get("phase"))) {
            requireReady();
            List<String> statements = new ArrayList<>();
            Map<String, String> keyspaceStatements = (Map<String, String>) cp.getOrDefault("keyspaces", Map.of());
            Map<String, String> schema = (Map<String, String>) cp.getOrDefault("schema", Map.of());
            Map<String, List<String>> existing = new TreeMap<>();
            for (String t : tableDirs.keySet()) {
                String ks = t.substring(0, t.indexOf('.'));
                List<String> have = existing.computeIfAbsent(ks, k -> {
                    try {
                        return cql.tables(k);
                    } catch (CassandraCql.CqlException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
                if (have.isEmpty() && statements.stream().noneMatch(s -> s.startsWith("CREATE KEYSPACE IF NOT EXISTS " + ks + " "))) {
                    String create = keyspaceStatements.get(ks);
                    if (create == null) {
                        throw new IllegalStateException("keyspace " + ks + " does not exist and the backup has no definition"
                                + " of it: create it (with the replication you want), then restore again");
                    }
                    statements.add(create.strip().replaceFirst("(?i)^CREATE KEYSPACE (IF NOT EXISTS )?", "CREATE KEYSPACE IF NOT EXISTS "));
                }
                if (!have.contains(t.substring(ks.length() + 1))) {
                    String cqlText = schema.get(t);
                    if (cqlText == null) {
                        throw new IllegalStateException("table " + t + " does not exist and the backup has no schema of it:"
                                + " create it, then restore again");
                    }
                    statements.addAll(SchemaText.statements(cqlText));
                }
            }
            if (!statements.isEmpty()) {
                ctx.step("creating what is missing of the schema: " + statements.size() + " statement(s)");
                cql.executeSchema(statements);
            }
            cp.put("phase", "IMPORT");
            ctx.checkpoint(cp);
        }
        if ("IMPORT".equals(cp.get("phase"))) {
            Set<String> imported = new LinkedHashSet<>((List<String>) cp.getOrDefault("imported", List.of()));
            for (Map.Entry<String, Set<Path>> t : tableDirs.entrySet()) {
                if (imported.contains(t.getKey())) {
                    continue;
                }
                ctx.checkCancelled();
                List<Path> dirs = new ArrayList<>();
                for (Path d : t.getValue()) {
                    if (hasFiles(d)) {
                        dirs.add(d);
                    }
                }
                String ks = t.getKey().substring(0, t.getKey().indexOf('.'));
                String table = t.getKey().substring(ks.length() + 1);
                if (!dirs.isEmpty()) {
                    ctx.step("importing " + t.getKey() + " over JMX");
                    List<String> failed = jmx.importNewSSTables(ks, table, dirs, IMPORT_BUDGET);
                    if (!failed.isEmpty()) {
                        throw new IllegalStateException("Cassandra could not import " + t.getKey() + " from " + failed
                                + " (its log says why); the files stay there for another attempt");
                    }
                }
                imported.add(t.getKey());
                cp.put("imported", new ArrayList<>(imported));
                ctx.checkpoint(cp);
            }
            FileTrees.delete(staging.getParent());
            cp.put("phase", "DONE");
            ctx.checkpoint(cp);
        }
        ctx.detail("restore", Map.of("mode", "tables", "backups", cp.get("backups"), "tables", List.copyOf(tableDirs.keySet()),
                "files", planned.size(), "bytes", total));
        return "restored " + tableDirs.size() + " table(s) from " + from + ": " + planned.size() + " file(s), " + total
                + " bytes imported while the node kept serving";
    }

    private static boolean hasFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    /** The staging directories of the data directories ({@code d0}, {@code d1}, ...). */
    private static List<Path> staged(Path staging) throws IOException {
        if (!Files.isDirectory(staging)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(staging)) {
            return s.filter(p -> p.getFileName().toString().matches("d[0-9]+")).sorted().toList();
        }
    }

    /** Moves a directory into place: a rename, or, where the target exists, its entries one by one. Safe to repeat. */
    private static void moveMerging(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        if (!Files.exists(to)) {
            move(from, to);
            return;
        }
        if (!Files.isDirectory(from) || !Files.isDirectory(to)) {
            throw new IOException("cannot restore " + from + ": " + to + " is already there");
        }
        try (Stream<Path> s = Files.list(from)) {
            for (Path child : s.toList()) {
                moveMerging(child, to.resolve(child.getFileName().toString()));
            }
        }
        Files.delete(from);
    }

    /** Renames {@code from} to {@code to} if it is still there; 1 when it moved. Safe to repeat. */
    private static int move(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return 0;
        }
        Files.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(to.getParent());
        return 1;
    }

    private static int moveChildren(Path dir, Path to) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int moved = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path child : s.toList()) {
                moved += move(child, to.resolve(child.getFileName().toString()));
            }
        }
        return moved;
    }
}
