package io.ringkeeper;

import io.ringkeeper.cli.ExitCodes;
import io.ringkeeper.cli.RingkeeperCommand;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.logging.JulBridge;
import org.slf4j.LoggerFactory;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Entry point of {@code ringkeeper}. Expected problems (bad config) print one line to stderr and exit 2,
 * without a stack trace; unexpected ones are logged with their trace and exit 1.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Optional<Callable<Integer>> daemon = RingkeeperCommand.plainDaemonStart(args);
        if (daemon.isPresent()) {
            try {
                return daemon.get().call();
            } catch (Exception e) {
                return failed("daemon", e, new PrintWriter(System.err, true));
            }
        }
        JulBridge.install(); // the daemon does it once it listens (see DaemonCommand)
        CommandLine cli = new CommandLine(new RingkeeperCommand());
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(commandLine.getCommandName(), e, commandLine.getErr()));
        return cli.execute(args);
    }

    /** Expected problems (a bad config) are one line; anything else is logged with its trace, and summed up in one line. */
    private static int failed(String command, Exception e, PrintWriter err) {
        if (e instanceof ConfigException) {
            err.println(e.getMessage());
            err.flush();
            return ExitCodes.CONFIG;
        }
        LoggerFactory.getLogger(Main.class).error("ringkeeper {} failed: {}", command, e.toString(), e);
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        err.println("ringkeeper: " + e.getClass().getSimpleName() + ": " + message + " (details in the log above)");
        err.flush();
        return ExitCodes.FAILURE;
    }
}
