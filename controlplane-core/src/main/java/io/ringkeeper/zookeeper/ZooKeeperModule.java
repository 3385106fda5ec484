package io.ringkeeper.zookeeper;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.health.ReadinessCheck;

/**
 * The daemon's ZooKeeper session (none when {@code zookeeper.connect} is empty), its registration among the cluster's
 * live daemons, and the cluster's shared parts built on it ({@link ControlPlane}: token registry, slots cache, bootstrap
 * lock; {@link GossipViews}), which the seeds, tokens and lifecycle features all use.
 */
public final class ZooKeeperModule extends AbstractModule {
    @Override
    protected void configure() {
        Services.bind(binder()).addBinding().to(ZooKeeperClient.class);
        Services.bind(binder()).addBinding().to(NodeRegistration.class);
        Services.bind(binder()).addBinding().to(ControlPlane.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(ZooKeeperClient.class);
    }

    @Provides
    ZooKeeperConfig config(RingkeeperConfig root) {
        return root.zookeeper();
    }
}
