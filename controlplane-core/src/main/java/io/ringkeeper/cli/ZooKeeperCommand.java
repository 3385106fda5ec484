package io.ringkeeper.cli;

import io.ringkeeper.config.ConfigException;
import io.ringkeeper.zookeeper.EmbeddedZooKeeper;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ringkeeper zookeeper}: a standalone ZooKeeper server for single-machine mode (the local cluster).
 * Production clusters use their own ZooKeeper ensemble.
 */
@Command(name = "zookeeper", description = "Run an embedded standalone ZooKeeper server (single-machine mode).",
        mixinStandardHelpOptions = true)
final class ZooKeeperCommand implements Callable<Integer> {
    @Option(names = "--bind", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind = "127.0.0.1";

    @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE}).")
    int port = 2181;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "Where ZooKeeper keeps its snapshots and log.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        try {
            new EmbeddedZooKeeper(bind, port, dataDir).run();
        } catch (BindException e) {
            // Something else listens there (often another ZooKeeper): a one-line error, not a stack trace.
            throw new ConfigException("ringkeeper zookeeper: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "); stop what uses that port or pick another with --port");
        }
        return ExitCodes.OK;
    }
}
