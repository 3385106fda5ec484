package io.ringkeeper.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.cloud.CloudProvider;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.InstanceIdentity;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.config.ConfigException;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void defaultsBindAndMeanTheInstancesOwnRegionAndGroup() {
        AwsSettings s = AwsTestConfig.bind("{}");

        assertThat(s.region()).isNull();
        assertThat(s.autoScalingGroups()).isEmpty();
        assertThat(s.membershipCacheTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.s3().bucket()).isNull();
        assertThat(s.s3().partSize().bytes()).isEqualTo(64L << 20);
        assertThat(s.s3().singlePutLimit()).isEqualTo(256L << 20);
        assertThat(s.s3().checksum()).isEqualTo(S3Settings.Checksum.CRC32C);
        assertThat(s.s3().sseMode()).isEqualTo(S3Settings.Sse.NONE);
        assertThat(s.hooks().action()).isEqualTo(io.ringkeeper.cloud.LifecycleHooks.LeaveAction.DRAIN);
        assertThat(s.credentials().isDefaultChain()).isTrue();
        assertThat(s.dcOf("eu-west-1")).isEqualTo("eu-west-1");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {sse: aes}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.sse").hasMessageContaining("none, s3 or kms");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {part_size: 1M}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.part_size").hasMessageContaining("5M");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {multipart_threshold: 6G}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.multipart_threshold").hasMessageContaining("5G");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {kms_key_id: alias/x}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.kms_key_id");
        assertThatThrownBy(() -> AwsTestConfig.bind("hooks: {terminate_action: shutdown}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hooks.terminate_action");
        assertThatThrownBy(() -> AwsTestConfig.bind("credentials: {access_key_id: AKID}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret_access_key");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {endpoint: 'minio:9000'}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.endpoint");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {bucket: My_Bucket}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s3.bucket");
        assertThatThrownBy(() -> AwsTestConfig.bind("s3: {buckett: x}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("buckett");
    }

    @Test
    void smallPartsAreAllowedOnlyForS3CompatibleEndpoints() {
        assertThat(AwsTestConfig.bind("s3: {endpoint: 'http://minio:9000', part_size: 1M}").s3().partSize().bytes())
                .isEqualTo(1L << 20);
    }

    @Test
    void oneObjectIsNeverSplitIntoPartsSmallerThanItsThresholdNorCutBelowOnePart() {
        assertThat(AwsTestConfig.bind("s3: {part_size: 512M}").s3().singlePutLimit()).isEqualTo(512L << 20);
        assertThat(AwsTestConfig.bind("s3: {multipart_threshold: 1G}").s3().singlePutLimit()).isEqualTo(1L << 30);
        assertThat(AwsTestConfig.bind("s3: {multipart_threshold: 1M}").s3().singlePutLimit()).isEqualTo(64L << 20);
    }

    @Test
    void secretsAreNotPrinted() {
        AwsSettings s = AwsTestConfig.bind("credentials: {access_key_id: AKID, secret_access_key: hunter2}");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndItsModuleBindsTheSpiWithoutIo() {
        @SuppressWarnings("rawtypes")
        var names = ServiceLoader.load(CloudProvider.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).contains("aws");

        // IMDS at a closed port: were any remote call made while building the graph, this would fail.
        var injector = AwsTestConfig.injector(AwsTestConfig.bind("imds: {endpoint: 'http://127.0.0.1:9', timeout: 100ms, retries: 0}"));
        assertThat(injector.getInstance(InstanceIdentity.class)).isInstanceOf(ImdsIdentity.class);
        assertThat(injector.getInstance(GroupMembership.class)).isInstanceOf(AutoScalingMembership.class);
        assertThat(injector.getInstance(LifecycleHooks.class)).isInstanceOf(AwsLifecycleHooks.class);
        assertThat(injector.getInstance(ObjectStore.class)).isInstanceOf(S3ObjectStore.class);
        assertThatThrownBy(() -> injector.getInstance(ObjectStore.class).put("k", new byte[0]))
                .hasMessageContaining("aws.s3.bucket");
    }
}
