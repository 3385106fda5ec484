package io.ringkeeper.backup;

import java.time.Instant;
import java.util.List;

/**
 * What one check of one node's backup found, kept in the store beside the manifest ({@link BlobKeys#verification}).
 *
 * @param depth         {@code cheap}: every blob is there with its size; {@code deep}: every blob read back, its SHA-256
 *                      and each SSTable's CRC32 against Cassandra's own Digest component; {@code drill}: the same, on
 *                      files restored into a scratch directory
 * @param digestsChecked SSTables whose data matched the Digest Cassandra wrote (deep and drill)
 * @param problems      one line per fault (empty: the backup is whole); at most {@link #MAX_PROBLEMS}, then a count
 */
public record VerifyReport(String backupId, String instanceId, String dc, String depth, Instant startedAt, Instant finishedAt,
                           int files, long bytes, int digestsChecked, List<String> problems) {
    public static final int MAX_PROBLEMS = 100;
    public static final String CHEAP = "cheap";
    public static final String DEEP = "deep";
    public static final String DRILL = "drill";

    public VerifyReport {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
