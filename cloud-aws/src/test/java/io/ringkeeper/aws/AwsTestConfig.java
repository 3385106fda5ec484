package io.ringkeeper.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.ringkeeper.config.YamlBinder;
import java.nio.file.Path;

/** Binds an {@code aws:} section written as YAML over the shipped defaults, the way the daemon does. */
final class AwsTestConfig {
    private AwsTestConfig() {
    }

    static AwsSettings bind(String yaml) {
        try {
            YamlBinder binder = new YamlBinder();
            AwsCloudProvider provider = new AwsCloudProvider();
            JsonNode defaults = binder.readResource(provider.defaultsResource());
            JsonNode user = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return binder.bind("test.yaml", "aws", YamlBinder.merge(defaults, user), defaults, AwsSettings.class, Path.of("."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Everything pointed at one WireMock server: IMDS, EC2 and Auto Scaling. */
    static AwsSettings wiremock(String baseUrl, String extra) {
        return bind("""
                region: us-east-1
                ec2_endpoint: %1$s
                autoscaling_endpoint: %1$s
                api_max_attempts: 3
                credentials: {access_key_id: AKIDTEST, secret_access_key: secret}
                imds: {endpoint: %1$s, timeout: 1s, retries: 1}
                """.formatted(baseUrl) + extra);
    }

    static Injector injector(AwsSettings settings) {
        return Guice.createInjector(new AwsCloudProvider().module(settings));
    }
}
