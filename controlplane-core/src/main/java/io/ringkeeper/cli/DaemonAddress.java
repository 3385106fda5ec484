package io.ringkeeper.cli;

import io.ringkeeper.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the daemon a command talks to is: {@code --url}, or the address its config file gives. */
final class DaemonAddress {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The daemon's config file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;

    @Option(names = "--url", paramLabel = "URL", description = "The daemon's URL, e.g. http://127.0.0.1:8484 (overrides --config).")
    URI url;

    DaemonClient client() throws Exception {
        return new DaemonClient(url != null ? url : StatusCommand.endpointOf(ConfigLoader.withInstalledProviders().load(config)));
    }
}
