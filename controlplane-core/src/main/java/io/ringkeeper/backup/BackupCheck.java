package io.ringkeeper.backup;

import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.jobs.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * Checks one node's backup against the store. Cheap: every blob the manifest names is there with its size. Deep: every
 * blob is read back and its SHA-256 compared with its name, and each SSTable's {@code Data.db} CRC32 with the
 * {@code Digest.crc32} Cassandra wrote beside it, which proves the bytes are what Cassandra wrote, not only what was
 * uploaded. Drill: the same checks on files downloaded into a scratch directory the way a restore downloads them.
 */
final class BackupCheck {
    private static final int BUFFER = 1 << 20;
    private static final String DATA = "Data.db";
    private static final String DIGEST = "Digest.crc32";

    private final ObjectStore store;
    private final BackgroundPool pool;
    private final Clock clock;

    BackupCheck(ObjectStore store, BackgroundPool pool, Clock clock) {
        this.store = store;
        this.pool = pool;
        this.clock = clock;
    }

    VerifyReport cheap(BackupManifest m) throws IOException {
        Instant started = clock.instant();
        Problems problems = new Problems();
        long bytes = 0;
        for (BackupManifest.File f : m.files()) {
            String key = BlobKeys.blob(f.sha256());
            java.util.Optional<ObjectInfo> blob = store.head(key);
            if (blob.isEmpty()) {
                problems.add(RestorePoint.key(f) + ": blob " + f.sha256() + " is missing from the store");
            } else if (blob.get().size() != f.size()) {
                problems.add(RestorePoint.key(f) + ": blob " + f.sha256() + " has " + blob.get().size() + " bytes, not " + f.size());
            }
            bytes += f.size();
        }
        return new VerifyReport(m.backupId(), m.instanceId(), m.dc(), VerifyReport.CHEAP, started, clock.instant(), m.files().size(),
                bytes, 0, problems.list());
    }

    /**
     * @param scratch null for a deep check (blobs streamed, nothing written); a directory for a drill (each file
     *                downloaded into it as a restore would, then checked from disk; removed at the end)
     */
    VerifyReport read(BackupManifest m, Path scratch, JobContext ctx, AtomicLong progress) throws Exception {
        Instant started = clock.instant();
        Problems problems = new Problems();
        Map<String, Long> dataCrc = new ConcurrentHashMap<>();
        Map<String, Long> digests = new ConcurrentHashMap<>();
        Transfer transfer = new Transfer(null, ctx::cancelRequested);
        try {
            ParallelFiles.run(pool, m.files(), transfer, ctx, f -> {
                String key = BlobKeys.blob(f.sha256());
                Sums sums;
                try {
                    Summer summer = new Summer();
                    if (scratch == null) {
                        try (InputStream in = store.openRange(key, 0, f.size())) {
                            byte[] buf = new byte[BUFFER];
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                transfer.checkCancelled();
                                summer.update(buf, 0, n);
                            }
                        }
                    } else {
                        // As a restore does: into a file, summed as it arrives.
                        Path target = scratch.resolve(RestorePoint.key(f));
                        Files.createDirectories(target.getParent());
                        store.get(key, target, transfer, summer::update);
                    }
                    sums = summer.sums();
                } catch (java.io.FileNotFoundException e) { // NoSuchObjectException, or a local store's missing file
                    problems.add(RestorePoint.key(f) + ": blob " + f.sha256() + " is missing from the store");
                    return;
                }
                progress.addAndGet(f.size());
                if (sums.size != f.size()) {
                    problems.add(RestorePoint.key(f) + ": blob " + f.sha256() + " read back " + sums.size + " bytes, not " + f.size());
                } else if (!sums.sha256.equals(f.sha256())) {
                    problems.add(RestorePoint.key(f) + ": blob " + f.sha256() + " is damaged: its bytes hash to " + sums.sha256);
                }
                String name = RestorePoint.key(f);
                if (name.endsWith(DATA)) {
                    dataCrc.put(name.substring(0, name.length() - DATA.length()), sums.crc32);
                } else if (name.endsWith(DIGEST) && sums.head != null) {
                    try {
                        digests.put(name.substring(0, name.length() - DIGEST.length()), Long.parseLong(sums.head.strip()));
                    } catch (NumberFormatException e) {
                        problems.add(name + ": not a CRC32 digest");
                    }
                }
            });
        } finally {
            if (scratch != null) {
                FileTrees.delete(scratch);
            }
        }
        int matched = 0;
        for (Map.Entry<String, Long> d : digests.entrySet()) {
            Long actual = dataCrc.get(d.getKey());
            if (actual == null) {
                problems.add(d.getKey() + DATA + ": in Cassandra's Digest but not in the backup");
            } else if (!actual.equals(d.getValue())) {
                problems.add(d.getKey() + DATA + ": its CRC32 is " + actual + " but Cassandra wrote " + d.getValue()
                        + " in its Digest: the SSTable was damaged before or during the upload");
            } else {
                matched++;
            }
        }
        return new VerifyReport(m.backupId(), m.instanceId(), m.dc(), scratch == null ? VerifyReport.DEEP : VerifyReport.DRILL,
                started, clock.instant(), m.files().size(), m.bytes(), matched, problems.list());
    }

    /** A blob's SHA-256, CRC32 and size; and its first bytes as text when it is small (a digest). */
    private record Sums(String sha256, long crc32, long size, String head) {
    }

    /** Sums a blob's bytes as they come, once. */
    private static final class Summer {
        private final MessageDigest sha = Blobs.newSha256();
        private final CRC32 crc = new CRC32();
        private final byte[] head = new byte[64];
        private long size;

        void update(byte[] b, int off, int n) {
            sha.update(b, off, n);
            crc.update(b, off, n);
            if (size < head.length) {
                System.arraycopy(b, off, head, (int) size, (int) Math.min(n, head.length - size));
            }
            size += n;
        }

        Sums sums() {
            String text = size <= head.length ? new String(head, 0, (int) size, StandardCharsets.US_ASCII) : null;
            return new Sums(HexFormat.of().formatHex(sha.digest()), crc.getValue(), size, text);
        }
    }

    /** Thread-safe, bounded list of faults. */
    private static final class Problems {
        private final List<String> list = new ArrayList<>();
        private int more;

        synchronized void add(String p) {
            if (list.size() < VerifyReport.MAX_PROBLEMS) {
                list.add(p);
            } else {
                more++;
            }
        }

        synchronized List<String> list() {
            List<String> out = new ArrayList<>(list);
            if (more > 0) {
                out.add("... and " + more + " more");
            }
            return out;
        }
    }
}
