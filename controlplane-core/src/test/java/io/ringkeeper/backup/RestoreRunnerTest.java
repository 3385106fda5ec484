package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraCql;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cassandra.DataSwap;
import io.ringkeeper.cassandra.Supervisor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.Transfer;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole-node restore that cannot be done by renames (the commit log on another file system, here tmpfs) is refused
 * before anything is stopped or moved, and leaves no mark that would keep Cassandra from starting. The working path is
 * in the e2e tests.
 */
class RestoreRunnerTest {
    @TempDir
    Path dir;

    private final BackgroundPool pool = new BackgroundPool();
    private JobRunner jobs;
    private Path elsewhere;

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.stop();
        }
        pool.stop();
        if (elsewhere != null) {
            FileTrees.delete(elsewhere);
        }
    }

    @Test
    void aCommitLogOnAnotherFileSystemIsRefusedBeforeAnythingIsStoppedOrMoved() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(dir))).as("tmpfs here").isTrue();
        elsewhere = Files.createTempDirectory(shm, "commitlog");
        Path data = Files.createDirectories(dir.resolve("data/data1"));
        Files.createDirectories(data.resolve("shop/orders-0a1b"));
        Files.writeString(data.resolve("shop/orders-0a1b/nb-1-big-Data.db"), "live data");

        LocalObjectStore store = new LocalObjectStore(dir.resolve("objects"));
        Path file = Files.writeString(dir.resolve("nb-7-big-Data.db"), "backed up");
        Blobs.Stored blob = new Blobs(store).store(file, Transfer.unlimited());
        new Manifests(store).write(new BackupManifest(1, "b1", BackupManifest.SNAPSHOT, "prod", "dc1", "r1", "node1", "h",
                List.of("1"), "5.0.9", Instant.now().minusSeconds(60), Instant.now(), Map.of(), Map.of(),
                List.of(new BackupManifest.File("shop", "orders", "orders-0a1b", "nb-7-big-Data.db", blob.size(), blob.sha256()))),
                BlobLock.inProcess(), f -> null);

        CassandraConfig cassandra = mock(CassandraConfig.class);
        when(cassandra.dataDirs()).thenReturn(List.of(data));
        when(cassandra.commitlogDir()).thenReturn(elsewhere);
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.cassandra()).thenReturn(cassandra);
        when(root.clusterName()).thenReturn("prod");
        when(root.stateDir()).thenReturn(dir.resolve("state"));
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("node1", "127.0.0.1", "dc1", "r1"));
        Supervisor supervisor = mock(Supervisor.class);
        when(supervisor.pid()).thenReturn(Optional.of(42L));
        CassandraLifecycle lifecycle = mock(CassandraLifecycle.class);
        AtomicReference<JobRunner> holder = new AtomicReference<>();
        RestoreRunner restores = new RestoreRunner(holder::get, () -> lifecycle, mock(CassandraJmx.class), mock(CassandraCql.class),
                mock(CassandraMonitor.class), supervisor, root, identity, store, pool);
        jobs = new JobRunner(new JobStore(dir.resolve("state")), Clock.systemUTC(), pool, Set.of(restores));
        holder.set(jobs);
        jobs.start();

        Job done = jobs.await(restores.submit(new RestoreRequest("node", null, null, null, null, null)).id(), Duration.ofSeconds(30));

        assertThat(done.state()).isEqualTo(Job.State.FAILED);
        assertThat(done.outcome()).contains(elsewhere.toString()).contains("another file system")
                .contains("nothing was stopped or moved");
        verifyNoInteractions(lifecycle);
        assertThat(data.resolve("shop/orders-0a1b/nb-1-big-Data.db")).hasContent("live data");
        assertThat(new DataSwap(dir.resolve("state")).holder()).as("no mark: Cassandra may start").isEmpty();
    }
}
