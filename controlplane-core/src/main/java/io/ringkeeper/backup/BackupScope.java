package io.ringkeeper.backup;

import java.util.List;
import java.util.Set;

/**
 * Which tables a backup takes: every user table, or those {@code include} names (a keyspace, or {@code keyspace.table}),
 * less those {@code exclude} names. Of the system keyspaces only {@code system_schema} is taken, always: it is the
 * schema a whole-node restore brings back with the data. The others hold this node's own state (tokens, peers, hints),
 * which a restored node must build for itself, or tracing and repair history.
 */
public record BackupScope(List<String> include, List<String> exclude) {
    public static final String SCHEMA_KEYSPACE = "system_schema";
    public static final BackupScope EVERYTHING = new BackupScope(List.of(), List.of());
    private static final Set<String> SYSTEM = Set.of("system", "system_auth", "system_distributed", "system_traces",
            "system_views", "system_virtual_schema", "system_cluster_metadata");

    public BackupScope {
        include = include == null ? List.of() : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    public static BackupScope of(BackupSpec.Keyspaces k) {
        return k == null ? EVERYTHING : new BackupScope(k.include(), k.exclude());
    }

    public static boolean isSystem(String keyspace) {
        return SYSTEM.contains(keyspace) || keyspace.equals(SCHEMA_KEYSPACE);
    }

    /** Whether any table of the keyspace may be taken. */
    public boolean coversKeyspace(String keyspace) {
        if (keyspace.equals(SCHEMA_KEYSPACE)) {
            return true;
        }
        if (isSystem(keyspace) || exclude.contains(keyspace)) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(n -> n.equals(keyspace) || n.startsWith(keyspace + "."));
    }

    public boolean covers(String keyspace, String table) {
        if (keyspace.equals(SCHEMA_KEYSPACE)) {
            return true;
        }
        if (isSystem(keyspace)) {
            return false;
        }
        String qualified = keyspace + "." + table;
        if (exclude.contains(keyspace) || exclude.contains(qualified)) {
            return false;
        }
        return include.isEmpty() || include.contains(keyspace) || include.contains(qualified);
    }
}
