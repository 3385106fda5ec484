package io.ringkeeper.cloud.local;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ringkeeper.cloud.CloudProvider;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.InstanceIdentity;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.config.RingkeeperConfig;

/**
 * The built-in {@code local} cloud: a static inventory of pretend VMs on this machine, a directory as the
 * object store, and no lifecycle hooks. For one machine, demos and tests.
 */
public final class LocalCloudProvider implements CloudProvider<LocalCloudSettings> {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Class<LocalCloudSettings> settingsType() {
        return LocalCloudSettings.class;
    }

    @Override
    public String defaultsResource() {
        return "io/ringkeeper/cloud/local/defaults.yaml";
    }

    @Override
    public Module module(LocalCloudSettings settings) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(LocalCloudSettings.class).toInstance(settings);
                bind(LocalInventory.class).in(Singleton.class);
                bind(InstanceIdentity.class).to(LocalInventory.class);
                bind(GroupMembership.class).to(LocalInventory.class);
                bind(LifecycleHooks.class).toInstance(LifecycleHooks.NONE);
            }

            @Provides
            @Singleton
            ObjectStore objectStore(RingkeeperConfig config) {
                return new LocalObjectStore(settings.objectStoreDir() != null
                        ? settings.objectStoreDir() : config.stateDir().resolve("objects"));
            }
        };
    }
}
