package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ringkeeper backup now|list|show|verify}: backups through a daemon's API. */
@Command(name = "backup", description = "Back this node up now, list and show the cluster's backups, check one.",
        mixinStandardHelpOptions = true,
        subcommands = {BackupCommand.Now.class, BackupCommand.List.class, BackupCommand.Show.class, BackupCommand.Verify.class})
final class BackupCommand extends GroupCommand {

    @Command(name = "now", description = "Back this node up now (a snapshot, or --incremental) and follow the job until it"
            + " ends (--no-wait: just start it).", mixinStandardHelpOptions = true)
    static final class Now extends ApiCommand {
        @Option(names = "--no-wait", description = "Print the job and return at once.")
        boolean noWait;

        @Option(names = "--incremental", description = "Upload what Cassandra's incremental backups collected, not a snapshot.")
        boolean incremental;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer started = client.post("/v1/backups" + (incremental ? "?type=incremental" : ""));
            return follow(client, started, "the backup", noWait);
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
            out().printf("%-38s %-11s %-16s %-10s %-22s %8s %10s%n", "backup", "type", "node", "dc", "finished", "files", "size");
            for (JsonNode b : a.body().path("backups")) {
                out().printf("%-38s %-11s %-16s %-10s %-22s %8d %10s%n", b.path("backupId").asText(), b.path("type").asText(),
                        b.path("instanceId").asText(), b.path("dc").asText(), b.path("finishedAt").asText(),
                        b.path("files").asInt(), JobLine.size(b.path("bytes").asLong()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One backup: each node's manifest (tokens, version, tables, files) and last check.",
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
            for (JsonNode d : a.body()) {
                JsonNode m = d.path("manifest");
                long bytes = 0;
                for (JsonNode f : m.path("files")) {
                    bytes += f.path("size").asLong();
                }
                out().printf("%s (%s) on %s (dc %s, rack %s), Cassandra %s, %d token(s): %d file(s), %s; tables %s%n",
                        m.path("backupId").asText(), m.path("type").asText(), m.path("instanceId").asText(), m.path("dc").asText(),
                        m.path("rack").asText(), m.path("cassandraVersion").asText(), m.path("tokens").size(),
                        m.path("files").size(), JobLine.size(bytes),
                        m.path("schema").properties().stream().map(java.util.Map.Entry::getKey).sorted().toList());
                JsonNode c = d.path("lastCheck");
                out().println(c.isMissingNode() || c.isNull() ? "  never checked"
                        : "  last check: " + c.path("depth").asText() + " at " + c.path("finishedAt").asText() + ": "
                        + (c.path("problems").isEmpty() ? "whole" : c.path("problems").size() + " problem(s), first: "
                        + c.path("problems").get(0).asText()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Check a backup (every node's manifest of it) and follow the job: --depth cheap"
            + " (each blob is there with its size), deep (read back, re-hashed, checked against Cassandra's Digest) or drill"
            + " (restored into a scratch directory and checked).", mixinStandardHelpOptions = true)
    static final class Verify extends ApiCommand {
        @Parameters(index = "0", paramLabel = "BACKUP_ID")
        String id;

        @Option(names = "--depth", defaultValue = "cheap", description = "cheap, deep or drill (default: ${DEFAULT-VALUE}).")
        String depth;

        @Option(names = "--no-wait", description = "Print the job and return at once.")
        boolean noWait;

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer started = client.post("/v1/backups/" + id + "/verify?depth=" + depth);
            return follow(client, started, "the check", noWait);
        }
    }
}
