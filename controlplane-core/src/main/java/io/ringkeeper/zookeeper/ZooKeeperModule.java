package io.ringkeeper.zookeeper;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.health.ReadinessCheck;

/**
 * The daemon's ZooKeeper session (none when {@code zookeeper.connect} is empty) and its registration among the
 * cluster's live daemons.
 */
public final class ZooKeeperModule extends AbstractModule {
    @Override
    protected void configure() {
        Services.bind(binder()).addBinding().to(ZooKeeperClient.class);
        Services.bind(binder()).addBinding().to(NodeRegistration.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(ZooKeeperClient.class);
    }

    @Provides
    ZooKeeperConfig config(RingkeeperConfig root) {
        return root.zookeeper();
    }
}
