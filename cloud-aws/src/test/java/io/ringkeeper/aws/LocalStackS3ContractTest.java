package io.ringkeeper.aws;

import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.ObjectStoreContract;
import io.ringkeeper.config.DataSize;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The ObjectStore contract against LocalStack's S3, where a Docker engine exists (skipped otherwise; the same
 * contract runs against s3proxy everywhere). LocalStack's free edition has no Auto Scaling or instance
 * metadata, so identity, membership and hooks run against WireMock only.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackS3ContractTest extends ObjectStoreContract {
    private static final int PART = 5 * 1024 * 1024;
    private static final AtomicInteger buckets = new AtomicInteger();

    @Container
    static final GenericContainer<?> localstack = new GenericContainer<>("localstack/localstack:4.4")
            .withEnv("SERVICES", "s3").withExposedPorts(4566)
            .waitingFor(Wait.forHttp("/_localstack/health").forPort(4566));

    private S3Client client;
    private S3ObjectStore s3Store;
    private String bucket;

    @Override
    protected ObjectStore newStore() {
        String endpoint = "http://" + localstack.getHost() + ":" + localstack.getMappedPort(4566);
        S3Settings settings = new S3Settings("unused", null, "us-east-1", endpoint, true, DataSize.ofBytes(PART), null, 4, 4,
                "none", null, "crc32c", null);
        client = S3Clients.build(settings, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        bucket = "contract-" + buckets.incrementAndGet();
        client.createBucket(b -> b.bucket(bucket));
        s3Store = new S3ObjectStore(() -> client, new S3Settings(bucket, "cluster", "us-east-1", endpoint, true,
                DataSize.ofBytes(PART), null, 4, 4, "none", null, "crc32c", null));
        return s3Store;
    }

    @AfterEach
    void close() {
        s3Store.close();
        client.close();
    }

    @Override
    protected int partSize() {
        return PART;
    }

    /** No backend files to flip here: put other bytes under the key, keeping the checksum recorded for the old ones. */
    @Override
    protected void corruptStoredObject(String key) {
        String s3Key = "cluster/" + key;
        HeadObjectResponse head = client.headObject(b -> b.bucket(bucket).key(s3Key));
        byte[] other = new byte[head.contentLength().intValue()];
        other[other.length / 2] = 1;
        client.putObject(b -> b.bucket(bucket).key(s3Key).metadata(head.metadata()), RequestBody.fromBytes(other));
    }
}
