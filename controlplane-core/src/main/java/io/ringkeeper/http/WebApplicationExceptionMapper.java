package io.ringkeeper.http;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;

/** Jersey's own refusals (no such route, wrong method, wrong media type) as JSON errors with a hint. */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return ErrorResponses.of(404, "not_found", "no such endpoint; the API is listed at /openapi.json", Map.of());
        }
        if (e instanceof NotAllowedException) {
            String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
            Response r = ErrorResponses.of(405, "method_not_allowed",
                    "this endpoint does not take that method; allowed: " + allow, Map.of("allowed", allow == null ? "" : allow));
            return allow == null ? r : Response.fromResponse(r).header(HttpHeaders.ALLOW, allow).build();
        }
        if (e instanceof NotSupportedException) {
            return ErrorResponses.of(415, "unsupported_media_type",
                    "send the request body as JSON with the header Content-Type: application/json", Map.of());
        }
        if (e instanceof NotAcceptableException) {
            return ErrorResponses.of(406, "not_acceptable",
                    "this endpoint answers in JSON; send Accept: application/json (or no Accept header)", Map.of());
        }
        if (status >= 500) {
            return ErrorResponses.of(status, ApiError.codeFor(status), "the daemon could not answer; see its log", Map.of());
        }
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? "the request was refused (" + status + ")" : e.getMessage();
        return ErrorResponses.of(status, message);
    }
}
