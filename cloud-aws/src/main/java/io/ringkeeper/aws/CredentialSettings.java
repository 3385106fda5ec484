package io.ringkeeper.aws;

import io.ringkeeper.config.InvalidConfigValue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where AWS credentials come from. All empty: the SDK's default chain (environment, profile, the instance
 * profile through IMDS) — what an EC2 node should use. A {@code profile} names a section of
 * ~/.aws/credentials; static keys are for S3-compatible stores (MinIO, Ceph) that have no instance profile.
 */
public record CredentialSettings(String profile, String accessKeyId, String secretAccessKey) {
    public static final CredentialSettings DEFAULT_CHAIN = new CredentialSettings(null, null, null);

    public CredentialSettings {
        profile = Endpoints.blankToNull(profile);
        accessKeyId = Endpoints.blankToNull(accessKeyId);
        secretAccessKey = Endpoints.blankToNull(secretAccessKey);
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new InvalidConfigValue(accessKeyId == null ? "access_key_id" : "secret_access_key",
                    "is empty; set access_key_id and secret_access_key together, or neither");
        }
        if (profile != null && accessKeyId != null) {
            throw new InvalidConfigValue("profile", "is set together with static keys; use one of them");
        }
    }

    public boolean isDefaultChain() {
        return profile == null && accessKeyId == null;
    }

    /** This setting, or {@code fallback} when this one says nothing. */
    public CredentialSettings or(CredentialSettings fallback) {
        return isDefaultChain() ? fallback : this;
    }

    AwsCredentialsProvider provider() {
        if (accessKeyId != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        }
        if (profile != null) {
            return ProfileCredentialsProvider.create(profile);
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
        // Never log a secret.
        return "CredentialSettings[profile=" + profile + ", accessKeyId=" + accessKeyId
                + ", secretAccessKey=" + (secretAccessKey == null ? null : "****") + "]";
    }
}
