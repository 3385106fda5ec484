package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.config.ConfigLoader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ringkeeper ring}: the token ring as the registry records it, one line per node. */
@Command(name = "ring", description = "Show the token ring (slots, addresses, racks, states, ownership).",
        mixinStandardHelpOptions = true)
final class RingCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The daemon's config file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;

    @Option(names = "--url", paramLabel = "URL", description = "The daemon's URL (overrides --config).")
    URI url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI base = url != null ? url : StatusCommand.endpointOf(ConfigLoader.withInstalledProviders().load(config));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DaemonClient.Answer ring;
        try {
            ring = new DaemonClient(base).get("/v1/ring");
        } catch (DaemonClient.NoAnswer e) {
            err.println("ringkeeper: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        JsonNode body = ring.body();
        if (ring.status() != 200) {
            err.println("ringkeeper: " + base + "/v1/ring answered " + ring.status() + ": " + body.path("message").asText());
            return ExitCodes.FAILURE;
        }
        for (JsonNode dc : body.path("dcs")) {
            out.printf("dc %s (ring size %s, racks %s)%n", dc.path("dc").asText(), dc.path("ringSize").asText(), dc.path("racks"));
            out.printf("  %-5s %-16s %-10s %-13s %-8s %s%n", "slot", "address", "rack", "state", "owns", "tokens");
            for (JsonNode n : dc.path("nodes")) {
                out.printf("  %-5d %-16s %-10s %-13s %6.2f%%  %s%n", n.path("slot").asInt(), n.path("address").asText(),
                        n.path("rack").asText(), n.path("state").asText(), n.path("ownershipPercent").asDouble(),
                        String.join(",", java.util.stream.StreamSupport.stream(n.path("tokens").spliterator(), false)
                                .map(JsonNode::asText).toList()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
