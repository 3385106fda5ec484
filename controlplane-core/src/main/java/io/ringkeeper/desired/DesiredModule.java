package io.ringkeeper.desired;

import com.google.inject.AbstractModule;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.http.HttpBindings;

/**
 * Desired-state records: the store (ZooKeeper), this daemon's watched copy, every daemon's status per kind, and
 * {@code /v1/desired}, {@code /v1/status}. The kinds come from their features' modules
 * ({@link DesiredKinds#register}); each gets a {@link KindReconciler} on the reconcile runner.
 */
public final class DesiredModule extends AbstractModule {
    @Override
    protected void configure() {
        DesiredKinds.handlers(binder());
        bind(SpecReader.class).asEagerSingleton();
        bind(DesiredStore.class).to(ZooKeeperDesiredStore.class);
        Services.bind(binder()).addBinding().to(DesiredWatch.class);
        HttpBindings.components(binder()).addBinding().to(DesiredResource.class);
        HttpBindings.components(binder()).addBinding().to(StatusResource.class);
    }
}
