package io.ringkeeper.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;

/**
 * When the API is bound to anything but loopback, mutating requests (POST, PUT, PATCH, DELETE) need
 * {@code Authorization: Bearer <token>}. Reads stay open: they expose no secrets.
 */
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String SCHEME = "Bearer ";

    private final AuthToken token;

    @Inject
    BearerTokenFilter(AuthToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.required() || !MUTATING.contains(request.getMethod())) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            request.abortWith(unauthorized("this endpoint changes state and needs Authorization: Bearer <token> "
                    + "(the token is in the file named by http.auth_token_file)"));
        } else if (!token.matches(header.substring(SCHEME.length()).strip())) {
            request.abortWith(unauthorized("the bearer token is wrong; use the one in the file named by http.auth_token_file"));
        }
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ErrorResponses.of(401, "unauthorized", message, Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ringkeeper\"")
                .build();
    }
}
