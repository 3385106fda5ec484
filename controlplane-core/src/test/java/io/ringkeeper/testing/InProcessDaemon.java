package io.ringkeeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.daemon.Daemon;
import io.ringkeeper.daemon.DaemonModule;
import io.ringkeeper.http.HttpServer;
import io.ringkeeper.logging.LogLevels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The daemon wired exactly as {@code ringkeeper daemon} wires it (same modules, same Jetty and Jersey),
 * in this JVM, listening on a free port. For tests of the HTTP API; process-level behaviour (signals,
 * exit codes) is tested in e2e against the real launcher.
 */
public final class InProcessDaemon implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Daemon daemon;
    private final Injector injector;
    private final URI uri;
    private final HttpClient client = HttpClient.newHttpClient();

    private InProcessDaemon(Daemon daemon, Injector injector, URI uri) {
        this.daemon = daemon;
        this.injector = injector;
        this.uri = uri;
    }

    /**
     * Starts a daemon on the local cloud with one instance, config and state in {@code dir}.
     *
     * @param httpLines extra lines of the {@code http:} section, each indented by two spaces (port 0 is set
     *                  unless these lines set a port)
     */
    public static InProcessDaemon start(Path dir, String httpLines) throws Exception {
        return start(dir, httpLines, "");
    }

    /** @param otherSections more top-level sections (e.g. {@code zookeeper:}), appended as they are */
    public static InProcessDaemon start(Path dir, String httpLines, String otherSections) throws Exception {
        return start(dir, httpLines, otherSections, binder -> {
        });
    }

    /**
     * @param overrides bindings that replace the daemon's own (e.g. a cloud's lifecycle hooks the local cloud lacks);
     *                  everything else is wired as {@code ringkeeper daemon} wires it
     */
    public static InProcessDaemon start(Path dir, String httpLines, String otherSections, com.google.inject.Module overrides)
            throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("ringkeeper.yaml");
        // otherSections may bring its own local: section (more instances than this node alone).
        String local = otherSections.lines().anyMatch(l -> l.startsWith("local:")) ? "" : """
                local:
                  inventory:
                    - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                """;
        Files.writeString(config, """
                cluster_name: test
                state_dir: state
                """ + local + notStartingCassandra(dir) + """
                http:
                """ + (httpLines.contains("port:") ? "" : "  port: 0\n") + httpLines + otherSections);
        ConfigLoader loader = ConfigLoader.withInstalledProviders();
        LoadedConfig loaded = loader.load(config);
        Injector injector = Guice.createInjector(Stage.PRODUCTION, com.google.inject.util.Modules.override(
                new DaemonModule(loaded, loader.provider(loaded.settings().cloud()).orElseThrow(), new LogLevels()))
                .with(overrides));
        Daemon daemon = injector.getInstance(Daemon.class);
        daemon.start();
        return new InProcessDaemon(daemon, injector, injector.getInstance(HttpServer.class).uri());
    }

    /**
     * A {@code cassandra:} section that keeps every file under the test's directory and does not start
     * Cassandra: for tests of the daemon itself. The wrapper is the checkout's; the installation is a stand-in
     * made in {@code dir} (a {@code lib/} with a jar named like Cassandra's, which is all the daemon looks at until
     * it starts Cassandra).
     */
    public static String notStartingCassandra(Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("cassandra-home/lib"));
        if (!Files.exists(lib.resolve("cassandra-all-5.0.9.jar"))) {
            Files.createFile(lib.resolve("cassandra-all-5.0.9.jar"));
        }
        return """
                cassandra:
                  start_on_boot: false
                  home: cassandra-home
                  conf_dir: cassandra/conf
                  data_dirs: [cassandra/data]
                  commitlog_dir: cassandra/commitlog
                  hints_dir: cassandra/hints
                  saved_caches_dir: cassandra/saved_caches
                  log_dir: cassandra/logs
                  pidfile: cassandra/cassandra.pid
                  supervisor: process
                  wrapper: %s
                """.formatted(Path.of("../systemd/cassandra-wrapper").toAbsolutePath().normalize());
    }

    public URI uri() {
        return uri;
    }

    public Injector injector() {
        return injector;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri.resolve(path)).GET());
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
