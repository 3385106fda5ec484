package io.ringkeeper.cloud;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.health.ReadinessCheck;

/**
 * The cloud: installs the selected provider's module (identity, membership, object store, lifecycle
 * hooks) and looks this node up when the daemon starts.
 */
public final class CloudModule extends AbstractModule {
    private final CloudProvider<?> provider;
    private final Object settings;

    public CloudModule(CloudProvider<?> provider, Object settings) {
        this.provider = provider;
        this.settings = settings;
    }

    @Override
    protected void configure() {
        install(moduleOf(provider, settings));
        bind(CloudProvider.class).toInstance(provider);
        Services.bind(binder()).addBinding().to(NodeIdentity.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(NodeIdentity.class);
    }

    private static <S> com.google.inject.Module moduleOf(CloudProvider<S> provider, Object settings) {
        return provider.module(provider.settingsType().cast(settings));
    }
}
