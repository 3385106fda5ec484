package io.ringkeeper.config;

import io.ringkeeper.cloud.CloudProvider;
import io.ringkeeper.testing.ConfigDocs;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md must list every key the daemon knows, with the default it really uses. Each cloud
 * module checks its own section the same way.
 */
class ConfigurationDocsTest {
    private final ConfigLoader loader = ConfigLoader.withInstalledProviders();

    @Test
    void everyDaemonKeyIsDocumentedWithItsRealDefault() throws IOException {
        ConfigDocs.assertDocumented("", loader.rootDefaults(), "local", "aws", "gcp");
    }

    @Test
    void everyLocalCloudKeyIsDocumentedWithItsRealDefault() throws IOException {
        List<CloudProvider<?>> local = loader.providers().stream().filter(p -> p.name().equals("local")).toList();
        ConfigDocs.assertDocumented("local", loader.defaults(local.get(0)));
    }
}
