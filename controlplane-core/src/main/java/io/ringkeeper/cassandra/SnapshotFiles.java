package io.ringkeeper.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one snapshot on this node, found where Cassandra puts them:
 * {@code <data dir>/<keyspace>/<table>-<table id>/snapshots/<tag>/} in every data directory, with the snapshot's own
 * {@code manifest.json} and {@code schema.cql}. Largest first, the order a backup uploads them in.
 */
public final class SnapshotFiles {
    private SnapshotFiles() {
    }

    /**
     * One file of a snapshot.
     *
     * @param tableDir the table's directory name, {@code <table>-<table id>}: the id tells a re-created table apart
     * @param relative the file's path within the snapshot directory (its name, or a secondary index's subdirectory too)
     */
    public record SnapshotFile(String keyspace, String table, String tableDir, Path path, long size, String relative) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    public static List<SnapshotFile> list(List<Path> dataDirs, String tag) throws IOException {
        return under(dataDirs, Path.of("snapshots", tag));
    }

    /**
     * The hard links Cassandra's incremental backups put in {@code <table dir>/backups/} for each SSTable it flushes or
     * streams in, not yet uploaded (an upload removes them).
     */
    public static List<SnapshotFile> incremental(List<Path> dataDirs) throws IOException {
        return under(dataDirs, Path.of("backups"));
    }

    private static List<SnapshotFile> under(List<Path> dataDirs, Path sub) throws IOException {
        List<SnapshotFile> out = new ArrayList<>();
        for (Path dataDir : dataDirs) {
            if (!Files.isDirectory(dataDir)) {
                continue;
            }
            for (Path keyspace : children(dataDir)) {
                for (Path tableDir : children(keyspace)) {
                    Path snapshot = tableDir.resolve(sub);
                    if (!Files.isDirectory(snapshot)) {
                        continue;
                    }
                    String dirName = tableDir.getFileName().toString();
                    int dash = dirName.lastIndexOf('-');
                    String table = dash > 0 ? dirName.substring(0, dash) : dirName;
                    try (Stream<Path> files = Files.walk(snapshot)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            // Relative to the snapshot: a secondary index's files are in a subdirectory of it.
                            out.add(new SnapshotFile(keyspace.getFileName().toString(), table, dirName, f, Files.size(f),
                                    snapshot.relativize(f).toString()));
                        }
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(SnapshotFile::size).reversed().thenComparing(f -> f.path().toString()));
        return out;
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }
}
