package io.ringkeeper.backup;

import io.ringkeeper.desired.InvalidSpec;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/restores}: what to restore on this node, from which backup.
 *
 * <pre>
 * {"mode": "node"}                                                  the latest backup of this node, whole, Cassandra stopped
 * {"mode": "tables", "tables": ["shop.orders"], "at": "2026-12-01T18:00:00Z"}   one table online, as it was at that time
 * {"mode": "tables", "sourceCluster": "prod"}                       a new cluster's node: every table of the old node
 *                                                                   that held the same tokens
 * </pre>
 *
 * @param mode           {@code node}: every table and the schema, with Cassandra stopped, the replaced data kept aside;
 *                       {@code tables}: the named tables (all user tables when none are named) imported into the running
 *                       node, the schema created first where missing
 * @param backupId       restore this backup (a snapshot, or an incremental with the snapshot before it); with neither
 *                       this nor {@code at}, the latest
 * @param at             restore the latest state at or before this time: the last snapshot, then every incremental
 * @param tables         {@code keyspace} or {@code keyspace.table} names, for mode {@code tables}
 * @param sourceCluster  the cluster whose backups to read (default: this one)
 * @param sourceInstance the node whose backups to read (default: this node, or in another cluster the node that held
 *                       this node's tokens)
 */
public record RestoreRequest(String mode, String backupId, Instant at, List<String> tables, String sourceCluster,
                             String sourceInstance) {
    public static final String NODE = "node";
    public static final String TABLES = "tables";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,48}(\\.[A-Za-z0-9_]{1,48})?");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public RestoreRequest {
        if (mode == null) {
            throw new InvalidSpec("/mode", "missing", "\"node\" (whole node, Cassandra stopped) or \"tables\" (online import)");
        }
        if (!mode.equals(NODE) && !mode.equals(TABLES)) {
            throw new InvalidSpec("/mode", "\"" + clip(mode) + "\" is not a mode", "\"node\" or \"tables\"");
        }
        if (backupId != null && at != null) {
            throw new InvalidSpec("/at", "both backupId and at are given", "one of them, or neither for the latest");
        }
        if (backupId != null && !SEGMENT.matcher(backupId).matches()) {
            throw new InvalidSpec("/backupId", "\"" + clip(backupId) + "\" is not a backup id", "an id from GET /v1/backups");
        }
        tables = tables == null ? List.of() : List.copyOf(tables);
        if (!tables.isEmpty() && mode.equals(NODE)) {
            throw new InvalidSpec("/tables", "a whole-node restore takes every table", "no tables with mode node; mode"
                    + " tables to restore some");
        }
        for (int i = 0; i < tables.size(); i++) {
            String t = tables.get(i);
            if (t == null || !NAME.matcher(t).matches()) {
                throw new InvalidSpec("/tables/" + i, "\"" + clip(String.valueOf(t)) + "\" is not a keyspace or keyspace.table",
                        "e.g. shop or shop.orders");
            }
            if (BackupScope.isSystem(t.split("\\.")[0])) {
                throw new InvalidSpec("/tables/" + i, t + " is a system keyspace", "user tables; a whole-node restore"
                        + " brings the schema back");
            }
        }
        if (sourceCluster != null && !SEGMENT.matcher(sourceCluster).matches()) {
            throw new InvalidSpec("/sourceCluster", "\"" + clip(sourceCluster) + "\" is not a cluster name", "a cluster name");
        }
        if (sourceInstance != null && !SEGMENT.matcher(sourceInstance).matches()) {
            throw new InvalidSpec("/sourceInstance", "\"" + clip(sourceInstance) + "\" is not an instance id", "an instance"
                    + " id from GET /v1/backups");
        }
    }

    /** Whether this request restores the table (mode tables: named, or every user table when none is). */
    public boolean covers(String keyspace, String table) {
        if (BackupScope.isSystem(keyspace)) {
            return mode.equals(NODE) && keyspace.equals(BackupScope.SCHEMA_KEYSPACE);
        }
        return tables.isEmpty() || tables.contains(keyspace) || tables.contains(keyspace + "." + table);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
