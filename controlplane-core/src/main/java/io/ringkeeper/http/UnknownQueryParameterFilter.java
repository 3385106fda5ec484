package io.ringkeeper.http;

import io.ringkeeper.config.Suggestions;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Query parameters the matched endpoint does not take are refused with 400 naming them, as unknown config keys
 * are: {@code stop?drian_timeout=30s} must not quietly run a stop with the default budget. An endpoint's
 * parameters are its method's {@code @QueryParam}s.
 */
final class UnknownQueryParameterFilter implements ContainerRequestFilter {
    private final Map<Method, List<String>> known = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        List<String> takes = known.computeIfAbsent(method, UnknownQueryParameterFilter::queryParams);
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters(false).keySet())) {
            if (!takes.contains(name)) {
                String shown = name.length() > 60 ? name.substring(0, 60) + "..." : name;
                String hint = Suggestions.closest(name, takes).map(c -> " (did you mean " + c + "?)").orElse("");
                throw new ApiException(400, "unknown_parameter", "unknown query parameter \"" + shown + "\"" + hint
                        + (takes.isEmpty() ? "; this endpoint takes none" : "; this endpoint takes: " + String.join(", ", takes)),
                        Map.of("parameter", shown, "known", takes));
            }
        }
    }

    private static List<String> queryParams(Method method) {
        TreeSet<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return List.copyOf(names);
    }
}
