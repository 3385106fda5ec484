package io.ringkeeper.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;

/** Registers the JVM's metrics (memory, GC, threads, classes, CPU) when the daemon starts. */
final class JvmMetricsService implements Service {
    private final PrometheusRegistry registry;

    @Inject
    JvmMetricsService(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "jvm-metrics";
    }

    @Override
    public Phase phase() {
        return Phase.INFRASTRUCTURE;
    }

    @Override
    public void start() {
        JvmMetrics.builder().register(registry);
    }
}
