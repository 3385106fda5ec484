package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.cloud.local.LocalObjectStore;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.Outcome;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.JobStore;
import io.ringkeeper.reconcile.Leadership;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** The schedule on one node: slots, pacing, incremental backups on and off, and what survives a restart. */
class BackupScheduleTest {
    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:10:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private final BackupRunner backups = mock(BackupRunner.class);
    private final CassandraJmx jmx = mock(CassandraJmx.class);

    private BackupSchedule schedule() throws Exception {
        CassandraMonitor monitor = mock(CassandraMonitor.class);
        when(monitor.last()).thenReturn(Optional.of(new CassandraMonitor.Observation(Instant.now(), 1L, null, true, null)));
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.stateDir()).thenReturn(dir);
        when(root.clusterName()).thenReturn("prod");
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("node1", "127.0.0.1", "dc1", "rack1"));
        JobRunner jobs = new JobRunner(new JobStore(dir.resolve("state")), clock, new io.ringkeeper.daemon.BackgroundPool());
        return new BackupSchedule(backups, mock(VerifyRunner.class), () -> jobs, jmx, monitor, identity,
                new LocalObjectStore(dir.resolve("objects")), mock(Leadership.class), root, clock, new PrometheusRegistry());
    }

    private static BackupSpec spec(String every, String offset, String incremental, boolean pace) {
        return new BackupSpec(new BackupSpec.Snapshot(every, offset), incremental == null ? null : new BackupSpec.Incremental(incremental),
                null, new BackupSpec.Retention(7, null), "10MiB", pace, null);
    }

    @Test
    void slotsAreMultiplesOfTheIntervalSinceTheEpochShiftedByTheOffset() {
        BackupSpec.Snapshot s = new BackupSpec.Snapshot("6h", "30m");
        assertThat(BackupSchedule.slot(s, Instant.parse("2026-12-02T10:10:00Z"))).isEqualTo(Instant.parse("2026-12-02T06:30:00Z"));
        assertThat(BackupSchedule.slot(s, Instant.parse("2026-12-02T06:30:00Z"))).isEqualTo(Instant.parse("2026-12-02T06:30:00Z"));
        assertThat(BackupSchedule.slot(s, Instant.parse("2026-12-02T00:10:00Z"))).isEqualTo(Instant.parse("2026-12-01T18:30:00Z"));
    }

    @Test
    void aNewRecordWaitsForTheNextSlotThenTakesOnePacedSnapshotPerSlotEvenAcrossARestart() throws Exception {
        BackupSpec spec = spec("1h", null, null, true);
        assertThat(schedule().apply(spec).state()).isEqualTo(Outcome.State.CONVERGED);
        verify(backups, never()).submit(any(BackupRunner.Request.class));

        now.set(Instant.parse("2026-12-02T11:00:05Z"));
        schedule().apply(spec); // a restarted daemon: the slot it has seen is in state_dir
        ArgumentCaptor<BackupRunner.Request> asked = ArgumentCaptor.forClass(BackupRunner.Request.class);
        verify(backups, times(1)).submit(asked.capture());
        assertThat(asked.getValue().type()).isEqualTo(BackupManifest.SNAPSHOT);
        assertThat(asked.getValue().throttle()).isEqualTo(10L << 20);
        assertThat(asked.getValue().deadline()).as("paced to end before the next slot").isEqualTo(Instant.parse("2026-12-02T12:00:00Z"));

        now.set(Instant.parse("2026-12-02T11:40:00Z"));
        schedule().apply(spec);
        verify(backups, times(1)).submit(any(BackupRunner.Request.class));
    }

    @Test
    void incrementalBackupsAreTurnedOnWhileTheRecordAsksAndOffWhenItNoLongerDoes() throws Exception {
        when(jmx.incrementalBackups()).thenReturn(false);
        schedule().apply(spec("6h", null, "15m", false));
        verify(jmx).setIncrementalBackups(true);

        now.set(Instant.parse("2026-12-02T10:26:00Z"));
        when(jmx.incrementalBackups()).thenReturn(true);
        schedule().apply(spec("6h", null, "15m", false));
        ArgumentCaptor<BackupRunner.Request> asked = ArgumentCaptor.forClass(BackupRunner.Request.class);
        verify(backups).submit(asked.capture());
        assertThat(asked.getValue().type()).isEqualTo(BackupManifest.INCREMENTAL);

        schedule().apply(null);
        verify(jmx).setIncrementalBackups(false);
    }
}
