package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ringkeeper status}: asks the local daemon who it is and whether the node is ready.
 * Exit 0 ready, 3 answering but not ready, 1 not reachable, 2 bad config.
 */
@Command(name = "status", description = "Show the local daemon's node and readiness.", mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The daemon's config file, to find its address (default: ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;

    @Option(names = "--url", paramLabel = "URL", description = "The daemon's URL, e.g. http://127.0.0.1:8484 (overrides --config).")
    URI url;

    @Option(names = "--json", description = "Print the daemon's answers as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        URI base = url != null ? url : endpointOf(ConfigLoader.withInstalledProviders().load(config));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DaemonClient daemon = new DaemonClient(base);
        DaemonClient.Answer node;
        DaemonClient.Answer ready;
        try {
            node = daemon.get("/v1/node");
            ready = daemon.get("/v1/health/ready");
        } catch (DaemonClient.NoAnswer e) {
            err.println("ringkeeper: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (node.status() != 200) {
            err.println("ringkeeper: " + base + "/v1/node answered " + node.status() + ": " + node.body().path("message").asText());
            return ExitCodes.FAILURE;
        }
        boolean isReady = ready.status() == 200;
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                    mapper.createObjectNode().put("url", base.toString()).put("ready", isReady)
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("node", node.body())
                            .set("readiness", ready.body())));
        } else {
            JsonNode n = node.body();
            JsonNode instance = n.path("instance");
            out.printf("ringkeeper %s at %s%n", n.path("version").asText(), base);
            out.printf("  cluster   %s (cloud %s)%n", n.path("clusterName").asText(), n.path("cloud").asText());
            out.printf("  instance  %s%n", instance.isMissingNode() || instance.isNull() ? "unknown yet"
                    : instance.path("id").asText() + " at " + instance.path("address").asText()
                    + " (dc " + instance.path("dc").asText() + ", rack " + instance.path("rack").asText() + ")");
            out.printf("  uptime    %s s%n", n.path("uptimeSeconds").asText());
            out.printf("  ready     %s%n", isReady ? "yes" : "no: " + ready.body().path("message").asText());
        }
        out.flush();
        return isReady ? ExitCodes.OK : ExitCodes.NOT_READY;
    }

    /** The daemon writes its actual URL to state_dir/daemon.json; without it, the configured address. */
    static URI endpointOf(LoadedConfig loaded) throws IOException {
        Path file = loaded.settings().stateDir().resolve("daemon.json");
        if (Files.isRegularFile(file)) {
            return URI.create(new ObjectMapper().readTree(file.toFile()).path("url").asText());
        }
        var http = loaded.settings().http();
        return io.ringkeeper.http.HttpServer.uriFor(http.bind(), http.port());
    }

}
