package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ringkeeper backup now|list|show}: backups through a daemon's API. */
@Command(name = "backup", description = "Back this node up now, or list and show the cluster's backups.",
        mixinStandardHelpOptions = true,
        subcommands = {BackupCommand.Now.class, BackupCommand.List.class, BackupCommand.Show.class})
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.CONFIG;
    }

    @Command(name = "now", description = "Back this node up now and follow the job until it ends (--no-wait: just start it).",
            mixinStandardHelpOptions = true)
    static final class Now extends ApiCommand {
        @Option(names = "--no-wait", description = "Print the job and return at once.")
        boolean noWait;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer started = client.post("/v1/backups");
            if (started.status() != 202) {
                throw refused("the backup was not started", started);
            }
            String id = started.body().path("id").asText();
            if (noWait) {
                if (json) {
                    print(started.body());
                } else {
                    out().println("backup job " + id + " started; follow it with: curl -s " + client.base().resolve("/v1/jobs/" + id));
                }
                return ExitCodes.OK;
            }
            String last = "";
            while (true) {
                DaemonClient.Answer job = client.get("/v1/jobs/" + id);
                JsonNode j = job.body();
                String state = j.path("state").asText();
                if (!json) {
                    JsonNode p = j.path("progress");
                    String line = state + (p.isMissingNode() ? "" : ": " + p.path("done").asLong() + "/" + p.path("total").asLong()
                            + " files, " + mib(p.path("bytesDone").asLong()) + " of " + mib(p.path("bytesTotal").asLong()) + " MiB"
                            + (p.has("rate") ? " at " + mib(p.path("rate").asLong()) + " MiB/s" : ""));
                    if (!line.equals(last)) {
                        out().println(line); // plain lines: readable in a log as on a terminal
                        out().flush();
                        last = line;
                    }
                }
                if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                    if (json) {
                        print(j);
                    } else {
                        out().println(j.path("outcome").asText());
                    }
                    return state.equals("SUCCEEDED") ? ExitCodes.OK : ExitCodes.FAILURE;
                }
                Thread.sleep(Duration.ofSeconds(1).toMillis());
            }
        }

        private static String mib(long bytes) {
            return String.format("%.1f", bytes / 1048576.0);
        }
    }

    @Command(name = "list", description = "Every node's backups in the cluster, oldest first.", mixinStandardHelpOptions = true)
    static final class List extends ApiCommand {
        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer a = client.get("/v1/backups");
            if (a.status() != 200) {
                throw refused("listing backups failed", a);
            }
            if (json) {
                print(a.body());
                return ExitCodes.OK;
            }
            out().printf("%-34s %-16s %-10s %-22s %8s %12s%n", "backup", "node", "dc", "finished", "files", "bytes");
            for (JsonNode b : a.body().path("backups")) {
                out().printf("%-34s %-16s %-10s %-22s %8d %12d%n", b.path("backupId").asText(), b.path("instanceId").asText(),
                        b.path("dc").asText(), b.path("finishedAt").asText(), b.path("files").asInt(), b.path("bytes").asLong());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One backup: each node's manifest (tokens, version, tables, files).",
            mixinStandardHelpOptions = true)
    static final class Show extends ApiCommand {
        @Parameters(index = "0", paramLabel = "BACKUP_ID")
        String id;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer a = client.get("/v1/backups/" + id);
            if (a.status() != 200) {
                throw refused("no such backup", a);
            }
            if (json) {
                print(a.body());
                return ExitCodes.OK;
            }
            for (JsonNode m : a.body()) {
                long bytes = 0;
                for (JsonNode f : m.path("files")) {
                    bytes += f.path("size").asLong();
                }
                out().printf("%s on %s (dc %s, rack %s), Cassandra %s, %d token(s): %d file(s), %d bytes; tables %s%n",
                        m.path("backupId").asText(), m.path("instanceId").asText(), m.path("dc").asText(), m.path("rack").asText(),
                        m.path("cassandraVersion").asText(), m.path("tokens").size(), m.path("files").size(), bytes,
                        m.path("schema").properties().stream().map(java.util.Map.Entry::getKey).sorted().toList());
            }
            return ExitCodes.OK;
        }
    }
}
