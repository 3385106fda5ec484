package io.ringkeeper.cloud;

import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Downloads one object into a file as byte ranges fetched in parallel, for any store that reads ranges ({@link Source}):
 * S3 today, GCS next. The first range's answer is also the lookup (the object's size, version and metadata), so a small
 * object is one request; the other ranges start as soon as it is known, each pinned to that version, and overlap the
 * first one's body. A range whose connection breaks mid-body resumes where it stopped. Each range is CRC32C-summed as
 * it arrives and the sums combined, so the caller checks the whole object without reading the file again. The file
 * appears at the target only when complete (temp file in the same directory, fsync, rename); on any failure or
 * cancellation nothing is left.
 */
public final class RangedDownload {
    private static final int COPY_BUFFER = 256 * 1024;

    private RangedDownload() {
    }

    /** What a store does for the engine: open one range. */
    public interface Source {
        /**
         * Opens bytes {@code [offset, end)} of the object ({@code end} may pass the object's end).
         *
         * @param version null for the object's first range: the answer says the version, which pins the others
         * @throws Fatal when retrying cannot help (no such object, replaced, a wrong answer); any other IOException is
         *               retried from where the range stopped
         */
        Answer open(long offset, long end, String version) throws IOException;

        /** For messages: {@code s3://bucket/key}. */
        String describe();
    }

    /**
     * One range's answer.
     *
     * @param body       the bytes from {@code startsAt}
     * @param objectSize the whole object's size
     * @param version    the object's version (an ETag, a generation)
     * @param metadata   the object's metadata (read from the first answer)
     * @param startsAt   where the answer's bytes begin: the range asked for, else the store answered another range
     */
    public record Answer(InputStream body, long objectSize, String version, Map<String, String> metadata, long startsAt) {
    }

    /** A failure retrying cannot fix. */
    public static class Fatal extends IOException {
        public Fatal(String message) {
            super(message);
        }

        public Fatal(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The object as downloaded: its size, metadata, and the CRC32C of its bytes. */
    public record Result(long size, Map<String, String> metadata, long crc32c) {
    }

    /**
     * @param pool        runs the ranges; its size bounds the requests in flight
     * @param maxAttempts attempts per range
     * @param verify      checks the result before the file is moved into place (e.g. against a stored checksum)
     */
    public static Result download(Source source, Path target, long partSize, ExecutorService pool, int maxAttempts,
                                  Transfer transfer, Verify verify) throws IOException {
        return download(source, target, partSize, pool, maxAttempts, transfer, verify, null);
    }

    /**
     * As the other, and hands every byte to {@code sink} in order: the calling thread, which would only wait, reads each
     * range back (from the page cache) as soon as it and every range before it are written, while the later ranges are
     * still downloading. The file is not moved into place before the sink has seen all of it.
     *
     * @param sink null: none
     */
    public static Result download(Source source, Path target, long partSize, ExecutorService pool, int maxAttempts,
                                  Transfer transfer, Verify verify, ObjectStore.ByteSink sink) throws IOException {
        transfer.checkCancelled();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".part-" + UUID.randomUUID());
        try {
            Result result;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.READ)) {
                // One writer at a time per file: parallel writes into one file contend in the kernel (the inode's
                // write lock is held across each buffered write, and its waiters spin), which cost about a fifth of
                // the download's CPU in the S3 benchmark.
                Lock writes = new ReentrantLock();
                Range first = new Range(null, 0, partSize);
                // Filled by the first range's thread; read after it ends, or (cancelling) while it may still fill it.
                List<Future<Long>> rest = new java.util.concurrent.CopyOnWriteArrayList<>();
                first.onLearn = () -> {
                    for (long offset = partSize; offset < first.total; offset += partSize) {
                        Range range = new Range(first.version, offset, Math.min(partSize, first.total - offset));
                        rest.add(pool.submit(() -> copy(source, range, out, writes, transfer, maxAttempts)));
                    }
                };
                try {
                    List<Long> crcs = new ArrayList<>();
                    crcs.add(await(List.of(pool.submit(() -> copy(source, first, out, writes, transfer, maxAttempts))), source).get(0));
                    Follower follower = sink == null ? null : new Follower(out, sink, transfer);
                    if (follower != null) {
                        follower.feed(0, Math.min(partSize, first.total));
                    }
                    // In offset order: the first range's answer added them so (and all of them before it ended).
                    for (int i = 0; i < rest.size(); i++) {
                        crcs.add(await(List.of(rest.get(i)), source).get(0));
                        if (follower != null) {
                            long offset = (i + 1) * partSize;
                            follower.feed(offset, Math.min(partSize, first.total - offset));
                        }
                    }
                    result = new Result(first.total, first.metadata, ObjectChecksums.combineParts(crcs, partSize, first.total));
                } finally {
                    rest.forEach(f -> f.cancel(true)); // when the first range failed after the others started
                }
                out.force(false); // data and size: what reading the file back needs; the rename is made durable next
            }
            verify.check(result);
            AtomicFiles.moveIntoPlace(temp, target);
            return result;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads ranges back from the file being written, in order, into a sink; on the downloading caller's thread. */
    private static final class Follower {
        private final FileChannel file;
        private final ObjectStore.ByteSink sink;
        private final Transfer transfer;
        private final byte[] buf = new byte[COPY_BUFFER];

