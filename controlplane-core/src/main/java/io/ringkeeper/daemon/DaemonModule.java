package io.ringkeeper.daemon;

import com.google.inject.AbstractModule;
import io.ringkeeper.backup.BackupModule;
import io.ringkeeper.cassandra.CassandraModule;
import io.ringkeeper.cloud.CloudModule;
import io.ringkeeper.cloud.CloudProvider;
import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.config.LoggingConfig;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.DesiredModule;
import io.ringkeeper.health.HealthModule;
import io.ringkeeper.http.HttpListener;
import io.ringkeeper.http.HttpModule;
import io.ringkeeper.jobs.JobsModule;
import io.ringkeeper.lifecycle.LifecycleModule;
import io.ringkeeper.logging.LogLevels;
import io.ringkeeper.logging.LoggingModule;
import io.ringkeeper.metrics.MetricsModule;
import io.ringkeeper.node.NodeModule;
import io.ringkeeper.reconcile.ReconcileModule;
import io.ringkeeper.seeds.SeedsModule;
import io.ringkeeper.tokens.TokensModule;
import io.ringkeeper.zookeeper.ZooKeeperModule;
import io.ringkeeper.files.SetupChecks;
import java.time.Clock;

/**
 * The daemon's table of contents: one module per feature. Preflights run first; then services start by the
 * {@link Service.Phase} each declares (bind the API's port, infrastructure, state, loops, API), so the order modules
 * are installed in here is only the order within a phase.
 */
public final class DaemonModule extends AbstractModule {
    private final LoadedConfig config;
    private final CloudProvider<?> cloud;
    private final LogLevels logLevels;
    private final HttpListener listener;

    public DaemonModule(LoadedConfig config, CloudProvider<?> cloud, LogLevels logLevels) {
        this(config, cloud, logLevels, new HttpListener(config.settings().http(), config.source()));
    }

    /** @param listener the API's socket, possibly opened already (by {@code ringkeeper daemon}, before wiring) */
    public DaemonModule(LoadedConfig config, CloudProvider<?> cloud, LogLevels logLevels, HttpListener listener) {
        this.config = config;
        this.cloud = cloud;
        this.logLevels = logLevels;
        this.listener = listener;
    }

    @Override
    protected void configure() {
        bind(LoadedConfig.class).toInstance(config);
        bind(RingkeeperConfig.class).toInstance(config.settings());
        bind(HttpConfig.class).toInstance(config.settings().http());
        bind(LoggingConfig.class).toInstance(config.settings().logging());
        bind(HttpListener.class).toInstance(listener);
        // With ZooKeeper the join flow launches Cassandra while the daemon's own start goes on.
        bind(LaunchGate.class).toInstance(new LaunchGate(config.settings().zookeeper().enabled()));
        bind(BackgroundPriority.class).toInstance(new BackgroundPriority(config.settings().backgroundNice(),
                io.ringkeeper.cassandra.ProcessSupervisor.SPAWN_THREAD));
        bind(Clock.class).toInstance(Clock.systemUTC());
        Services.bind(binder()).addBinding().to(BackgroundPool.class);
        Preflights.bind(binder()).addBinding().toInstance(() ->
                SetupChecks.directory("state_dir", config.settings().stateDir(), true));

        install(new HttpModule.Listen());
        install(new LoggingModule(logLevels));
        install(new MetricsModule());
        install(new CloudModule(cloud, config.cloudSettings()));
        install(new HealthModule());
        install(new NodeModule());
        install(new ZooKeeperModule());
        install(new ReconcileModule());
        install(new DesiredModule());
        install(new JobsModule());
        install(new CassandraModule());
        install(new SeedsModule());
        install(new TokensModule());
        install(new LifecycleModule());
        install(new BackupModule());
        install(new HttpModule());
    }
}
