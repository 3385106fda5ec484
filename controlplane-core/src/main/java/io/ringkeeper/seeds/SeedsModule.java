package io.ringkeeper.seeds;

import com.google.inject.AbstractModule;
import io.ringkeeper.daemon.Preflights;
import io.ringkeeper.reconcile.Reconcilers;
import io.ringkeeper.http.HttpBindings;

/** Seeds: the refresh loop, the seeds file and {@code GET /v1/seeds}. */
public final class SeedsModule extends AbstractModule {
    @Override
    protected void configure() {
        Preflights.bind(binder()).addBinding().to(SeedsPreflight.class);
        Reconcilers.bind(binder()).addBinding().to(SeedsService.class);
        HttpBindings.components(binder()).addBinding().to(SeedsResource.class);
    }
}
