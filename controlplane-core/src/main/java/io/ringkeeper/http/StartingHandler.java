package io.ringkeeper.http;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of the API while the daemon starts: {@code GET /v1/health/live} is answered here (the daemon is up and
 * answering), anything else with 503 and {@code Retry-After: 1}; once the API serves ({@link #serve}), every request
 * goes to it, liveness included. The server listens from the daemon's first step, so that a liveness probe is not
 * kept waiting behind Cassandra's launch and the API's own initialisation.
 */
final class StartingHandler extends Handler.Wrapper {
    private static final byte[] LIVE = "{\"status\":\"live\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STARTING = ("{\"error\":\"starting\",\"message\":\"the daemon is starting; try again in a"
            + " moment\",\"details\":{}}").getBytes(StandardCharsets.UTF_8);

    StartingHandler() {
        super(true); // dynamic: the API is set while the server runs
    }

    /** Starts the API and hands every request to it from now on. */
    void serve(Handler apiHandler) throws Exception {
        setHandler(apiHandler); // a running wrapper starts the handler it is given
        if (!apiHandler.isStarted()) {
            apiHandler.start();
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next != null && next.isStarted()) {
            return next.handle(request, response, callback);
        }
        boolean live = HttpMethod.GET.is(request.getMethod()) && "/v1/health/live".equals(Request.getPathInContext(request));
        response.setStatus(live ? 200 : 503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!live) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        response.write(true, java.nio.ByteBuffer.wrap(live ? LIVE : STARTING), callback);
        return true;
    }
}
