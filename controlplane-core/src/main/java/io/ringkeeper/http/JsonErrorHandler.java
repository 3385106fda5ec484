package io.ringkeeper.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before they reach Jersey (a bad URI encoding, an ambiguous path, a body over the
 * size limit, headers too large, a request line Jetty cannot parse) get the same JSON error shape as
 * everything else, whatever the client said it accepts. Never HTML, never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper json;
    /** Set once the daemon's metrics exist (the handler works from the first moment the port listens). */
    private volatile HttpMetrics metrics;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    void countIn(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    private void count(String method, int code) {
        HttpMetrics m = metrics;
        if (m != null) {
            m.rejected(method, code);
        }
    }

    /** Jetty writes error bodies only for GET, POST and HEAD by default; every method gets one here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        code = clientSide(code);
        response.setStatus(code);
        count(request.getMethod(), code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** Answers to requests so broken the connection handles them without a request object. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        status = clientSide(status);
        count("INVALID", status);
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    /**
     * An unknown HTTP version is the client's mistake like any other malformed request line; answer 400
     * (not 505) so that every refusal of client input is a 4xx.
     */
    private static int clientSide(int code) {
        return code == 505 ? 400 : code;
    }

    private byte[] body(int code, String reason) {
        ApiError error = new ApiError(ApiError.codeFor(code), messageFor(code, reason), Map.of());
        try {
            return json.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + error.error() + "\",\"message\":\"request refused\",\"details\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    static String messageFor(int code, String reason) {
        return switch (code) {
            case 404 -> "no such endpoint; the API is listed at /openapi.json";
            case 408 -> "the request body did not arrive in full within http.body_timeout; send the whole body at once";
            case 413 -> "the request body is larger than http.max_request_bytes allows";
            case 414 -> "the request URI is too long; keep it under 8 KiB";
            case 431 -> "the request headers are too large; keep them under 8 KiB";
            default -> {
                if (code >= 500) {
                    yield "the daemon failed to answer; see its log";
                }
                if (reason != null && reason.contains("Version")) {
                    yield "only HTTP/1.0 and HTTP/1.1 are spoken here";
                }
                yield reason == null || reason.isBlank() || reason.equals("Bad Request")
                        ? "the request is malformed (request line, URI encoding or headers); check the client"
                        : "the request is malformed: " + clip(reason);
            }
        };
    }

    private static String clip(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
