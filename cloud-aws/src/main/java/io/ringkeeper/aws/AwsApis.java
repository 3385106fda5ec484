package io.ringkeeper.aws;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The AWS API clients, built on first use: building them needs the region, which may come from instance
 * metadata, and Guice modules must do no I/O. Standard retry mode backs off on throttling.
 */
@Singleton
public final class AwsApis implements AutoCloseable {
    private final AwsSettings settings;
    private final Provider<ImdsIdentity> identity;
    private AutoScalingClient autoScaling;
    private Ec2Client ec2;
    private S3Client s3;

    @Inject
    AwsApis(AwsSettings settings, Provider<ImdsIdentity> identity) {
        this.settings = settings;
        this.identity = identity;
    }

    /** {@code aws.region}, else this instance's region from instance metadata. */
    public Region region() {
        return Region.of(settings.region() != null ? settings.region()
                : identity.get().self().attributes().get(ImdsIdentity.REGION));
    }

    /** With an explicit region: the identity lookup itself may need Auto Scaling before the region is known. */
    public synchronized AutoScalingClient autoScaling(Region region) {
        if (autoScaling == null) {
            var b = AutoScalingClient.builder().region(region).credentialsProvider(credentials())
                    .httpClientBuilder(apiHttp()).overrideConfiguration(apiRetries());
            Endpoints.uri(settings.autoscalingEndpoint()).ifPresent(b::endpointOverride);
            autoScaling = b.build();
        }
        return autoScaling;
    }

    public AutoScalingClient autoScaling() {
        return autoScaling(region());
    }

    public synchronized Ec2Client ec2() {
        if (ec2 == null) {
            var b = Ec2Client.builder().region(region()).credentialsProvider(credentials())
                    .httpClientBuilder(apiHttp()).overrideConfiguration(apiRetries());
            Endpoints.uri(settings.ec2Endpoint()).ifPresent(b::endpointOverride);
            ec2 = b.build();
        }
        return ec2;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            S3Settings s = settings.s3();
            Region region = s.region() != null ? Region.of(s.region()) : region();
            s3 = S3Clients.build(s, region, s.credentials().or(settings.credentials()).provider());
        }
        return s3;
    }

    private AwsCredentialsProvider credentials() {
        return settings.credentials().provider();
    }

    private UrlConnectionHttpClient.Builder apiHttp() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30));
    }

    private ClientOverrideConfiguration apiRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.apiMaxAttempts()).build())
                .build();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[] {autoScaling, ec2, s3}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing connection pools at shutdown: nothing left to save
                }
            }
        }
        autoScaling = null;
        ec2 = null;
        s3 = null;
    }
}
