package io.ringkeeper.aws;

import io.ringkeeper.cloud.ObjectChecksums;
import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectKeys;
import io.ringkeeper.cloud.MeteredInputStream;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.RangedDownload;
import io.ringkeeper.cloud.Transfer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
        get(key, target, transfer, null);
    }

    /** Feeds {@code sink} beside the download (see {@link RangedDownload}); null: no sink. */
    @Override
    public void get(String key, Path target, Transfer transfer, ByteSink sink) throws IOException {
        // The range-parallel engine is the core's (RangedDownload): this store only says how to read one range.
        RangedDownload.download(new S3Ranges(bucket(), s3Key(key), key), target, partSize(), transfers, settings.maxAttempts(),
                transfer, result -> {
                    String expected = result.metadata().get(CRC_METADATA);
                    if (expected != null) {
                        String actual = ObjectChecksums.format(result.crc32c());
                        if (!expected.equals(actual)) {
                            throw new CorruptObjectException(key, expected, actual);
                        }
                    }
                }, sink);
    }

    /**
     * One object's ranges, for {@link RangedDownload}: a ranged GET, pinned to the version the first answer gave
     * (If-Match), so that a replaced object fails the download instead of mixing two versions in one file.
     */
    private final class S3Ranges implements RangedDownload.Source {
        private final String bucket;
        private final String s3Key;
        private final String key;

        S3Ranges(String bucket, String s3Key, String key) {
            this.bucket = bucket;
            this.s3Key = s3Key;
            this.key = key;
        }

        @Override
        public String describe() {
            return "s3://" + bucket + "/" + s3Key;
        }

        @Override
        public RangedDownload.Answer open(long offset, long end, String version) throws IOException {
            ResponseInputStream<GetObjectResponse> in;
            try {
                in = s3().getObject(b -> b.bucket(bucket).key(s3Key).range("bytes=" + offset + "-" + (end - 1)).ifMatch(version));
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    throw new RangedDownload.Fatal(describe() + " was replaced while it was being downloaded; download it again", e);
                }
                if (e.statusCode() == 404) {
                    throw new NoSuchObjectException(key);
                }
                if (e.statusCode() == 416 && version == null && offset == 0) {
                    // A range of an empty object is unsatisfiable: its HEAD says what the GET could not.
                    HeadObjectResponse head = headRaw(s3Key).orElseThrow(() -> new NoSuchObjectException(key));
                    if (head.contentLength() == 0) {
                        return new RangedDownload.Answer(InputStream.nullInputStream(), 0, head.eTag(), head.metadata(), 0);
                    }
                }
                // The SDK has retried it already: a failure to report, not to retry again.
                IOException f = failure("download", s3Key, e);
                throw new RangedDownload.Fatal(f.getMessage(), e);
            } catch (SdkException e) {
                throw new IOException(e.getMessage(), e); // a broken connection: retried from where the range stopped
            }
            GetObjectResponse response = in.response();
            String contentRange = response.contentRange();
            try {
                if (contentRange == null) {
                    // The range was ignored: the answer is the whole object, usable only for its first range.
                    if (offset != 0) {
                        throw new RangedDownload.Fatal(describe() + " answered a GET for bytes " + offset + "-" + (end - 1)
                                + " with Content-Range " + contentRange);
                    }
                    return new RangedDownload.Answer(in, response.contentLength(), response.eTag(), response.metadata(), 0);
                }
                if (!contentRange.startsWith("bytes " + offset + "-")) {
                    throw new RangedDownload.Fatal(describe() + " answered a GET for bytes " + offset + "-" + (end - 1)
                            + " with Content-Range " + contentRange);
                }
                long total;
                try {
                    total = Long.parseLong(contentRange.substring(contentRange.lastIndexOf('/') + 1).trim());
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    throw new RangedDownload.Fatal(describe() + " answered a ranged GET without the object's size"
                            + " (Content-Range: " + contentRange + ")");
                }
                return new RangedDownload.Answer(in, total, response.eTag(), response.metadata(), offset);
            } catch (RangedDownload.Fatal e) {
                in.abort();
                throw e;
            }
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
            throw new NotConfigured("no S3 bucket is configured; set aws.s3.bucket in ringkeeper.yaml");
        }
        return settings.bucket();
    }

    private S3Client s3() {
        return clients.get();
    }
}
