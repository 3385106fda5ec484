package io.ringkeeper.aws;

import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;

/**
 * The instance metadata service (IMDSv2, token flow).
 *
 * @param endpoint an override of {@code http://169.254.169.254} (tests, IPv6 {@code http://[fd00:ec2::254]})
 * @param timeout  connect and read timeout of each request; off EC2 the first call fails after about this long
 * @param retries  retries of a failed request, with backoff
 */
public record ImdsSettings(String endpoint, Duration timeout, int retries) {
    public ImdsSettings {
        endpoint = Endpoints.check("imds.endpoint", endpoint);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigValue("imds.timeout", "must be positive, e.g. 2s");
        }
        if (retries < 0 || retries > 10) {
            throw new InvalidConfigValue("imds.retries", retries + " is out of range; use 0 to 10");
        }
    }
}
