package io.ringkeeper.tokens;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.http.HttpBindings;

/** Tokens: joining the cluster with a slot from ZooKeeper's token registry, and {@code GET /v1/ring}. */
public final class TokensModule extends AbstractModule {
    @Override
    protected void configure() {
        Services.bind(binder()).addBinding().to(JoinFlow.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(JoinFlow.class);
        HttpBindings.components(binder()).addBinding().to(RingResource.class);
    }
}
