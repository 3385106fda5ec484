package io.ringkeeper.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/** Times every request Jersey handles and counts it under its route template. */
@PreMatching
@Priority(Priorities.USER - 1000)
final class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = HttpMetricsFilter.class.getName() + ".started";

    private final HttpMetrics metrics;

    @Inject
    HttpMetricsFilter(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long nanos = started instanceof Long t ? System.nanoTime() - t : 0;
        metrics.answered(request.getMethod(), route(request), response.getStatus(), nanos);
    }

    private static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
            return HttpMetrics.UNMATCHED;
        }
        List<UriTemplate> templates = info.getMatchedTemplates(); // innermost first
        if (templates.isEmpty()) {
            return HttpMetrics.UNMATCHED;
        }
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String t = templates.get(i).getTemplate();
            if (!t.isEmpty() && !t.equals("/")) {
                route.append(t.startsWith("/") ? "" : "/").append(t.endsWith("/") ? t.substring(0, t.length() - 1) : t);
            }
        }
        return route.isEmpty() ? "/" : route.toString();
    }
}
