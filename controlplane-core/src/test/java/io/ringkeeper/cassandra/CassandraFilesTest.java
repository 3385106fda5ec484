package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.LoadedConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraFilesTest {
    private static final Instance SELF = new Instance("n1", "127.0.0.7", "dc-east", "rack-b");
    private static final long MEMORY = 24L << 30;

    @TempDir
    Path dir;

    private CassandraFiles files(LoadedConfig loaded) {
        return new CassandraFiles(loaded.settings().clusterName(), loaded.settings().cassandra(),
                new JoinedNodeGuard(loaded.settings().stateDir(), false), MEMORY, false);
    }

    @Test
    void rendersComputedFieldsOverTheBundledBaseAndOperatorOverrides() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, """
                seeds: [10.0.0.1, 10.0.0.2]
                native_port: 19042
                yaml:
                  concurrent_reads: 64
                  client_encryption_options: {enabled: false, optional: true}
                  table_properties_ignored: [a, b]
                  auto_snapshot: null
                """);
        CassandraFiles.Rendered r = files(loaded).render(SELF);

        Map<String, Object> y = CassandraYamlRenderer.parse(Files.readString(dir.resolve("conf/cassandra.yaml")));
        assertThat(y).isEqualTo(r.yaml());
        assertThat(y).containsEntry("cluster_name", "test-cluster")
                .containsEntry("listen_address", "127.0.0.7")
                .containsEntry("rpc_address", "127.0.0.7")
                .containsEntry("broadcast_address", "127.0.0.7")
                .containsEntry("broadcast_rpc_address", "127.0.0.7")
                .containsEntry("endpoint_snitch", "GossipingPropertyFileSnitch")
                .containsEntry("num_tokens", 16)
                .containsEntry("native_transport_port", 19042)
                .containsEntry("storage_port", 7000)
                // from the bundled 5.0 template, untouched
                .containsEntry("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner")
                .containsEntry("storage_compatibility_mode", "CASSANDRA_4")
                // overrides: scalar, nested map, list; null removes
                .containsEntry("concurrent_reads", 64)
                .containsEntry("client_encryption_options", Map.of("enabled", false, "optional", true))
                .containsEntry("table_properties_ignored", List.of("a", "b"))
                .doesNotContainKey("auto_snapshot")
                .doesNotContainKey("initial_token");
        assertThat(y.get("data_file_directories")).isEqualTo(List.of(
                dir.resolve("data1").toString(), dir.resolve("data2").toString()));
        assertThat(y.get("commitlog_directory")).isEqualTo(dir.resolve("commitlog").toString());
        assertThat(y.get("hints_directory")).isEqualTo(dir.resolve("hints").toString());
        assertThat(y.get("saved_caches_directory")).isEqualTo(dir.resolve("caches").toString());
        assertThat(y.get("seed_provider")).isEqualTo(List.of(Map.of(
                "class_name", "org.apache.cassandra.locator.SimpleSeedProvider",
                "parameters", List.of(Map.of("seeds", "10.0.0.1,10.0.0.2")))));

        assertThat(Files.readString(dir.resolve("conf/cassandra-rackdc.properties")))
                .contains("dc=dc-east\n").contains("rack=rack-b\n");
        assertThat(Files.readAllLines(dir.resolve("conf/cassandra.cmdline"))).isEqualTo(r.command());
    }

    @Test
    void aNodeWithoutSeedsIsItsOwnSeedAndInitialTokensAreWritten() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, """
                version: "4.1"
                num_tokens: 1
                initial_token: "-9223372036854775808"
                """);
        Map<String, Object> y = files(loaded).render(SELF).yaml();
        assertThat(y.get("seed_provider").toString()).contains("seeds=127.0.0.7");
        assertThat(y).containsEntry("initial_token", "-9223372036854775808").doesNotContainKey("storage_compatibility_mode");
        // The token is a string in the file too (Cassandra's field is a String; a bare number would also load, but
        // must not lose digits to a float anywhere on the way).
        assertThat(Files.readString(dir.resolve("conf/cassandra.yaml"))).contains("initial_token: \"-9223372036854775808\"");
    }

    @Test
    void anUnchangedRenderTouchesNoFile() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "");
        CassandraFiles f = files(loaded);
        assertThat(f.render(SELF).changed()).hasSize(4);
        Path yaml = dir.resolve("conf/cassandra.yaml");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(yaml, old);
        Object inode = Files.getAttribute(yaml, "unix:ino");

        assertThat(f.render(SELF).changed()).isEmpty();
        assertThat(Files.getLastModifiedTime(yaml)).isEqualTo(old);
        assertThat(Files.getAttribute(yaml, "unix:ino")).isEqualTo(inode);

        // A different identity rewrites only what depends on it.
        List<Path> changed = f.render(new Instance("n1", "127.0.0.7", "dc-east", "rack-c")).changed();
        assertThat(changed).containsExactly(dir.resolve("conf/cassandra-rackdc.properties"));
    }

    @Test
    void anOperatorBaseYamlIsUsedAndItsKeysSurvive() throws Exception {
        Path base = dir.resolve("base.yaml");
        Files.writeString(base, "commitlog_sync: batch\ncommitlog_sync_batch_window_in_ms: 2\nlisten_interface: eth0\n");
        LoadedConfig loaded = TestConfigs.load(dir, "base_yaml: base.yaml\n");
        Map<String, Object> y = files(loaded).render(SELF).yaml();
        assertThat(y).containsEntry("commitlog_sync", "batch").containsEntry("commitlog_sync_batch_window_in_ms", 2)
                .doesNotContainKey("listen_interface").doesNotContainKey("partitioner");
    }

    @Test
    void overridingAComputedKeyIsAConfigErrorNamingTheRightKey() {
        assertThatThrownBy(() -> TestConfigs.load(dir, "yaml: {num_tokens: 4}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ringkeeper.yaml")
                .hasMessageContaining("cassandra.yaml.num_tokens")
                .hasMessageContaining("set cassandra.num_tokens");
        assertThatThrownBy(() -> TestConfigs.load(dir, "version: \"3.11\"\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cassandra.version");
    }

    @Test
    void aJoinedNodeRefusesToChangeTokensClusterNameOrPartitioner() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "");
        CassandraFiles.Rendered first = files(loaded).render(SELF);
        JoinedNodeGuard guard = new JoinedNodeGuard(loaded.settings().stateDir(), false);
        guard.recordJoined(first.yaml());
        Path yaml = dir.resolve("conf/cassandra.yaml");
        String before = Files.readString(yaml);

        LoadedConfig changed = TestConfigs.load(dir, """
                num_tokens: 32
                yaml: {partitioner: org.apache.cassandra.dht.RandomPartitioner}
                """);
        assertThatThrownBy(() -> files(changed).render(SELF))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cassandra.num_tokens: 32 would change num_tokens")
                .hasMessageContaining("set it back to 16")
                .hasMessageContaining("cassandra.yaml.partitioner");
        assertThat(Files.readString(yaml)).isEqualTo(before);

        // Same values: fine, and other keys may still change.
        LoadedConfig harmless = TestConfigs.load(dir, "yaml: {concurrent_reads: 8}\n");
        assertThat(files(harmless).render(SELF).yaml()).containsEntry("concurrent_reads", 8);
    }

    @Test
    void withTokensFromZooKeeperTheGuardNamesTokensNumTokens() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "");
        Path stateDir = loaded.settings().stateDir();
        JoinedNodeGuard recorded = new JoinedNodeGuard(stateDir, true);
        recorded.recordJoined(Map.of("cluster_name", "test-cluster", "num_tokens", 1));
        Map<String, Object> wouldRender = Map.of("cluster_name", "test-cluster", "num_tokens", 4);
        assertThatThrownBy(() -> recorded.check(wouldRender))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("tokens.num_tokens: 4 would change num_tokens of this node")
                .hasMessageContaining("set it back to 1");

        // The module picks the key by whether ZooKeeper hands out tokens.
        LoadedConfig withZooKeeper = TestConfigs.load(dir, "", "zookeeper: {connect: 127.0.0.1:2181}\n");
        assertThatThrownBy(() -> new CassandraModule().guard(withZooKeeper.settings()).check(wouldRender))
                .hasMessageStartingWith("tokens.num_tokens: 4");
        assertThatThrownBy(() -> new CassandraModule().guard(loaded.settings()).check(wouldRender))
                .hasMessageStartingWith("cassandra.num_tokens: 4");
    }

    @Test
    void withZooKeeperNothingIsRenderedBeforeTheJoinFlowsPlan() throws Exception {
        LoadedConfig loaded = TestConfigs.load(dir, "");
        CassandraFiles planned = new CassandraFiles(loaded.settings().clusterName(), loaded.settings().cassandra(),
                new JoinedNodeGuard(loaded.settings().stateDir(), true), MEMORY, true);
        assertThat(planned.planned()).isFalse();
        assertThatThrownBy(() -> planned.render(SELF)).isInstanceOf(CassandraFiles.NotPlannedYet.class)
                .hasMessageContaining("has no token slot yet");
        assertThat(dir.resolve("conf")).as("nothing written").doesNotExist();

        planned.usePlan(new NodePlan(List.of("127.0.0.7:7000"), 1, "-9223372036854775808", null, Path.of("seed-provider.jar"),
                Map.of("daemon_url", "http://127.0.0.1:8484")));
        assertThat(planned.render(SELF).yaml()).containsEntry("initial_token", "-9223372036854775808").containsEntry("num_tokens", 1);
    }
}
