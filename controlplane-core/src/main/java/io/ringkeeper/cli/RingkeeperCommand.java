package io.ringkeeper.cli;

import io.ringkeeper.daemon.Version;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ringkeeper} command and its subcommands. */
@Command(name = "ringkeeper",
        mixinStandardHelpOptions = true,
        versionProvider = RingkeeperCommand.VersionProvider.class,
        description = "Ringkeeper: a node-local control plane for Apache Cassandra.",
        subcommands = {DaemonCommand.class, StatusCommand.class, DesiredCommand.class, BackupCommand.class, RestoreCommand.class, RingCommand.class, ZooKeeperCommand.class, WarmUpCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; status: ready", "1:failed; status: daemon not reachable",
                "2:bad configuration or usage", "3:status: daemon answers, node not ready; status KIND: not every live node has converged"})
public final class RingkeeperCommand extends GroupCommand {

    /**
     * {@code ringkeeper daemon [--config FILE]}, what systemd runs at every start, without picocli: building picocli's
     * model costs a noticeable share of the daemon's start (its classes are too old a class format for class-data
     * sharing, so they are loaded and verified one by one). Anything else (help, a typo, other commands) goes through
     * picocli as usual, which then gives the same result for these arguments.
     */
    public static Optional<Callable<Integer>> plainDaemonStart(String[] args) {
        if (args.length == 0 || !args[0].equals("daemon")) {
            return Optional.empty();
        }
        String config = null;
        if (args.length == 2 && args[1].startsWith("--config=") && args[1].length() > "--config=".length()) {
            config = args[1].substring("--config=".length());
        } else if (args.length == 3 && (args[1].equals("--config") || args[1].equals("-c")) && !args[2].startsWith("-")) {
            config = args[2];
        } else if (args.length != 1) {
            return Optional.empty();
        }
        DaemonCommand daemon = new DaemonCommand();
        if (config != null) {
            daemon.config = java.nio.file.Path.of(config);
        }
        return Optional.of(daemon);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ringkeeper " + Version.current(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
