package io.ringkeeper;

import io.ringkeeper.cli.ExitCodes;
import io.ringkeeper.cli.RingkeeperCommand;
import io.ringkeeper.config.ConfigException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
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
        SLF4JBridgeHandler.removeHandlersForRootLogger(); // Jersey and Jetty bits log through JUL
        SLF4JBridgeHandler.install();
        CommandLine cli = new CommandLine(new RingkeeperCommand());
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println(e.getMessage());
                commandLine.getErr().flush();
                return ExitCodes.CONFIG;
            }
            LoggerFactory.getLogger(Main.class).error("ringkeeper {} failed: {}", commandLine.getCommandName(), e.toString(), e);
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            commandLine.getErr().println("ringkeeper: " + e.getClass().getSimpleName() + ": " + message + " (details in the log above)");
            commandLine.getErr().flush();
            return ExitCodes.FAILURE;
        });
        return cli.execute(args);
    }
}
