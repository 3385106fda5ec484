package io.ringkeeper.lifecycle;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.http.HttpBindings;

/**
 * Lifecycle hooks: the scaling group's launch hook held until the node has joined, and the leave action run when
 * the cloud takes the instance away (or an operator asks, {@code POST /v1/node/leave}). The cloud module binds {@link io.ringkeeper.cloud.LifecycleHooks}.
 */
public final class LifecycleModule extends AbstractModule {
    @Override
    protected void configure() {
        Services.bind(binder()).addBinding().to(HookService.class);
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().to(HookService.class);
        HttpBindings.components(binder()).addBinding().to(LeaveResource.class);
    }
}
