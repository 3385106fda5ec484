package io.ringkeeper.aws;

import io.ringkeeper.cloud.ObjectChecksums;
import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectKeys;
import io.ringkeeper.cloud.MeteredInputStream;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.files.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The object store on S3 (or an S3-compatible store). Files larger than the multipart threshold go up as a
 * multipart upload whose parts are read straight from the file by {@code concurrency} threads; files larger than
 * one part come down as parallel ranged GETs written straight to their place in a temp file, the first of which
 * also looks the object up (no HEAD). Memory stays at a few small buffers per thread, whatever the object size.
 * An object becomes visible under its key only when S3 has all of it (a single PUT, or CompleteMultipartUpload); a
 * failed multipart upload is aborted.
 *
 * <p>Every object carries the CRC32C of its whole contents as user metadata ({@value #CRC_METADATA});
 * whole-object reads check it, so damage anywhere between the disk that wrote it and the disk that reads it
 * back is caught. On top of that, S3 checks each upload request against the configured additional checksum.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);
    static final String CRC_METADATA = "ringkeeper-crc32c";
    private static final int COPY_BUFFER = 256 * 1024;

    private final Supplier<S3Client> clients;
    private final S3Settings settings;
    private final String keyPrefix;
    private final ExecutorService transfers;

    public S3ObjectStore(Supplier<S3Client> clients, S3Settings settings) {
        this.clients = clients;
        this.settings = settings;
        this.keyPrefix = settings.prefix() == null ? "" : settings.prefix() + "/";
        AtomicInteger n = new AtomicInteger();
        this.transfers = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "s3-transfer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void put(String key, Path source, Transfer transfer) throws IOException {
        transfer.checkCancelled();
        try {
            upload(key, source, transfer);
        } catch (IOException e) {
            // A cancelled stream fails the SDK's request, which says so in its own words: say what happened.
            if (transfer.isCancelled() && !(e instanceof Transfer.Cancelled)) {
                Transfer.Cancelled cancelled = new Transfer.Cancelled("upload of " + key + " stopped; nothing was stored");
                cancelled.initCause(e);
                throw cancelled;
            }
            throw e;
        }
    }

    private void upload(String key, Path source, Transfer transfer) throws IOException {
        String s3Key = s3Key(key);
        long size = Files.size(source);
        // One sequential pass for the whole-object checksum, which must be in the metadata before the first byte goes.
        // The same pass yields each part's CRC32C, sent with the part: S3 then checks the bytes it receives against
        // the file as it was read here, so a part that changed on disk since (or on the way) is refused.
        long partSize = partSize();
        List<Long> partCrcs = ObjectChecksums.crc32cOfParts(source, partSize);
        if (partCrcs.size() != Math.max(1, (size + partSize - 1) / partSize)) {
            throw new IOException(source + " changed size while it was read for upload (" + size + " bytes before)");
        }
        long whole = ObjectChecksums.combineParts(partCrcs, partSize, size);
        String crc = ObjectChecksums.format(whole);
        if (size <= settings.singlePutLimit()) {
            FilePart body = new FilePart(source, 0, size);
            try {
                putSingle(s3Key, RequestBody.fromContentProvider(metered(body, transfer), size, "application/octet-stream"), crc, whole);
            } finally {
                body.closeOpen();
            }
        } else {
            putMultipart(s3Key, source, size, crc, partCrcs, transfer);
        }
    }

    /** The part's bytes as the SDK reads them (again on a retry), under the transfer. */
    private static ContentStreamProvider metered(FilePart body, Transfer transfer) {
        return () -> new MeteredInputStream(body.newStream(), transfer);
    }

    @Override
    public void put(String key, byte[] contents) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(contents);
        putSingle(s3Key(key), RequestBody.fromBytes(contents), ObjectChecksums.format(crc.getValue()), crc.getValue());
    }

    /** @param crc32c the body's CRC32C, sent as its additional checksum when that is the configured algorithm */
    private void putSingle(String s3Key, RequestBody body, String crc, long crc32c) throws IOException {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket()).key(s3Key)
                .metadata(Map.of(CRC_METADATA, crc));
        encryption(req);
        if (settings.checksum() == S3Settings.Checksum.CRC32C) {
            // The value alone, without naming the algorithm: the SDK then sends this header as it is, instead of
            // computing a CRC of its own and sending that as a trailer too.
            req.checksumCRC32C(ObjectChecksums.base64(crc32c));
        } else {
            Optional.ofNullable(checksumAlgorithm()).ifPresent(req::checksumAlgorithm);
        }
        try {
            s3().putObject(req.build(), body);
        } catch (SdkException e) {
            throw failure("upload", s3Key, e);
        }
    }

    private void putMultipart(String s3Key, Path source, long size, String crc, List<Long> partCrcs, Transfer transfer)
            throws IOException {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket()).key(s3Key)
                .metadata(Map.of(CRC_METADATA, crc));
        encryption(create);
        Optional.ofNullable(checksumAlgorithm()).ifPresent(create::checksumAlgorithm);
        String uploadId;
        try {
            uploadId = s3().createMultipartUpload(create.build()).uploadId();
        } catch (SdkException e) {
            throw failure("start a multipart upload of", s3Key, e);
        }
        boolean completed = false;
        try {
            long partSize = partSize();
            int count = (int) ((size + partSize - 1) / partSize);
            List<Future<CompletedPart>> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int number = i + 1;
                long offset = i * partSize;
                FilePart body = new FilePart(source, offset, Math.min(partSize, size - offset));
                long partCrc = partCrcs.get(i);
                parts.add(transfers.submit(() -> uploadPart(s3Key, uploadId, number, body, partCrc, transfer)));
            }
            List<CompletedPart> done = await(parts, "upload", s3Key);
            s3().completeMultipartUpload(b -> b.bucket(bucket()).key(s3Key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
            completed = true;
        } catch (SdkException e) {
            throw failure("complete the multipart upload of", s3Key, e);
        } finally {
            if (!completed) {
                abort(s3Key, uploadId);
            }
        }
    }

    private CompletedPart uploadPart(String s3Key, String uploadId, int number, FilePart body, long crc32c, Transfer transfer)
            throws Transfer.Cancelled {
        transfer.checkCancelled(); // a part not started yet is not started at all
        try {
            UploadPartRequest.Builder req = UploadPartRequest.builder().bucket(bucket()).key(s3Key).uploadId(uploadId)
                    .partNumber(number).contentLength(body.length());
            if (settings.checksum() == S3Settings.Checksum.CRC32C) {
                req.checksumCRC32C(ObjectChecksums.base64(crc32c)); // as for a single PUT: this value, no trailer
            } else {
                Optional.ofNullable(checksumAlgorithm()).ifPresent(req::checksumAlgorithm);
            }
            UploadPartResponse r = s3().uploadPart(req.build(),
                    RequestBody.fromContentProvider(metered(body, transfer), body.length(), "application/octet-stream"));
            // The part checksums S3 computed go back in CompleteMultipartUpload, which checks them again.
            return CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32C(r.checksumCRC32C())
                    .checksumCRC32(r.checksumCRC32()).checksumSHA256(r.checksumSHA256()).build();
        } finally {
            body.closeOpen();
        }
    }

    private void abort(String s3Key, String uploadId) {
        try {
            s3().abortMultipartUpload(b -> b.bucket(bucket()).key(s3Key).uploadId(uploadId));
        } catch (SdkException e) {
            // The parts are invisible either way; a bucket lifecycle rule (docs/aws.md) reclaims their space.
            log.warn("could not abort the multipart upload {} of s3://{}/{}: {}", uploadId, bucket(), s3Key, e.getMessage());
        }
    }

    @Override
    public void get(String key, Path target, Transfer transfer) throws IOException {
        transfer.checkCancelled();
        String s3Key = s3Key(key);
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".part-" + UUID.randomUUID());
        try {
            long crc;
            String expected;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long partSize = partSize();
                // One writer at a time per file: ranges still arrive in parallel, but parallel writes into one file
                // contend in the kernel (the inode's write lock is held across each buffered write, and its waiters
                // spin on the CPU), which cost about a fifth of the download's CPU in the S3 benchmark.
                Lock writes = new ReentrantLock();
                // The first range's GET is also the lookup: its answer carries the size, the version (ETag) that
                // pins the other ranges, and the metadata. A small object is one request, not a HEAD and a GET. The
                // other ranges start as soon as that answer's headers are in, so they overlap the first one's body.
                // Every range runs on the transfer pool, so `concurrency` bounds the GETs in flight.
                RangeRead first = new RangeRead(bucket(), s3Key, null, 0, partSize);
                List<Future<Long>> rest = new ArrayList<>(); // filled by the first range's thread, read after it ends
                first.onLearn = () -> {
                    for (long offset = partSize; offset < first.total; offset += partSize) {
                        RangeRead range = new RangeRead(first.bucket, s3Key, first.eTag, offset,
                                Math.min(partSize, first.total - offset));
                        rest.add(transfers.submit(() -> download(range, out, writes, transfer)));
                    }
                };
                try {
                    List<Long> crcs = new ArrayList<>();
                    try {
                        crcs.add(await(List.of(transfers.submit(() -> download(first, out, writes, transfer))), "download", s3Key).get(0));
                    } catch (EmptyObject empty) {
                        crcs.add(new CRC32C().getValue());
                        first.metadata = empty.head.metadata();
                        first.total = 0;
                    }
                    crcs.addAll(await(rest, "download", s3Key));
                    // Each range was checksummed as it arrived; combining them checks the whole without a second read.
                    crc = ObjectChecksums.combineParts(crcs, partSize, first.total);
                } finally {
                    rest.forEach(f -> f.cancel(true)); // when the first range failed after the others started
                }
                expected = first.metadata.get(CRC_METADATA);
                out.force(false); // data and size: what reading the file back needs; the rename is made durable next
            }
            if (expected != null) {
                String actual = ObjectChecksums.format(crc);
                if (!expected.equals(actual)) {
                    throw new CorruptObjectException(key, expected, actual);
                }
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * One byte range of an object on its way into a file. Without an ETag it is the object's first range, which
     * also learns the object's size, ETag and metadata from the answer; ranges with an ETag are pinned to that
     * version (If-Match). Used by one thread at a time.
     */
    private static final class RangeRead {
        final String bucket;
        final String s3Key;
        final long offset;
        String eTag;
        long end; // exclusive; for a first range, an upper bound until the answer gives the object's size
        long total = -1;
        Map<String, String> metadata = Map.of();
        /** Run once the first range's answer is known: starts the other ranges. */
        Runnable onLearn;

        RangeRead(String bucket, String s3Key, String eTag, long offset, long length) {
            this.bucket = bucket;
            this.s3Key = s3Key;
            this.eTag = eTag;
            this.offset = offset;
            this.end = offset + length;
        }

        String url() {
            return "s3://" + bucket + "/" + s3Key;
        }

        /** The first answer's facts; the range ends at the object's end if that comes first. */
        void learn(GetObjectResponse response) throws BadAnswer {
            String contentRange = response.contentRange();
            if (contentRange == null) {
                total = response.contentLength(); // the range was ignored: the answer is the whole object
            } else {
                int slash = contentRange.lastIndexOf('/');
                try {
                    total = Long.parseLong(contentRange.substring(slash + 1).trim());
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new BadAnswer(url() + " answered a ranged GET without the object's size"
                            + " (Content-Range: " + contentRange + ")");
                }
            }
            end = Math.min(end, total);
            eTag = response.eTag();
            metadata = response.metadata();
            if (onLearn != null) {
                onLearn.run();
            }
        }

        /** An answer for a range that is not this range: the store ignored or misread the Range header. */
        void checkRange(GetObjectResponse response, long position) throws BadAnswer {
            String contentRange = response.contentRange();
            boolean whole = contentRange == null && position == 0;
            if (!whole && (contentRange == null || !contentRange.startsWith("bytes " + position + "-"))) {
                throw new BadAnswer(url() + " answered a GET for bytes " + position + "-" + (end - 1)
                        + " with Content-Range " + contentRange);
            }
        }
    }

    /** An answer that retrying cannot fix. */
    private static final class BadAnswer extends IOException {
        BadAnswer(String message) {
            super(message);
        }
    }

    /** A range GET of an empty object is unsatisfiable (416): what its HEAD says instead. */
    private static final class EmptyObject extends IOException {
        final HeadObjectResponse head;

        EmptyObject(HeadObjectResponse head) {
            super("empty object");
            this.head = head;
        }
    }

    /**
     * Copies one range into place, resuming where it stopped if the connection breaks mid-body (the SDK
     * retries a request, not a half-read response). If-Match pins every range to the version first seen.
     */
    private long download(RangeRead r, FileChannel out, Lock writes, Transfer transfer) throws IOException {
        CRC32C crc = new CRC32C();
        long position = r.offset;
        byte[] buf = null;
        IOException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (r.eTag != null && position >= r.end) {
                return crc.getValue();
            }
            String range = "bytes=" + position + "-" + (r.end - 1);
            String ifMatch = r.eTag;
            try (ResponseInputStream<GetObjectResponse> in = s3().getObject(b -> b.bucket(r.bucket).key(r.s3Key)
                    .range(range).ifMatch(ifMatch))) {
                if (r.eTag == null) {
                    r.learn(in.response());
                }
                r.checkRange(in.response(), position);
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
                if (position >= r.end) {
                    return crc.getValue();
                }
                last = new IOException(r.url() + " ended at byte " + position + ", expected " + r.end);
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    throw new IOException(r.url() + " was replaced while it was being downloaded; download it again", e);
                }
                if (e.statusCode() == 404) {
                    throw new NoSuchObjectException(r.s3Key.substring(keyPrefix.length()));
                }
                if (e.statusCode() == 416 && r.eTag == null && position == r.offset) {
                    HeadObjectResponse head = headRaw(r.s3Key)
                            .orElseThrow(() -> new NoSuchObjectException(r.s3Key.substring(keyPrefix.length())));
                    if (head.contentLength() == 0) {
                        throw new EmptyObject(head);
                    }
                }
                throw failure("download", r.s3Key, e);
            } catch (BadAnswer | Transfer.Cancelled e) {
                throw e;
            } catch (SdkException | IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("download of " + r.s3Key + " interrupted");
                }
                last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            log.debug("range {} of {} broke off at {} (attempt {}): {}", range, r.url(), position, attempt,
                    last.getMessage());
            backoff(attempt);
        }
        throw new IOException("could not download " + r.url() + " after " + settings.maxAttempts()
                + " attempts (raise aws.s3.max_attempts if the network is flaky): " + last.getMessage(), last);
    }

    private static void backoff(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(Math.min(2_000, 50L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while retrying a download");
        }
    }

    @Override
    public byte[] getBytes(String key) throws IOException {
        String s3Key = s3Key(key);
        ResponseBytes<GetObjectResponse> bytes;
        try {
            bytes = s3().getObjectAsBytes(b -> b.bucket(bucket()).key(s3Key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(key);
        } catch (SdkException e) {
            throw failure("download", s3Key, e);
        }
        byte[] contents = bytes.asByteArray();
        String expected = bytes.response().metadata().get(CRC_METADATA);
        if (expected != null) {
            String actual = ObjectChecksums.crc32c(contents);
            if (!expected.equals(actual)) {
                throw new CorruptObjectException(key, expected, actual);
            }
        }
        return contents;
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range must not be negative: offset " + offset + ", length " + length);
        }
        String s3Key = s3Key(key);
        if (length == 0) {
            headRaw(s3Key).orElseThrow(() -> new NoSuchObjectException(key));
            return new ByteArrayInputStream(new byte[0]);
        }
        try {
            return s3().getObject(b -> b.bucket(bucket()).key(s3Key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObjectException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                // The range starts at or past the end (or the object is empty): there are no bytes to give.
                return new ByteArrayInputStream(new byte[0]);
            }
            throw failure("read a range of", s3Key, e);
        } catch (SdkException e) {
            throw failure("read a range of", s3Key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws IOException {
        return headRaw(s3Key(key)).map(h -> new ObjectInfo(key, h.contentLength(), h.lastModified()));
    }

    private Optional<HeadObjectResponse> headRaw(String s3Key) throws IOException {
        try {
            return Optional.of(s3().headObject(b -> b.bucket(bucket()).key(s3Key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("look up", s3Key, e);
        } catch (SdkException e) {
            throw failure("look up", s3Key, e);
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        String s3Prefix = keyPrefix + ObjectKeys.checkPrefix(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        try {
            // The paginator follows continuation tokens: S3 answers at most 1,000 keys per page.
            for (S3Object o : s3().listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(s3Prefix)).contents()) {
                out.add(new ObjectInfo(o.key().substring(keyPrefix.length()), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw failure("list", s3Prefix + "*", e);
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        String s3Key = s3Key(key);
        try {
            s3().deleteObject(b -> b.bucket(bucket()).key(s3Key));
        } catch (NoSuchKeyException e) {
            // some S3-compatible stores say so; S3 itself does not. Either way it is gone.
        } catch (SdkException e) {
            throw failure("delete", s3Key, e);
        }
    }

    @Override
    public void close() {
        transfers.shutdownNow();
    }

    private <T> List<T> await(List<Future<T>> futures, String what, String s3Key) throws IOException {
        List<T> results = new ArrayList<>(futures.size());
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " of " + s3Key + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof SdkException sdk) {
                throw failure(what, s3Key, sdk);
            }
            throw new IOException(what + " of s3://" + bucket() + "/" + s3Key + " failed: " + cause, cause);
        } finally {
            // One part failed: the others are wasted work now.
            futures.forEach(f -> f.cancel(true));
        }
    }

    private IOException failure(String what, String s3Key, SdkException e) {
        String hint = "";
        String code = "";
        if (e instanceof S3Exception s3e) {
            if (s3e.awsErrorDetails() != null && s3e.awsErrorDetails().errorCode() != null) {
                code = s3e.awsErrorDetails().errorCode() + ": ";
            }
            int status = s3e.statusCode();
            if (status == 403) {
                hint = "; check the credentials and that the IAM policy allows this call (docs/aws.md)";
            } else if (s3e.awsErrorDetails() != null && "NoSuchBucket".equals(s3e.awsErrorDetails().errorCode())) {
                hint = "; check aws.s3.bucket and aws.s3.region";
            } else if (status >= 500 || status == 429) {
                hint = "; S3 kept failing after " + settings.maxAttempts() + " attempts (aws.s3.max_attempts)";
            }
        }
        return new IOException("could not " + what + " s3://" + bucket() + "/" + s3Key + ": " + code + e.getMessage() + hint, e);
    }

    private void encryption(PutObjectRequest.Builder req) {
        switch (settings.sseMode()) {
            case S3 -> req.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            case NONE -> { }
        }
    }

    private void encryption(CreateMultipartUploadRequest.Builder req) {
        switch (settings.sseMode()) {
            case S3 -> req.serverSideEncryption(ServerSideEncryption.AES256);
            case KMS -> req.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(settings.kmsKeyId());
            case NONE -> { }
        }
    }

    private ChecksumAlgorithm checksumAlgorithm() {
        return switch (settings.checksum()) {
            case CRC32C -> ChecksumAlgorithm.CRC32_C;
            case CRC32 -> ChecksumAlgorithm.CRC32;
            case SHA256 -> ChecksumAlgorithm.SHA256;
            case NONE -> null;
        };
    }

    private String s3Key(String key) {
        return keyPrefix + ObjectKeys.check(key);
    }

    private long partSize() {
        return settings.partSize().bytes();
    }

    @Override
    public String location() {
        return "s3://" + bucket() + "/" + keyPrefix;
    }

    private String bucket() {
        if (settings.bucket() == null) {
            throw new IllegalStateException("no S3 bucket is configured; set aws.s3.bucket in ringkeeper.yaml");
        }
        return settings.bucket();
    }

    private S3Client s3() {
        return clients.get();
    }
}
