package io.ringkeeper.http;

import io.ringkeeper.config.Addresses;
import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.LaunchGate;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.files.AtomicFiles;
import io.ringkeeper.logging.JulBridge;
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
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: Jersey on one servlet, behind the {@link HttpListener} that holds the socket. Requests run on Jetty's
 * bounded pool (the "request pool", {@code http.threads}); nothing long runs there — long work becomes a job on the
 * background pool.
 *
 * <p>The listener answers liveness from the daemon's first step; this service, the last one to start, hands it the
 * API, so nothing half-started is ever served. Once serving, the actual URL is written to
 * {@code <state_dir>/daemon.json} (port 0 picks a free port; the CLI and tests read the file to find the daemon).
 */
@Singleton
public final class HttpServer implements Service {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final java.time.Duration LAUNCH_WAIT = java.time.Duration.ofSeconds(20);

    private final HttpConfig config;
    private final HttpListener listener;
    private final Path endpointFile;
    private final Set<Object> components;
    private final ApiJson json;
    private final HttpMetrics metrics;
    private final LaunchGate launch;

    @Inject
    HttpServer(HttpConfig config, HttpListener listener, RingkeeperConfig root, @JaxRs Set<Object> components, ApiJson json,
               HttpMetrics metrics, LaunchGate launch) {
        this.config = config;
        this.launch = launch;
        this.listener = listener;
        this.endpointFile = root.stateDir().resolve("daemon.json");
        this.components = components;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Phase phase() {
        return Phase.API;
    }

    @Override
    public synchronized void start() throws Exception {
        listener.open();
        // Jersey's start is the heaviest part of the daemon's own: not while Cassandra's launch is under way.
        if (!launch.awaitOpen(LAUNCH_WAIT)) {
            log.info("Cassandra's launch is taking a while; starting the API meanwhile");
        }
        JulBridge.install(); // Jersey and HK2 log through JUL (a no-op when ringkeeper daemon did it already)
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("jersey", new ServletContainer(resourceConfig())), "/*");
        context.setErrorHandler(listener.errorHandler());
        listener.serve(context, metrics);
        writeEndpointFile();
        log.info("HTTP admin API listening on {} (auth for changes: {})", listener.uri(), config.authRequired() ? "bearer token" : "not needed on loopback");
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
        Map<String, Object> endpoint = Map.of("url", listener.uri().toString(), "pid", ProcessHandle.current().pid());
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

    /** The URL the API answers on; known from the daemon's first step (the listener's), null before it. */
    public URI uri() {
        return listener.uri();
    }

    @Override
    public synchronized void stop() throws Exception {
        try {
            Files.deleteIfExists(endpointFile);
        } finally {
            listener.stop();
        }
    }

    /** The first service: opens the listener when the caller has not done it already (tests, the warm-up). */
    static final class Listen implements Service {
        private final HttpListener listener;

        @jakarta.inject.Inject
        Listen(HttpListener listener) {
            this.listener = listener;
        }

        @Override
        public String name() {
            return "http-listen";
        }

        @Override
        public Phase phase() {
            return Phase.BIND;
        }

        @Override
        public void start() throws Exception {
            listener.open();
        }

        @Override
        public void stop() throws Exception {
            listener.stop();
        }
    }
}
