package io.ringkeeper.reconcile;

import com.google.inject.AbstractModule;
import io.ringkeeper.daemon.Services;

/**
 * The reconcile runner, which runs every feature's {@link Reconciler} on the background pool, and the leader latch
 * for cluster-wide chores. Feature modules add reconcilers with {@link Reconcilers#bind}.
 */
public final class ReconcileModule extends AbstractModule {
    @Override
    protected void configure() {
        Reconcilers.bind(binder());
        Services.bind(binder()).addBinding().to(Leadership.class);
        Services.bind(binder()).addBinding().to(ReconcileRunner.class);
    }
}
