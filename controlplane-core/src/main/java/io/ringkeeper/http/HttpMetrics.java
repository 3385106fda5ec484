package io.ringkeeper.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Requests served, by method, route template and status, and how long they took. Labels are bounded:
 * routes are templates ({@code /v1/jobs/{id}}), never raw paths, so a scan of odd URLs cannot blow up
 * the metric count.
 */
@Singleton
public final class HttpMetrics {
    static final String UNMATCHED = "(unmatched)";
    static final String REJECTED = "(rejected)";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final Counter requests;
    private final Histogram duration;

    @Inject
    HttpMetrics(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("ringkeeper_http_requests")
                .help("HTTP requests answered, by method, route template and status")
                .labelNames("method", "route", "status")
                .register(registry);
        duration = Histogram.builder()
                .name("ringkeeper_http_request_duration_seconds")
                .help("Time to answer an HTTP request, by method and route template")
                .labelNames("method", "route")
                .classicOnly()
                .classicUpperBounds(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
    }

    void answered(String method, String route, int status, long nanos) {
        String m = method(method);
        requests.labelValues(m, route, Integer.toString(status)).inc();
        duration.labelValues(m, route).observe(nanos / 1e9);
    }

    /** Requests Jetty refused before routing (malformed, too large). */
    void rejected(String method, int status) {
        requests.labelValues(method(method), REJECTED, Integer.toString(status)).inc();
    }

    private static String method(String method) {
        return method != null && METHODS.contains(method) ? method : "OTHER";
    }
}
