package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.local.LocalObjectStore;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/**
 * A backup job picked up after a daemon restart, at each phase it can have stopped in, with Cassandra's snapshot calls
 * standing in (they create and remove the snapshot's files) and the local object store.
 */
class BackupRunnerTest {
    @TempDir
    Path dir;

    private final BackgroundPool pool = new BackgroundPool();
    private JobRunner jobs;

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.stop();
        }
        pool.stop();
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path snapshotDir(String tag) {
        return dataDir().resolve("shop/orders-0a1b/snapshots").resolve(tag);
    }

    private CassandraJmx jmx() throws Exception {
        CassandraJmx jmx = mock(CassandraJmx.class);
        org.mockito.Mockito.when(jmx.keyspaces()).thenReturn(List.of("system", "system_auth", "shop", "system_schema", "audit"));
        doAnswer(i -> {
            Path s = snapshotDir(i.getArgument(0));
            Files.createDirectories(s);
            Files.write(s.resolve("nb-1-big-Data.db"), new byte[40_000]);
            Files.write(s.resolve("nb-2-big-Data.db"), "second".repeat(1000).getBytes());
            Files.writeString(s.resolve("schema.cql"), "CREATE TABLE shop.orders (id int PRIMARY KEY);");
            return null;
        }).when(jmx).takeSnapshot(anyString(), any(), any());
        doAnswer(i -> {
            FileTrees.delete(snapshotDir(i.getArgument(0)));
            return null;
        }).when(jmx).clearSnapshot(anyString());
        return jmx;
    }

    private BackupRunner runner(CassandraJmx jmx, LocalObjectStore store, AtomicReference<JobRunner> holder) {
        try {
            when(jmx.status()).thenReturn(
                    new CassandraJmx.NodeStatus("NORMAL", true, true, List.of(), List.of(), List.of("-5", "7"), "host-1", "5.0.9"));
        } catch (CassandraJmx.JmxUnavailableException e) {
            throw new AssertionError(e);
        }
        CassandraConfig cassandra = mock(CassandraConfig.class);
        when(cassandra.dataDirs()).thenReturn(List.of(dataDir()));
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.cassandra()).thenReturn(cassandra);
        when(root.clusterName()).thenReturn("prod");
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("node1", "127.0.0.1", "dc1", "rack1"));
        return new BackupRunner(holder::get, jmx, mock(io.ringkeeper.cassandra.CassandraCql.class),
                mock(io.ringkeeper.cassandra.CassandraMonitor.class), root, identity, store,
                pool, BlobLock.inProcess(), Clock.systemUTC());
    }

    /** A job record as a daemon killed mid-backup leaves it: RUNNING, with its checkpoint. */
    private void leftRunning(JobStore store, Map<String, Object> checkpoint) throws Exception {
        Instant now = Instant.now();
        java.lang.reflect.Method running = Job.class.getDeclaredMethod("running", Instant.class);
        java.lang.reflect.Method cp = Job.class.getDeclaredMethod("checkpoint", Map.class);
        running.setAccessible(true);
        cp.setAccessible(true);
        Job job = (Job) cp.invoke(running.invoke(Job.queued("backup-1", "backup", now, true), now), checkpoint);
        store.save(job);
    }

    private Job resume(CassandraJmx jmx, LocalObjectStore objects, Map<String, Object> checkpoint) throws Exception {
        JobStore store = new JobStore(dir.resolve("state"));
        leftRunning(store, checkpoint);
        AtomicReference<JobRunner> holder = new AtomicReference<>();
        BackupRunner backups = runner(jmx, objects, holder);
        jobs = new JobRunner(store, Clock.systemUTC(), pool, java.util.Set.of(backups));
        holder.set(jobs);
        jobs.start();
        return jobs.await("backup-1", Duration.ofSeconds(30));
    }

    @Test
    void stoppedWhileSnapshottingItTakesTheSnapshotAgainFromScratch() throws Exception {
        // A snapshot cut short: the tag exists with one file only, which Cassandra would call "already exists".
        Path partial = snapshotDir("ringkeeper-b1");
        Files.createDirectories(partial);
        Files.write(partial.resolve("nb-1-big-Data.db"), new byte[10]);
        CassandraJmx jmx = jmx();
        LocalObjectStore objects = new LocalObjectStore(dir.resolve("objects"));

        Job done = resume(jmx, objects, Map.of("backupId", "b1", "phase", "SNAPSHOT", "startedAt", "2026-12-02T09:00:00Z"));

        assertThat(done.state()).as(done.outcome()).isEqualTo(Job.State.SUCCEEDED);
        InOrder order = inOrder(jmx);
        order.verify(jmx).clearSnapshot("ringkeeper-b1");
        // The keyspaces backed up and the schema's, not the system keyspaces (a snapshot flushes all it takes).
        order.verify(jmx).takeSnapshot(org.mockito.ArgumentMatchers.eq("ringkeeper-b1"),
                org.mockito.ArgumentMatchers.eq(List.of("audit", "shop", "system_schema")), any());
        order.verify(jmx).clearSnapshot("ringkeeper-b1");
        BackupManifest m = new Manifests(objects).list("prod").get(0);
        assertThat(m.files()).extracting(BackupManifest.File::name)
                .as("the SSTables; the snapshot's own schema.cql is in the manifest's schema, not a file of it")
                .containsExactly("nb-1-big-Data.db", "nb-2-big-Data.db");
        assertThat(m.files().get(0).size()).as("the whole file, not the partial one").isEqualTo(40_000);
        assertThat(m.tokens()).containsExactly("-5", "7");
        assertThat(m.schema()).containsKey("shop.orders");
        assertThat(Files.exists(partial)).as("snapshot cleared").isFalse();
    }

    @Test
    void stoppedMidUploadItSendsOnlyWhatWasNotStoredYet() throws Exception {
        CassandraJmx jmx = jmx();
        jmx.takeSnapshot("ringkeeper-b2", List.of(), Duration.ofSeconds(1)); // the snapshot the first run took
        LocalObjectStore objects = new LocalObjectStore(dir.resolve("objects"));
        Blobs.Stored first = new Blobs(objects).store(snapshotDir("ringkeeper-b2").resolve("nb-1-big-Data.db"),
                io.ringkeeper.cloud.Transfer.unlimited());

        Path s = snapshotDir("ringkeeper-b2");
        Map<String, Object> files = new java.util.LinkedHashMap<>();
        for (String name : List.of("nb-1-big-Data.db", "nb-2-big-Data.db")) {
            files.put("shop/orders-0a1b/" + name, List.of(s.resolve(name).toString(), Files.size(s.resolve(name))));
        }

        Job done = resume(jmx, objects, Map.of("backupId", "b2", "phase", "UPLOAD", "startedAt", "2026-12-02T09:00:00Z",
                "files", files, "done", Map.of("shop/orders-0a1b/nb-1-big-Data.db", first.sha256()), "uploadedBytes", 40_000));

        assertThat(done.state()).as(done.outcome()).isEqualTo(Job.State.SUCCEEDED);
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) done.details().get("backup");
        assertThat(((Number) details.get("uploadedBytes")).longValue()).as("the first file is not sent again")
                .isEqualTo(40_000 + 6000);
        assertThat(((Number) details.get("files")).intValue()).isEqualTo(2);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(new Manifests(objects).list("prod")).hasSize(1);
    }

    @Test
    void anIncrementalUploadSendsTheLinksInScopeRemovesThemAndDropsThoseOutOfScope() throws Exception {
        Path orders = dataDir().resolve("shop/orders-0a1b/backups");
        Path scratch = dataDir().resolve("scratch/junk-9f9f/backups");
        Path system = dataDir().resolve("system/local-7ad5/backups");
        for (Path d : List.of(orders, scratch, system)) {
            Files.createDirectories(d);
            Files.write(d.resolve("nb-5-big-Data.db"), (d.toString() + "x".repeat(5000)).getBytes());
        }
        LocalObjectStore objects = new LocalObjectStore(dir.resolve("objects"));
        AtomicReference<JobRunner> holder = new AtomicReference<>();
        BackupRunner backups = runner(jmx(), objects, holder);
        jobs = new JobRunner(new JobStore(dir.resolve("state")), Clock.systemUTC(), pool, java.util.Set.of(backups));
        holder.set(jobs);
        jobs.start();

        Job done = jobs.await(backups.submit(new BackupRunner.Request(BackupManifest.INCREMENTAL,
                new BackupScope(List.of(), List.of("scratch")), 0, null, "test")).id(), Duration.ofSeconds(30));

        assertThat(done.state()).as(done.outcome()).isEqualTo(Job.State.SUCCEEDED);
        BackupManifest m = new Manifests(objects).list("prod").get(0);
        assertThat(m.type()).isEqualTo(BackupManifest.INCREMENTAL);
        assertThat(m.files()).extracting(BackupManifest.File::keyspace).containsExactly("shop");
        assertThat(orders.resolve("nb-5-big-Data.db")).as("uploaded, then removed").doesNotExist();
        assertThat(scratch.resolve("nb-5-big-Data.db")).as("excluded: never uploaded, so not kept").doesNotExist();
        assertThat(system.resolve("nb-5-big-Data.db")).as("system data is never backed up").doesNotExist();
    }
}
