package io.ringkeeper.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.HttpConfig;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The admin API's socket and Jetty server, apart from the API itself: opened as early as the config allows (by
 * {@code ringkeeper daemon} right after the config is read, before the daemon is wired), so a port in use stops the
 * start before anything is written, the daemon's URL is known from then on, and {@code GET /v1/health/live} answers
 * while the rest starts ({@link StartingHandler}). {@link HttpServer} hands it the API once every service is up.
 *
 * <p>Handler chain: graceful (finish in-flight requests on stop) → size limit (413 before a large body is read) →
 * body buffering (the whole body read without holding a thread, within {@code http.body_timeout}) → starting
 * handler → the API (servlet context → Jersey). Requests run on Jetty's bounded pool, {@code http.threads}.
 */
public final class HttpListener {
    private static final long STOP_BUDGET_MS = 2000;

    private final HttpConfig config;
    private final Path configFile;
    private final StartingHandler front = new StartingHandler();
    private final JsonErrorHandler errors = new JsonErrorHandler(new ObjectMapper());
    private Server server; // guarded by this
    private volatile URI uri;

    /** @param configFile named in the error when the port cannot be bound */
    public HttpListener(HttpConfig config, Path configFile) {
        this.config = config;
        this.configFile = configFile;
    }

    /** Binds the port and starts answering (liveness only, until {@link #serve}); does nothing when already open. */
    public synchronized void open() throws Exception {
        if (server != null) {
            return;
        }
        QueuedThreadPool pool = new QueuedThreadPool(config.threads(), Math.min(4, config.threads()));
        pool.setName("http");
        Server s = new Server(pool);
        s.setStopTimeout(STOP_BUDGET_MS);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        connector.setIdleTimeout(30_000);
        s.addConnector(connector);
        try {
            connector.open();
        } catch (java.io.IOException e) {
            throw new ConfigException(configFile + ": http.port: cannot listen on " + config.bind() + ":" + config.port()
                    + " (" + e.getMessage() + "); free the port or change http.port / http.bind");
        }
        s.setErrorHandler(errors);
        SizeLimitHandler sizeLimit = new SizeLimitHandler(config.maxRequestBytes().bytes(), -1);
        sizeLimit.setHandler(new BodyBufferingHandler(front, config.bodyTimeout(), config.maxRequestBytes().bytes()));
        s.setHandler(new GracefulHandler(sizeLimit));
        s.start();
        server = s;
        uri = HttpServer.uriFor(config.bind(), connector.getLocalPort());
    }

    /** Where clients on this machine reach the API; null until {@link #open()}. */
    public URI uri() {
        return uri;
    }

    /** Hands every request to the API from now on; the API's refusals count in its metrics. */
    synchronized void serve(Handler api, HttpMetrics metrics) throws Exception {
        open();
        errors.countIn(metrics);
        front.serve(api);
    }

    JsonErrorHandler errorHandler() {
        return errors;
    }

    /** Stops accepting at once, then lets in-flight requests finish within the stop budget. */
    public synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
