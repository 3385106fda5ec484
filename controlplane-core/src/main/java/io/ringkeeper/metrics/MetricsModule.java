package io.ringkeeper.metrics;

import com.google.inject.AbstractModule;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.http.HttpBindings;

/**
 * Metrics: one registry per daemon (never the library's static default), JVM metrics, and
 * {@code GET /metrics}. Features register their own metrics into the injected registry.
 */
public final class MetricsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(PrometheusRegistry.class).toInstance(new PrometheusRegistry());
        Services.bind(binder()).addBinding().to(JvmMetricsService.class);
        HttpBindings.components(binder()).addBinding().to(MetricsResource.class);
    }
}
