package io.ringkeeper.aws;

import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.ObjectStoreContract;
import io.ringkeeper.config.DataSize;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The ObjectStore contract against s3proxy (a real S3 protocol peer in its own process). */
class S3ObjectStoreContractTest extends ObjectStoreContract {
    // The smallest part S3 (and s3proxy) accepts: multipart objects stay cheap in tests.
    static final int PART = 5 * 1024 * 1024;
    private static final AtomicInteger buckets = new AtomicInteger();

    private static Path work;
    private static S3Proxy proxy;
    private static S3Client client;

    private S3ObjectStore s3Store;
    private String bucket;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        work = Files.createTempDirectory("s3proxy-contract");
        proxy = S3Proxy.start(work, "aws-v2-or-v4");
        client = S3Clients.build(settings("unused", null, proxy.endpoint().toString()), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Proxy.IDENTITY, S3Proxy.CREDENTIAL)));
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            TestFiles.deleteTree(work);
        }
    }

    static S3Settings settings(String bucket, String prefix, String endpoint) {
        return new S3Settings(bucket, prefix, "us-east-1", endpoint, true, DataSize.ofBytes(PART), null, 4, 4,
                "none", null, "crc32c", null);
    }

    @Override
    protected ObjectStore newStore() {
        bucket = "contract-" + buckets.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        // A prefix, so the contract also proves keys map to and from prefixed S3 keys.
        s3Store = new S3ObjectStore(() -> client, settings(bucket, "cluster/node", proxy.endpoint().toString()));
        return s3Store;
    }

    @AfterEach
    void closeStore() {
        s3Store.close();
    }

    @Override
    protected int partSize() {
        return PART;
    }

    @Override
    protected void corruptStoredObject(String key) throws Exception {
        Path file = proxy.fileOf(bucket, "cluster/node/" + key);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }
}
