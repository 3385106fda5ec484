package io.ringkeeper.backup;

import java.time.Instant;
import java.util.List;

/**
 * One node's backup, as stored under {@link BlobKeys#manifest}: who the node was (so a new node holding the same slot
 * can restore it), what Cassandra, the schema, and every file with the blob that holds its bytes. Written last: a
 * backup exists exactly when its manifest does, and a manifest only names blobs already stored.
 *
 * @param type      {@link #SNAPSHOT} or {@link #INCREMENTAL}
 * @param keyspaces each backed-up keyspace's {@code CREATE KEYSPACE} statement, as Cassandra describes it
 * @param schema    the snapshot's {@code schema.cql} texts (keyspace.table → CQL, with the table's id), to re-create
 *                  tables before a restore
 */
public record BackupManifest(int format, String backupId, String type, String cluster, String dc, String rack,
                             String instanceId, String hostId, List<String> tokens, String cassandraVersion,
                             Instant startedAt, Instant finishedAt, java.util.Map<String, String> keyspaces,
                             java.util.Map<String, String> schema, List<File> files) {
    public static final int FORMAT = 1;
    /** A full snapshot of the node's tables. */
    public static final String SNAPSHOT = "snapshot";
    /** The SSTables Cassandra flushed since the last upload (its incremental backups): restored on top of a snapshot. */
    public static final String INCREMENTAL = "incremental";

    public BackupManifest {
        type = type == null ? SNAPSHOT : type;
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
        keyspaces = keyspaces == null ? java.util.Map.of() : java.util.Map.copyOf(keyspaces);
        schema = schema == null ? java.util.Map.of() : java.util.Map.copyOf(schema);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public boolean snapshot() {
        return SNAPSHOT.equals(type);
    }

    /**
     * A file of the backup: where it goes back ({@code <keyspace>/<tableDir>/<name>} in data directory {@code dir}, the
     * index in {@code cassandra.data_dirs}: Cassandra splits a table's token ranges across them) and its blob.
     */
    public record File(String keyspace, String table, String tableDir, String name, long size, String sha256, int dir) {
        public File(String keyspace, String table, String tableDir, String name, long size, String sha256) {
            this(keyspace, table, tableDir, name, size, sha256, 0);
        }
    }

    public long bytes() {
        return files.stream().mapToLong(File::size).sum();
    }
}
