package io.ringkeeper.health;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.http.HttpBindings;

/** Health: {@code /v1/health/live} and {@code /v1/health/ready}; other features contribute readiness checks. */
public final class HealthModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ReadinessCheck.class);
        HttpBindings.components(binder()).addBinding().to(HealthResource.class);
    }
}
