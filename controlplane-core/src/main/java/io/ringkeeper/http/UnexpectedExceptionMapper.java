package io.ringkeeper.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything else. A domain exception gets the answer {@link ErrorMap} gives it. A Jetty refusal surfacing through Jersey (a body over the size limit, a client that
 * hung up mid-body) keeps its 4xx status; anything truly unexpected is a 500 with an incident id that
 * matches the one line logged with the stack trace.
 */
final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger log = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Optional<ApiException> mapped = ErrorMap.translate(e);
        if (mapped.isPresent()) {
            return ErrorResponses.of(mapped.get());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return h.getCode() == 413
                        ? ErrorResponses.of(413, "request_too_large", "the request body is larger than http.max_request_bytes allows", Map.of())
                        : ErrorResponses.of(h.getCode(), "the request was refused: " + h.getReason());
            }
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return ErrorResponses.of(400, "the request body ended early");
            }
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        log.error("HTTP request failed unexpectedly (incident {})", incident, e);
        return ErrorResponses.of(500, "internal_error", "the daemon failed to answer (incident " + incident
                + "); see its log, e.g. journalctl -u ringkeeper", Map.of("incident", incident));
    }
}
