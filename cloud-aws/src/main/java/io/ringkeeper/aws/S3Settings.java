package io.ringkeeper.aws;

import io.ringkeeper.cloud.ObjectKeys;
import io.ringkeeper.config.DataSize;
import io.ringkeeper.config.InvalidConfigValue;
import java.util.Locale;

/**
 * The S3 object store.
 *
 * @param bucket            the bucket; empty means no object store (anything that needs one says so)
 * @param prefix            a key prefix inside the bucket ({@code backups/prod}); empty for the bucket's root
 * @param region            the bucket's region; empty means {@code aws.region} / the instance's region
 * @param endpoint          an S3 endpoint override for S3-compatible stores (MinIO, Ceph, s3proxy)
 * @param pathStyle         address the bucket as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
 * @param partSize          the part size of multipart uploads, and of the parallel ranged reads that objects larger
 *                          than one part come down as; at least 5M on AWS
 * @param multipartThreshold objects up to this size go up in one PUT (one request, and no parts for the store to
 *                          join), larger ones as parallel multipart uploads; never below {@code partSize}; empty
 *                          means {@code partSize}; at most 5G (S3's limit for one PUT)
 * @param concurrency       parts in flight at once (per store, across all transfers)
 * @param maxAttempts       attempts per request (5xx, SlowDown, throttling, resets retried with backoff)
 * @param sse               server-side encryption: {@code none}, {@code s3} (SSE-S3) or {@code kms} (SSE-KMS)
 * @param kmsKeyId          the KMS key for {@code kms}; empty for the account's default {@code aws/s3} key
 * @param checksumAlgorithm the S3 additional checksum sent with every upload and verified by S3:
 *                          {@code crc32c}, {@code crc32}, {@code sha256} or {@code none} (stores without support)
 * @param credentials       credentials for S3 only; empty means {@code aws.credentials}
 */
public record S3Settings(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
                         DataSize partSize, DataSize multipartThreshold, int concurrency, int maxAttempts, String sse, String kmsKeyId,
                         String checksumAlgorithm, CredentialSettings credentials) {

    /** S3's own floor for every part but the last. */
    static final long AWS_MIN_PART = 5L << 20;
    /** S3-compatible stores may take smaller parts; tests use them to make multipart objects cheaply. */
    static final long MIN_PART = 64L << 10;
    static final long MAX_PART = 5L << 30;

    public enum Sse { NONE, S3, KMS }

    public enum Checksum { NONE, CRC32C, CRC32, SHA256 }

    public S3Settings {
        bucket = Endpoints.blankToNull(bucket);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new InvalidConfigValue("s3.bucket", "\"" + bucket + "\" is not a valid bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        prefix = Endpoints.blankToNull(prefix);
        if (prefix != null) {
            prefix = prefix.replaceAll("^/+|/+$", "");
            try {
                ObjectKeys.check(prefix);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigValue("s3.prefix", e.getMessage());
            }
        }
        region = Endpoints.blankToNull(region);
        endpoint = Endpoints.check("s3.endpoint", endpoint);
        if (partSize == null) {
            throw new InvalidConfigValue("s3.part_size", "must be set, e.g. 64M");
        }
        long floor = endpoint == null ? AWS_MIN_PART : MIN_PART;
        if (partSize.bytes() < floor || partSize.bytes() > MAX_PART) {
            throw new InvalidConfigValue("s3.part_size", partSize + " is out of range; S3 takes parts of "
                    + (endpoint == null ? "5M" : "64K (S3-compatible stores; AWS needs 5M)") + " to 5G");
        }
        if (multipartThreshold != null && (multipartThreshold.bytes() < 0 || multipartThreshold.bytes() > MAX_PART)) {
            throw new InvalidConfigValue("s3.multipart_threshold", multipartThreshold + " is out of range; S3 takes"
                    + " at most 5G in one PUT");
        }
        if (concurrency < 1 || concurrency > 256) {
            throw new InvalidConfigValue("s3.concurrency", concurrency + " is out of range; use 1 to 256");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new InvalidConfigValue("s3.max_attempts", maxAttempts + " is out of range; use 1 to 20");
        }
        sse = sse == null ? "none" : sse.trim().toLowerCase(Locale.ROOT);
        if (!sse.matches("none|s3|kms")) {
            throw new InvalidConfigValue("s3.sse", "\"" + sse + "\" is not none, s3 or kms");
        }
        kmsKeyId = Endpoints.blankToNull(kmsKeyId);
        if (kmsKeyId != null && !sse.equals("kms")) {
            throw new InvalidConfigValue("s3.kms_key_id", "is set but s3.sse is " + sse + "; set s3.sse: kms to use the key");
        }
        checksumAlgorithm = checksumAlgorithm == null ? "crc32c" : checksumAlgorithm.trim().toLowerCase(Locale.ROOT);
        if (!checksumAlgorithm.matches("none|crc32c|crc32|sha256")) {
            throw new InvalidConfigValue("s3.checksum_algorithm", "\"" + checksumAlgorithm + "\" is not crc32c, crc32, sha256 or none");
        }
        credentials = credentials == null ? CredentialSettings.DEFAULT_CHAIN : credentials;
    }

    /** The largest object that goes up in one PUT: {@code multipartThreshold}, but never less than one part. */
    public long singlePutLimit() {
        return Math.max(partSize.bytes(), multipartThreshold == null ? 0 : multipartThreshold.bytes());
    }

    public Sse sseMode() {
        return Sse.valueOf(sse.toUpperCase(Locale.ROOT));
    }

    public Checksum checksum() {
        return Checksum.valueOf(checksumAlgorithm.toUpperCase(Locale.ROOT));
    }
}
