package io.ringkeeper.cli;

import io.ringkeeper.daemon.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code ringkeeper} command and its subcommands. */
@Command(name = "ringkeeper",
        mixinStandardHelpOptions = true,
        versionProvider = RingkeeperCommand.VersionProvider.class,
        description = "Ringkeeper: a node-local control plane for Apache Cassandra.",
        subcommands = {DaemonCommand.class, StatusCommand.class, RingCommand.class, ZooKeeperCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; status: ready", "1:failed; status: daemon not reachable",
                "2:bad configuration or usage", "3:status: daemon answers, node not ready"})
public final class RingkeeperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.CONFIG;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ringkeeper " + Version.current(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
