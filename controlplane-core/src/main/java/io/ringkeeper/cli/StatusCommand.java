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
 * {@code ringkeeper status}: asks the local daemon who it is, whether the node is ready, and where the cluster stands
 * on each desired-state kind. Exit 0 ready, 3 answering but not ready, 1 not reachable, 2 bad config.
 * {@code ringkeeper status KIND}: every node of the cluster for that kind; exit 0 when every live node has converged on
 * the record's latest version, 3 otherwise.
 */
@Command(name = "status", description = "Show the local daemon's node and readiness, and the cluster's desired-state "
        + "kinds; with KIND, every node's status for that kind.", mixinStandardHelpOptions = true)
final class StatusCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "KIND",
            description = "A desired-state kind (e.g. logging): show every node's status for it.")
    String kind;

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
        if (kind != null) {
            return kindStatus(daemon, out, err);
        }
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
        DaemonClient.Answer kinds;
        try {
            kinds = daemon.get("/v1/status");
        } catch (DaemonClient.NoAnswer e) {
            // The node's own answer stands; only the cluster view is missing.
            kinds = new DaemonClient.Answer(503, mapper.createObjectNode().put("message", e.getMessage()));
        }
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(
                    mapper.createObjectNode().put("url", base.toString()).put("ready", isReady)
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("node", node.body())
                            .<com.fasterxml.jackson.databind.node.ObjectNode>set("readiness", ready.body())
                            .set("desired", kinds.status() == 200 ? kinds.body().path("kinds") : null)));
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
            if (kinds.status() == 200) {
                for (JsonNode k : kinds.body().path("kinds")) {
                    out.printf("  %-9s %s%n", k.path("kind").asText(), k.path("desiredVersion").asInt() < 0 ? "no record"
                            : "version " + k.path("desiredVersion").asInt() + ": " + counts(k));
                }
            } else {
                out.printf("  desired   unknown: %s%n", kinds.message());
            }
        }
        out.flush();
        return isReady ? ExitCodes.OK : ExitCodes.NOT_READY;
    }

    private static String counts(JsonNode k) {
        return k.path("converged").asInt() + " of " + k.path("nodes").asInt() + " node(s) converged"
                + (k.path("waiting").asInt() > 0 ? ", " + k.path("waiting").asInt() + " waiting" : "")
                + (k.path("failing").asInt() > 0 ? ", " + k.path("failing").asInt() + " failing" : "")
                + (k.path("notLive").asInt() > 0 ? ", " + k.path("notLive").asInt() + " down" : "");
    }

    private int kindStatus(DaemonClient daemon, PrintWriter out, PrintWriter err) throws Exception {
        DaemonClient.Answer a;
        try {
            a = daemon.get("/v1/status/" + kind);
        } catch (DaemonClient.NoAnswer e) {
            err.println("ringkeeper: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (a.status() != 200) {
            err.println("ringkeeper: status of " + kind + " (" + a.status() + "): " + a.message());
            return a.status() == 404 ? ExitCodes.CONFIG : ExitCodes.FAILURE;
        }
        JsonNode k = a.body();
        if (json) {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(k));
        } else {
            out.printf("%s: %s%n", kind, k.path("desiredVersion").asInt() < 0 ? "no record"
                    : "version " + k.path("desiredVersion").asInt() + ", " + counts(k));
            out.printf("  %-20s %-10s %-10s %-9s %-12s %s%n", "node", "dc", "rack", "version", "state", "message");
            for (JsonNode e : k.path("entries")) {
                out.printf("  %-20s %-10s %-10s %-9s %-12s %s%n", e.path("instanceId").asText(), e.path("dc").asText("-"),
                        e.path("rack").asText("-"), e.path("convergedVersion").asInt() < 0 ? "-" : e.path("convergedVersion").asText(),
                        e.path("live").asBoolean() ? e.path("state").asText("-") : "DOWN", e.path("message").asText(""));
            }
        }
        out.flush();
        boolean done = k.path("waiting").asInt() == 0 && k.path("failing").asInt() == 0;
        return done ? ExitCodes.OK : ExitCodes.NOT_READY;
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
