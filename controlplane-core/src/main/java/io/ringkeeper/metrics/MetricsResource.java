package io.ringkeeper.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;

/** {@code GET /metrics} in the Prometheus text format. */
@Path("/metrics")
public final class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    @Inject
    MetricsResource(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(CONTENT_TYPE)
    @Operation(summary = "Prometheus metrics: JVM, HTTP and the daemon's own")
    public StreamingOutput metrics() {
        return out -> writer.write(out, registry.scrape());
    }
}
