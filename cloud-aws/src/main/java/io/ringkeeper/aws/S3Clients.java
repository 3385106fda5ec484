package io.ringkeeper.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the S3 client the store uses: a connection pool sized for its parallel parts, standard retries, and uploads
 * signed as over HTTPS even to a plain-HTTP endpoint ({@link ChecksummedUnsignedPayload}).
 */
public final class S3Clients {
    private S3Clients() {
    }

    public static S3Client build(S3Settings s3, Region region, AwsCredentialsProvider credentials) {
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(s3.pathStyle())
                // Over plain HTTP, a body sent with its checksum is not signed too (see the class for why that is safe).
                .putAuthScheme(new ChecksummedUnsignedPayload())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(s3.concurrency() + 16)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Standard retries: 5xx, SlowDown/throttling, connection resets, with jittered backoff.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(s3.maxAttempts()).build())
                        .build());
        if (s3.checksum() == S3Settings.Checksum.NONE) {
            // Stores that reject x-amz-checksum-* headers: send them only where the operation requires one.
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        Endpoints.uri(s3.endpoint()).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
