package io.ringkeeper.cassandra;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPriority;
import io.ringkeeper.daemon.LaunchGate;
import io.ringkeeper.daemon.Preflights;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.reconcile.Reconcilers;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.http.HttpBindings;
import io.ringkeeper.jobs.JobRunner;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Cassandra management, the table of contents: config files, supervisor, the shared JMX client, the monitor
 * behind readiness (a reconciler), the lifecycle (start/stop jobs) and {@code /v1/cassandra}.
 */
public final class CassandraModule extends AbstractModule {
    @Override
    protected void configure() {
        Preflights.bind(binder()).addBinding().to(CassandraPreflight.class);
        Multibinder.newSetBinder(binder(), LifecycleListener.class); // features add theirs (page cache, restarts)
        Reconcilers.bind(binder()).addBinding().to(CassandraMonitor.class);
        Services.bind(binder()).addBinding().to(CassandraBootCheck.class);
        Services.bind(binder()).addBinding().to(CassandraLifecycle.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(CassandraMonitor.class);
        HttpBindings.components(binder()).addBinding().to(CassandraResource.class);
    }

    @Provides
    @Singleton
    CassandraConfig config(RingkeeperConfig root) {
        return root.cassandra();
    }

    @Provides
    CassandraPreflight preflight(CassandraConfig c) {
        return new CassandraPreflight(c);
    }

    @Provides
    @Singleton
    JoinedNodeGuard guard(RingkeeperConfig root) {
        return new JoinedNodeGuard(root.stateDir(), root.zookeeper().enabled());
    }

    @Provides
    @Singleton
    CassandraFiles files(RingkeeperConfig root, CassandraConfig c, JoinedNodeGuard guard) {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return new CassandraFiles(root.clusterName(), c, guard, memory, root.zookeeper().enabled(), new DataSwap(root.stateDir()));
    }

    /** systemd when it is the init system (it created /run/systemd/system), else the daemon supervises itself. */
    @Provides
    @Singleton
    Supervisor supervisor(CassandraConfig c, CassandraFiles files, io.ringkeeper.daemon.BackgroundPool pool) {
        if (c.usesSystemd()) {
            return new SystemdSupervisor("systemctl", c.unit(), c.stopTimeout());
        }
        return new ProcessSupervisor(c.wrapper(), c.pidfile(), files.commandFile(),
                c.pagecacheHook() != null ? c.pagecacheHook() : Path.of("/nonexistent"),
                c.logDir().resolve("cassandra.out"), c.restartDelay(), c.stopTimeout(), pool);
    }

    /** The one JMX client every feature shares. */
    @Provides
    @Singleton
    CassandraJmx jmx(CassandraConfig c) {
        return new JmxCassandraClient("127.0.0.1", c.jmxPort(), Duration.ofSeconds(10));
    }

    @Provides
    @Singleton
    CassandraMonitor monitor(Supervisor s, CassandraJmx jmx, CassandraConfig c, CassandraFiles files, JoinedNodeGuard guard,
                             Clock clock, NodeIdentity identity) {
        return new CassandraMonitor(s, jmx, c, files, guard, clock,
                () -> identity.current().map(Instance::address).orElse("127.0.0.1"));
    }

    @Provides
    @Singleton
    CassandraCql cql(CassandraConfig c, NodeIdentity identity) {
        return new DriverCassandraCql(() -> identity.current().map(Instance::address).orElse("127.0.0.1"), c.nativePort());
    }

    @Provides
    @Singleton
    CassandraLifecycle lifecycle(CassandraConfig c, CassandraFiles files, Supervisor s, CassandraJmx jmx,
                                 CassandraMonitor monitor, NodeIdentity identity, JobRunner jobs, RingkeeperConfig root,
                                 LoadedConfig loaded, BackgroundPriority priority, LaunchGate launch,
                                 java.util.Set<LifecycleListener> listeners) {
        return new CassandraLifecycle(c, files, s, jmx, monitor, identity, jobs, root.zookeeper().enabled(), loaded.source(),
                priority, launch, listeners);
    }
}
