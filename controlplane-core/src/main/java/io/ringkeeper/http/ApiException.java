package io.ringkeeper.http;

import java.util.Map;

/** Thrown by resources to answer with an {@link ApiError}; mapped to JSON by {@link ApiExceptionMapper}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, Map.of());
    }

    public static ApiException conflict(String message, Map<String, Object> details) {
        return new ApiException(409, "conflict", message, details);
    }

    public static ApiException unprocessable(String message, Map<String, Object> details) {
        return new ApiException(422, "invalid_request", message, details);
    }

    public static ApiException unavailable(String code, String message, Map<String, Object> details) {
        return new ApiException(503, code, message, details);
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), details);
    }
}
