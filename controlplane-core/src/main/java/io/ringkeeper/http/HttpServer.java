package io.ringkeeper.http;

import io.ringkeeper.config.Addresses;
import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.files.AtomicFiles;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: Jetty 12 with Jersey 3 on one servlet. Requests run on Jetty's bounded pool (the "request
 * pool", {@code http.threads}); nothing long runs there — long work becomes a job on the background pool.
 *
 * <p>Handler chain: graceful (finish in-flight requests on stop) → size limit (413 before a large body is
 * read) → body buffering (the whole body read without holding a thread, within {@code http.body_timeout}) →
 * servlet context → Jersey. Jetty-level refusals go through {@link JsonErrorHandler}.
 *
 * <p>Once listening, the actual URL is written to {@code <state_dir>/daemon.json} (port 0 picks a free
 * port; the CLI and tests read the file to find the daemon).
 */
@Singleton
public final class HttpServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final long STOP_BUDGET_MS = 2000;

    private final HttpConfig config;
    private final Path configFile;
    private final Path endpointFile;
    private final Set<Object> components;
    private final ApiJson json;
    private final HttpMetrics metrics;
    private volatile Server server;
    private volatile URI uri;

    @Inject
    HttpServer(HttpConfig config, RingkeeperConfig root, LoadedConfig loaded, @JaxRs Set<Object> components, ApiJson json,
               HttpMetrics metrics) {
        this.config = config;
        this.configFile = loaded.source();
        this.endpointFile = root.stateDir().resolve("daemon.json");
        this.components = components;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "http";
    }

    /**
     * Binds the port: the daemon's first step, so that a port in use stops the start before anything is written, and
     * the URL is known (e.g. for Cassandra's seed provider) while the rest starts. Requests wait in the backlog until
     * {@link #start()}.
     */
    synchronized void open() throws Exception {
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
            throw new io.ringkeeper.config.ConfigException(configFile + ": http.port: cannot listen on " + config.bind() + ":"
                    + config.port() + " (" + e.getMessage() + "); free the port or change http.port / http.bind");
        }
        server = s;
        uri = uriFor(config.bind(), connector.getLocalPort());
    }

    @Override
    public synchronized void start() throws Exception {
        open();
        Server s = server;
        JsonErrorHandler errors = new JsonErrorHandler(json.mapper(), metrics);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("jersey", new ServletContainer(resourceConfig())), "/*");
        context.setErrorHandler(errors);
        s.setErrorHandler(errors);
        SizeLimitHandler sizeLimit = new SizeLimitHandler(config.maxRequestBytes().bytes(), -1);
        sizeLimit.setHandler(new BodyBufferingHandler(context, config.bodyTimeout(), config.maxRequestBytes().bytes()));
        s.setHandler(new GracefulHandler(sizeLimit));
        s.start();
        writeEndpointFile();
        log.info("HTTP admin API listening on {} (auth for changes: {})", uri, config.authRequired() ? "bearer token" : "not needed on loopback");
    }

    private ResourceConfig resourceConfig() {
        ResourceConfig rc = new ResourceConfig();
        // Jersey would otherwise auto-register Jackson's own exception mappers, which answer in plain text.
        rc.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        rc.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        rc.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, false); // bodiless refusals go through JsonErrorHandler
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(json);
        rc.register(new ApiExceptionMapper());
        rc.register(new WebApplicationExceptionMapper());
        rc.register(new JsonBodyExceptionMapper());
        rc.register(new UnexpectedExceptionMapper());
        rc.register(new UnknownQueryParameterFilter());
        components.forEach(rc::register);
        return rc;
    }

    private void writeEndpointFile() throws java.io.IOException {
        Map<String, Object> endpoint = Map.of("url", uri.toString(), "pid", ProcessHandle.current().pid());
        AtomicFiles.write(endpointFile, json.mapper().writeValueAsString(endpoint).getBytes(StandardCharsets.UTF_8));
    }

    /** Where a client on this machine reaches the API (a wildcard bind is reached over loopback). */
    public static URI uriFor(String bind, int port) {
        InetAddress address = Addresses.parseLiteral(bind);
        String host = address.isAnyLocalAddress()
                ? (address instanceof Inet6Address ? "[::1]" : "127.0.0.1")
                : (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress());
        return URI.create("http://" + host + ":" + port);
    }

    /** The URL the API answers on; null before start. */
    public URI uri() {
        return uri;
    }

    @Override
    public synchronized void stop() throws Exception {
        Server s = server;
        if (s == null) {
            return;
        }
        try {
            if (s.isStarted()) {
                Files.deleteIfExists(endpointFile);
            }
        } finally {
            s.stop(); // stops accepting at once, then lets in-flight requests finish within the stop budget
            for (var c : s.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.close(); // opened but never started: the port is still bound
                }
            }
            server = null;
        }
    }

    /** The first service: binds the port (see {@link #open()}); the server itself starts last. */
    static final class Listen implements Service {
        private final HttpServer server;

        @jakarta.inject.Inject
        Listen(HttpServer server) {
            this.server = server;
        }

        @Override
        public String name() {
            return "http-listen";
        }

        @Override
        public void start() throws Exception {
            server.open();
        }

        @Override
        public void stop() throws Exception {
            server.stop();
        }
    }
}
