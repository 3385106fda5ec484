package io.ringkeeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ringkeeper restore node|tables|clean}: restores of this node through its daemon's API. */
@Command(name = "restore", description = "Restore this node, or some of its tables, from a backup; remove what restores kept.",
        mixinStandardHelpOptions = true,
        subcommands = {RestoreCommand.Node.class, RestoreCommand.Tables.class, RestoreCommand.Clean.class})
final class RestoreCommand extends GroupCommand {

    /** The options both restores take: which backup, and whose. */
    abstract static class Restore extends ApiCommand {
        @Option(names = "--backup", paramLabel = "ID", description = "This backup (default: the latest).")
        String backupId;

        @Option(names = "--at", paramLabel = "TIME", description = "The latest state at or before this time (ISO-8601, e.g."
                + " 2026-12-01T18:00:00Z): the last snapshot then every incremental upload.")
        String at;

        @Option(names = "--source-cluster", paramLabel = "NAME", description = "Read another cluster's backups (a clone):"
                + " by default the node that held this node's tokens.")
        String sourceCluster;

        @Option(names = "--source-instance", paramLabel = "ID", description = "Read this node's backups instead.")
        String sourceInstance;

        @Option(names = "--no-wait", description = "Print the job and return at once.")
        boolean noWait;

        abstract ObjectNode request();

        ObjectNode base(String mode) {
            ObjectNode r = DesiredCommand.JSON.createObjectNode().put("mode", mode);
            if (backupId != null) {
                r.put("backupId", backupId);
            }
            if (at != null) {
                r.put("at", at);
            }
            if (sourceCluster != null) {
                r.put("sourceCluster", sourceCluster);
            }
            if (sourceInstance != null) {
                r.put("sourceInstance", sourceInstance);
            }
            return r;
        }

        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer started = client.post("/v1/restores", request());
            return follow(client, started, "the restore", noWait);
        }
    }

    @Command(name = "node", description = "Restore the whole node: every file downloaded and checked first, then Cassandra"
            + " stopped, its data moved aside (kept until `restore clean`), the backup moved in, Cassandra started.",
            mixinStandardHelpOptions = true)
    static final class Node extends Restore {
        @Override
        ObjectNode request() {
            return base("node");
        }
    }

    @Command(name = "tables", description = "Restore tables while the node serves: downloaded and checked, schema created"
            + " where missing, imported over JMX. No names: every user table of the backup.", mixinStandardHelpOptions = true)
    static final class Tables extends Restore {
        @Parameters(paramLabel = "KEYSPACE[.TABLE]", arity = "0..*", description = "What to restore.")
        java.util.List<String> tables = new java.util.ArrayList<>();

        @Override
        ObjectNode request() {
            ObjectNode r = base("tables");
            tables.forEach(r.putArray("tables")::add);
            return r;
        }
    }

    @Command(name = "clean", description = "Remove the data whole-node restores replaced, and their leftovers.",
            mixinStandardHelpOptions = true)
    static final class Clean extends ApiCommand {
        @Override
        int run(DaemonClient client) throws Exception {
            DaemonClient.Answer a = client.post("/v1/restores/clean");
            if (a.status() != 200) {
                throw refused("the clean failed", a);
            }
            if (json) {
                print(a.body());
                return ExitCodes.OK;
            }
            JsonNode b = a.body();
            out().println("removed " + b.path("removed").size() + " restore directory(ies), " + JobLine.size(b.path("bytes").asLong())
                    + (b.path("kept").isEmpty() ? "" : "; kept " + b.path("kept").size() + " of a restore still running"));
            return ExitCodes.OK;
        }
    }
}