        Follower(FileChannel file, ObjectStore.ByteSink sink, Transfer transfer) {
            this.file = file;
            this.sink = sink;
            this.transfer = transfer;
        }

        void feed(long offset, long length) throws IOException {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                transfer.checkCancelled();
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - position));
                int n = file.read(bb, position);
                if (n <= 0) {
                    throw new IOException("the download's file ended at byte " + position + " of " + end + " while being read back");
                }
                sink.update(buf, 0, n);
                position += n;
            }
        }
    }

    /** A check of the whole object before it is put in place. */
    public interface Verify {
        void check(Result result) throws IOException;
    }

    /** One range on its way into the file; used by one thread at a time. */
    private static final class Range {
        String version;
        final long offset;
        long end; // exclusive; for the first range an upper bound until the answer gives the object's size
        long total = -1;
        Map<String, String> metadata = Map.of();
        Runnable onLearn;

        Range(String version, long offset, long length) {
            this.version = version;
            this.offset = offset;
            this.end = offset + length;
        }
    }

    private static long copy(Source source, Range r, FileChannel out, Lock writes, Transfer transfer, int maxAttempts)
            throws IOException {
        CRC32C crc = new CRC32C();
        long position = r.offset;
        byte[] buf = null;
        IOException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (r.version != null && position >= r.end) {
                return crc.getValue();
            }
            try {
                Answer a = source.open(position, r.end, r.version);
                try (InputStream in = a.body()) {
                    if (r.version == null) {
                        r.total = a.objectSize();
                        r.end = Math.min(r.end, r.total);
                        r.version = a.version();
                        r.metadata = a.metadata();
                        if (r.onLearn != null) {
                            r.onLearn.run();
                        }
                    }
                    if (a.startsAt() != position) {
                        throw new Fatal(source.describe() + " answered a read of bytes " + position + "-" + (r.end - 1)
                                + " with bytes from " + a.startsAt());
                    }
                    if (buf == null) {
                        buf = new byte[COPY_BUFFER];
                    }
                    int n;
                    while (position < r.end && (n = in.read(buf, 0, (int) Math.min(buf.length, r.end - position))) > 0) {
                        transfer.checkCancelled();
                        crc.update(buf, 0, n);
                        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                        writes.lock();
                        try {
                            while (bb.hasRemaining()) {
                                position += out.write(bb, position);
                            }
                        } finally {
                            writes.unlock();
                        }
                        transfer.moved(n);
                    }
                }
                if (position >= r.end) {
                    return crc.getValue();
                }
                last = new IOException(source.describe() + " ended at byte " + position + ", expected " + r.end);
            } catch (Fatal | Transfer.Cancelled | java.io.FileNotFoundException e) {
                throw e; // FileNotFoundException: ObjectStore.NoSuchObjectException, the object is not there
            } catch (IOException | RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("download of " + source.describe() + " interrupted");
                }
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            backoff(attempt);
        }
        throw new IOException("could not download " + source.describe() + " after " + maxAttempts + " attempts: "
                + last.getMessage(), last);
    }

    private static void backoff(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while retrying a download");
        }
    }

    private static <T> List<T> await(List<Future<T>> futures, Source source) throws IOException {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + source.describe() + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("download of " + source.describe() + " failed: " + e.getCause(), e.getCause());
        } finally {
            futures.forEach(f -> f.cancel(true)); // one range failed: the others are wasted work now
        }
    }
}
