package io.ringkeeper.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the JSON error responses every mapper and filter sends. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(int status, String code, String message, Map<String, Object> details) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(new ApiError(code, message, details))
                .build();
    }

    public static Response of(int status, String message) {
        return of(status, ApiError.codeFor(status), message, Map.of());
    }

    public static Response of(ApiException e) {
        return of(e.status(), e.toError().error(), e.getMessage(), e.toError().details());
    }
}
