package io.ringkeeper.aws;

import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.testing.ConfigDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists every aws: key with the default the provider really uses. */
class AwsConfigurationDocsTest {
    @Test
    void everyAwsKeyIsDocumentedWithItsRealDefault() throws IOException {
        ConfigLoader loader = ConfigLoader.withInstalledProviders();
        ConfigDocs.assertDocumented("aws", loader.defaults(loader.provider("aws").orElseThrow()));
    }
}
