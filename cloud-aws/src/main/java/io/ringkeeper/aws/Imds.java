package io.ringkeeper.aws;

import io.ringkeeper.cloud.CloudException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

/**
 * The instance metadata service, IMDSv2 only (the SDK client fetches and renews the session token with
 * {@code PUT /latest/api/token}). Paths answered 404 are "not set for this instance"; anything else that fails
 * after the retries means we are not on EC2, or IMDS is off or unreachable.
 */
@Singleton
public final class Imds implements AutoCloseable {
    static final String DEFAULT_ENDPOINT = "http://169.254.169.254";

    private final ImdsSettings settings;
    private final URI endpoint;
    private volatile Ec2MetadataClient client;

    @Inject
    public Imds(AwsSettings settings) {
        this.settings = settings.imds();
        this.endpoint = URI.create(this.settings.endpoint() == null ? DEFAULT_ENDPOINT : this.settings.endpoint());
    }

    /** The value at {@code /latest/meta-data/<path>}, empty when IMDS answers 404 for it. */
    public Optional<String> metadata(String path) {
        String full = "/latest/meta-data/" + path;
        try {
            return Optional.of(client().get(full).asString().trim());
        } catch (SdkServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unreachable(full, e);
        } catch (SdkClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("404")) {
                return Optional.empty();
            }
            throw unreachable(full, e);
        } catch (RuntimeException e) {
            throw unreachable(full, e);
        }
    }

    /** Like {@link #metadata} for a value every EC2 instance has. */
    public String required(String path) {
        return metadata(path).orElseThrow(() -> new CloudException("instance metadata " + endpoint
                + "/latest/meta-data/" + path + " is not set (404); is this an EC2 instance?"));
    }

    private CloudException unreachable(String path, RuntimeException e) {
        return new CloudException("the EC2 instance metadata service at " + endpoint + " did not answer " + path
                + " after " + (settings.retries() + 1) + " attempts of " + settings.timeout().toMillis() + " ms ("
                + e.getMessage() + "). Ringkeeper's aws cloud runs only on EC2 with IMDSv2 enabled (in a container, "
                + "raise the instance's metadata hop limit to 2); elsewhere set cloud: local", e);
    }

    private Ec2MetadataClient client() {
        Ec2MetadataClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = Ec2MetadataClient.builder()
                            .endpoint(endpoint)
                            .httpClient(UrlConnectionHttpClient.builder()
                                    .connectionTimeout(settings.timeout())
                                    .socketTimeout(settings.timeout())
                                    .build())
                            .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(settings.retries()).build())
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
