package io.ringkeeper.cassandra;

import io.ringkeeper.daemon.BackgroundPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle alone, with the supervisor, JMX and monitor stood in: what a daemon start does to the node. */
class CassandraLifecycleTest {
    @TempDir
    Path dir;

    private JobRunner jobs;

    private final BackgroundPool pool = new BackgroundPool();

    @AfterEach
    void stopJobs() throws Exception {
        if (jobs != null) {
            jobs.stop();
        }
        pool.stop();
    }

    @Test
    void theBootStartRendersAndLaunchesOnceThenOnlyWaitsForReady() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "start_on_boot: true");
        CassandraConfig config = loaded.settings().cassandra();
        CassandraFiles files = spy(new CassandraFiles("test-cluster", config, new JoinedNodeGuard(dir.resolve("state"), false), 8L << 30, false));
        Supervisor supervisor = mock(Supervisor.class);
        when(supervisor.name()).thenReturn("process");
        when(supervisor.pid()).thenReturn(Optional.empty(), Optional.of(4242L));
        CassandraMonitor monitor = readyMonitor(4242L);
        NodeIdentity identity = identity();
        jobs = new JobRunner(new JobStore(dir.resolve("state")), Clock.systemUTC(), pool);
        jobs.start();

        CassandraLifecycle lifecycle = new CassandraLifecycle(config, files, supervisor, mock(CassandraJmx.class), monitor,
                identity, jobs, false, dir.resolve("ringkeeper.yaml"),
                new io.ringkeeper.daemon.BackgroundPriority(0, "none"), new io.ringkeeper.daemon.LaunchGate(false));
        lifecycle.start();
        Job boot = lifecycle.await(lifecycle.bootStart().orElseThrow(), Duration.ofSeconds(30));

        assertThat(boot.state()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(boot.outcome()).isEqualTo("Cassandra 5.0.9 is ready (pid 4242)");
        assertThat(boot.steps().get(0)).startsWith("rendered config in " + config.confDir())
                .endsWith("and launched Cassandra 5.0 through the process supervisor at daemon start");
        verify(files, times(1)).render(any());
        verify(supervisor, times(1)).start();
    }

    @Test
    void listenersRunAroundARestartAndAFailingOneDoesNotStopIt() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "start_on_boot: false");
        CassandraConfig config = loaded.settings().cassandra();
        CassandraFiles files = new CassandraFiles("test-cluster", config, new JoinedNodeGuard(dir.resolve("state"), false), 8L << 30, false);
        Supervisor supervisor = mock(Supervisor.class);
        when(supervisor.name()).thenReturn("process");
        // Running (so the stop drains and tells the listeners), then stopped, then launched again.
        when(supervisor.pid()).thenReturn(Optional.of(4242L), Optional.empty(), Optional.empty(), Optional.of(4343L));
        CassandraJmx jmx = mock(CassandraJmx.class);
        when(jmx.drain(any())).thenReturn(new CassandraJmx.DrainResult(true, Duration.ofMillis(5), "DRAINED", null));
        CassandraMonitor monitor = readyMonitor(4343L);
        NodeIdentity identity = identity();
        jobs = new JobRunner(new JobStore(dir.resolve("state")), Clock.systemUTC(), pool);
        jobs.start();
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        LifecycleListener recording = new LifecycleListener() {
            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public void beforeStop(io.ringkeeper.jobs.JobContext ctx) {
                calls.add("beforeStop");
            }

            @Override
            public void beforeStart(io.ringkeeper.jobs.JobContext ctx) {
                calls.add("beforeStart");
            }
        };
        LifecycleListener failing = new LifecycleListener() {
            @Override
            public String name() {
                return "page-cache dump";
            }

            @Override
            public void beforeStop(io.ringkeeper.jobs.JobContext ctx) throws Exception {
                throw new java.io.IOException("disk full");
            }
        };
        CassandraLifecycle lifecycle = new CassandraLifecycle(config, files, supervisor, jmx, monitor, identity, jobs, false,
                dir.resolve("ringkeeper.yaml"), new io.ringkeeper.daemon.BackgroundPriority(0, "none"),
                new io.ringkeeper.daemon.LaunchGate(false), new java.util.LinkedHashSet<>(List.of(failing, recording)));

        Job restart = lifecycle.runToCompletion(() -> lifecycle.submit("restart", Duration.ofSeconds(5)), Duration.ofSeconds(30));

        assertThat(restart.state()).as(restart.outcome()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(calls).containsExactly("beforeStop", "beforeStart");
        assertThat(restart.steps()).contains("page-cache dump before stop failed (going on): disk full");
        verify(supervisor, times(1)).stop();
        verify(supervisor, times(1)).start();
    }

    /** A monitor whose every check sees Cassandra ready with that pid. */
    private static CassandraMonitor readyMonitor(long pid) {
        CassandraMonitor monitor = mock(CassandraMonitor.class);
        when(monitor.check()).thenReturn(new CassandraMonitor.Observation(Clock.systemUTC().instant(), pid,
                new CassandraJmx.NodeStatus("NORMAL", true, true, List.of(), List.of(), List.of("1"), "host-1", "5.0.9"),
                true, null));
        return monitor;
    }

    private static NodeIdentity identity() {
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("n1", "127.0.0.7", "dc-east", "rack-b", Map.of()));
        return identity;
    }
}
