package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to a daemon's API shares: where the daemon is, {@code --json}, and errors as one line
 * with the exit code they call for (no daemon: 1; a refused input: 2; a failure: 1).
 */
abstract class ApiCommand implements Callable<Integer> {
    @Mixin
    DaemonAddress daemon;

    @Option(names = "--json", description = "Print JSON, for scripts.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** A command that cannot go on; the message is the one line printed. */
    static final class Refused extends RuntimeException {
        final int exit;

        Refused(String message, int exit) {
            super(message, null, false, false);
            this.exit = exit;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run(daemon.client());
        } catch (DaemonClient.NoAnswer e) {
            err().println("ringkeeper: " + e.getMessage());
            return ExitCodes.FAILURE;
        } catch (Refused e) {
            err().println("ringkeeper: " + e.getMessage());
            return e.exit;
        } finally {
            out().flush();
            err().flush();
        }
    }

    abstract int run(DaemonClient client) throws Exception;

    /** Fails the command with the daemon's answer: a refused input (4xx) is exit 2, anything else 1. */
    static Refused refused(String what, DaemonClient.Answer a) {
        int exit = a.status() >= 400 && a.status() < 500 ? ExitCodes.CONFIG : ExitCodes.FAILURE;
        return new Refused(what + " (" + a.status() + "): " + a.message(), exit);
    }

    /**
     * Follows a job the daemon accepted (202; any other answer is the refusal printed) until it ends: a progress bar redrawn in place on a terminal, a plain line
     * per change otherwise (a log, a pipe), the job itself with {@code --json}. Exit 0 when it succeeded, else 1.
     *
     * @param what   what was asked, for the one line printed when the daemon refuses it ("the backup")
     * @param noWait print the job and return at once
     */
    int follow(DaemonClient client, DaemonClient.Answer started, String what, boolean noWait) throws Exception {
        if (started.status() != 202) {
            throw refused(what + " was not started", started);
        }
        String id = started.body().path("id").asText();
        if (noWait) {
            if (json) {
                print(started.body());
            } else {
                out().println(started.body().path("kind").asText() + " job " + id + " started; follow it with: curl -s "
                        + client.base().resolve("/v1/jobs/" + id));
            }
            return ExitCodes.OK;
        }
        boolean terminal = System.console() != null && !json;
        String last = "";
        while (true) {
            JsonNode j = client.get("/v1/jobs/" + id).body();
            String state = j.path("state").asText();
            if (!json) {
                String line = JobLine.of(j);
                if (!line.equals(last)) {
                    if (terminal) {
                        out().print("\r" + JobLine.bar(j) + " " + line + "\u001b[K");
                    } else {
                        out().println(line);
                    }
                    out().flush();
                    last = line;
                }
            }
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                if (json) {
                    print(j);
                } else {
                    if (terminal) {
                        out().println();
                    }
                    out().println(j.path("outcome").asText());
                }
                return state.equals("SUCCEEDED") ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            Thread.sleep(1000);
        }
    }

    void print(JsonNode body) throws IOException {
        out().println(DesiredCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }
}
