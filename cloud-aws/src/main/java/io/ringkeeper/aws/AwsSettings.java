package io.ringkeeper.aws;

import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;
import java.util.List;

/**
 * The {@code aws:} section. Every key and its default is listed in docs/aws.md; the defaults live in
 * {@code io/ringkeeper/aws/defaults.yaml}.
 *
 * @param region              the AWS region; empty means the instance's own region, from instance metadata
 * @param dcSuffix            appended to the region to name the Cassandra DC ({@code us-east-1} + {@code _cass})
 * @param autoScalingGroups   the groups whose instances make up the cluster; empty means this instance's own group
 * @param membershipCacheTtl  how long one Auto Scaling answer is reused before asking again
 * @param ec2Endpoint         an EC2 API endpoint override (VPC endpoint, tests); empty for the default
 * @param autoscalingEndpoint an Auto Scaling API endpoint override; empty for the default
 * @param apiMaxAttempts      attempts per EC2/Auto Scaling call, throttling retried with backoff
 * @param credentials         credentials for every AWS call; empty means the default chain (instance profile)
 * @param imds                the instance metadata service
 * @param s3                  the object store
 * @param hooks               the Auto Scaling lifecycle hooks
 */
public record AwsSettings(
        String region,
        String dcSuffix,
        List<String> autoScalingGroups,
        Duration membershipCacheTtl,
        String ec2Endpoint,
        String autoscalingEndpoint,
        int apiMaxAttempts,
        CredentialSettings credentials,
        ImdsSettings imds,
        S3Settings s3,
        HookSettings hooks) {

    public AwsSettings {
        region = Endpoints.blankToNull(region);
        dcSuffix = dcSuffix == null ? "" : dcSuffix;
        if (!dcSuffix.matches("[A-Za-z0-9_.-]*")) {
            throw new InvalidConfigValue("dc_suffix", "\"" + dcSuffix + "\" may hold only letters, digits, '_', '-' and '.'");
        }
        autoScalingGroups = autoScalingGroups == null ? List.of() : List.copyOf(autoScalingGroups);
        if (autoScalingGroups.stream().anyMatch(g -> g == null || g.isBlank())) {
            throw new InvalidConfigValue("auto_scaling_groups", "has an empty entry; list group names, or leave it empty for this instance's own group");
        }
        if (membershipCacheTtl == null || membershipCacheTtl.isNegative()) {
            throw new InvalidConfigValue("membership_cache_ttl", "must be zero or positive, e.g. 10s");
        }
        ec2Endpoint = Endpoints.check("ec2_endpoint", ec2Endpoint);
        autoscalingEndpoint = Endpoints.check("autoscaling_endpoint", autoscalingEndpoint);
        if (apiMaxAttempts < 1 || apiMaxAttempts > 20) {
            throw new InvalidConfigValue("api_max_attempts", apiMaxAttempts + " is out of range; use 1 to 20");
        }
        credentials = credentials == null ? CredentialSettings.DEFAULT_CHAIN : credentials;
        if (imds == null || s3 == null || hooks == null) {
            throw new InvalidConfigValue("imds, s3 and hooks must not be null; leave a section out to take its defaults");
        }
    }

    /** The DC name for instances of {@code region}. */
    public String dcOf(String region) {
        return region + dcSuffix;
    }
}
