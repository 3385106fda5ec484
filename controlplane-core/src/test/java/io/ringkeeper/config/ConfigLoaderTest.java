package io.ringkeeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.cloud.local.LocalCloudSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String INVENTORY = """
            local:
              inventory:
                - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = ConfigLoader.withInstalledProviders();

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("ringkeeper.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The error an operator sees: always exactly one line. */
    private String errorFor(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            loader.load(file);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString() + ":");
            return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
        }
        throw new AssertionError("expected a config error for:\n" + yaml);
    }

    @Test
    void keysLeftOutTakeTheirDefaults() throws IOException {
        LoadedConfig c = loader.load(write(INVENTORY));
        RingkeeperConfig s = c.settings();
        assertThat(s.clusterName()).isEqualTo("ringkeeper");
        assertThat(s.cloud()).isEqualTo("local");
        assertThat(s.stateDir()).isEqualTo(Path.of("/var/lib/ringkeeper"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(s.http().bind()).isEqualTo("127.0.0.1");
        assertThat(s.http().port()).isEqualTo(8484);
        assertThat(s.http().maxRequestBytes().bytes()).isEqualTo(1L << 20);
        assertThat(s.http().authRequired()).isFalse();
        assertThat(s.logging().level()).isEqualTo("INFO");
        LocalCloudSettings local = (LocalCloudSettings) c.cloudSettings();
        assertThat(local.instanceId()).as("the only inventory entry is this node").isEqualTo("node1");
    }

    @Test
    void valuesGivenOverrideDefaultsAndNestedDefaultsSurvive() throws IOException {
        LoadedConfig c = loader.load(write(INVENTORY + """
                cluster_name: prod-east
                shutdown_timeout: 1500ms
                http:
                  port: 9000
                  max_request_bytes: 64K
                logging:
                  loggers: {io.ringkeeper.http: debug}
                """));
        assertThat(c.settings().clusterName()).isEqualTo("prod-east");
        assertThat(c.settings().shutdownTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.settings().http().port()).isEqualTo(9000);
        assertThat(c.settings().http().bind()).as("untouched sibling keeps its default").isEqualTo("127.0.0.1");
        assertThat(c.settings().http().maxRequestBytes().bytes()).isEqualTo(64 * 1024);
        assertThat(c.settings().logging().loggers()).containsEntry("io.ringkeeper.http", "DEBUG");
    }

    @Test
    void relativePathsAreRelativeToTheConfigFileNotTheWorkingDirectory() throws IOException {
        LoadedConfig c = loader.load(write(INVENTORY.replace("local:", "local:\n  object_store_dir: shared/objects")
                + "state_dir: state/node1\n"));
        assertThat(c.settings().stateDir()).isEqualTo(dir.resolve("state/node1").toAbsolutePath());
        assertThat(((LocalCloudSettings) c.cloudSettings()).objectStoreDir()).isEqualTo(dir.resolve("shared/objects").toAbsolutePath());
    }

    @Test
    void theExampleConfigIsValid() {
        LoadedConfig c = loader.load(Path.of("../examples/local.yaml"));
        assertThat(c.settings().cloud()).isEqualTo("local");
        assertThat(((LocalCloudSettings) c.cloudSettings()).instanceId()).isEqualTo("node1");
    }

    @Test
    void anUnknownKeyIsAnErrorWithASuggestion() throws IOException {
        assertThat(errorFor(INVENTORY + "htp:\n  port: 1\n"))
                .startsWith("htp: unknown key (did you mean http?); known keys here: ")
                .contains("cluster_name", "state_dir");
        assertThat(errorFor(INVENTORY + "http:\n  prot: 1\n"))
                .startsWith("http.prot: unknown key (did you mean port?)");
        assertThat(errorFor("local:\n  inventory:\n    - {id: a, address: 127.0.0.1, dc: d, rack: r, zone: z}\n"))
                .startsWith("local.inventory[0].zone: unknown key");
    }

    @Test
    void aWrongTypeNamesTheKeyTheValueAndAnExample() throws IOException {
        assertThat(errorFor(INVENTORY + "http:\n  port: abc\n"))
                .isEqualTo("http.port: \"abc\" is not a whole number; use e.g. 8484");
        assertThat(errorFor(INVENTORY + "http:\n  port: 80.5\n"))
                .isEqualTo("http.port: 80.5 is not a whole number; use e.g. 8484");
        assertThat(errorFor(INVENTORY + "http: [1, 2]\n"))
                .startsWith("http: a list is not a mapping of keys");
        assertThat(errorFor(INVENTORY + "http:\n  max_request_bytes: 4X\n"))
                .isEqualTo("http.max_request_bytes: \"4X\" is not a size; use e.g. 512M, 4G or 1MiB");
        assertThat(errorFor(INVENTORY + "shutdown_timeout: 5\n"))
                .isEqualTo("shutdown_timeout: 5 has no unit; use e.g. 500ms, 30s, 5m or 2h");
    }

    @Test
    void outOfRangeValuesSayWhatIsAllowed() throws IOException {
        assertThat(errorFor(INVENTORY + "http:\n  port: 70000\n"))
                .isEqualTo("http.port: 70000 is not a TCP port; use 1-65535 (0 picks a free port)");
        assertThat(errorFor(INVENTORY + "http:\n  bind: 300.1.1.1\n"))
                .startsWith("http.bind: \"300.1.1.1\" is not an IP address");
        assertThat(errorFor(INVENTORY + "cluster_name: 'has space'\n"))
                .startsWith("cluster_name: \"has space\" is not a usable cluster name");
        assertThat(errorFor(INVENTORY + "logging:\n  level: LOUD\n"))
                .startsWith("logging.level: \"LOUD\" is not a log level");
        assertThat(errorFor(INVENTORY + "shutdown_timeout: 0s\n"))
                .startsWith("shutdown_timeout: 0s is out of range");
    }

    @Test
    void anApiReachableFromOtherMachinesNeedsATokenFile() throws IOException {
        assertThat(errorFor(INVENTORY + "http:\n  bind: 0.0.0.0\n"))
                .startsWith("http.auth_token_file: is required when http.bind (0.0.0.0) is not a loopback address");
        LoadedConfig c = loader.load(write(INVENTORY + "http:\n  bind: 0.0.0.0\n  auth_token_file: token\n"));
        assertThat(c.settings().http().authRequired()).isTrue();
        assertThat(c.settings().http().authTokenFile()).isEqualTo(dir.resolve("token").toAbsolutePath());
    }

    @Test
    void theLocalInventoryIsChecked() throws IOException {
        assertThat(errorFor("cloud: local\n")).startsWith("local.inventory: is empty");
        assertThat(errorFor("local:\n  inventory:\n    - {id: a, address: 127.0.0.1, dc: d}\n"))
                .isEqualTo("local.inventory[0].rack: missing; this key is required here");
        assertThat(errorFor("local:\n  inventory:\n    - {id: a, address: not-an-ip, dc: d, rack: r}\n"))
                .startsWith("local.inventory[0].address: \"not-an-ip\" is not an IP address");
        assertThat(errorFor("""
                local:
                  inventory:
                    - {id: a, address: 127.0.0.1, dc: d, rack: r}
                    - {id: b, address: 127.0.0.2, dc: d, rack: r}
                """)).startsWith("local.instance_id: is empty; name this daemon's entry");
        assertThat(errorFor("""
                local:
                  instance_id: c
                  inventory:
                    - {id: a, address: 127.0.0.1, dc: d, rack: r}
                """)).isEqualTo("local.instance_id: \"c\" is not in local.inventory; ids there: [a]");
        assertThat(errorFor("""
                local:
                  instance_id: a
                  inventory:
                    - {id: a, address: 127.0.0.1, dc: d, rack: r}
                    - {id: a, address: 127.0.0.2, dc: d, rack: r}
                """)).startsWith("local.inventory: lists id a twice");
    }

    @Test
    void anUnknownCloudNamesTheInstalledOnes() throws IOException {
        assertThat(errorFor(INVENTORY + "cloud: azure\n"))
                .isEqualTo("cloud: \"azure\" is not an installed cloud provider; installed: local");
    }

    @Test
    void aMissingFileSaysHowToGetOne() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> loader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file; create it (see examples/local.yaml) or pass --config <file>");
    }

    @Test
    void brokenYamlPointsAtTheLine() throws IOException {
        Path file = write(INVENTORY + "http: {port: 1\n");
        assertThatThrownBy(() -> loader.load(file))
                .hasMessageStartingWith(file + ":4:")
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("expected ',' or '}'")
                .hasMessageNotContaining("{port: 1");
    }

    @Test
    void aKeyGivenTwiceIsAnError() throws IOException {
        assertThat(errorFor(INVENTORY + "cluster_name: a\ncluster_name: b\n"))
                .isEqualTo("cluster_name: given twice in the same mapping (lines 4 and 5); keep one");
    }

    @Test
    void theTopLevelMustBeAMapping() throws IOException {
        assertThat(errorFor("- a\n- b\n")).startsWith("expected a mapping of keys at the top level");
    }

    @Test
    void anEmptyValueMeansTheDefault() throws IOException {
        LoadedConfig c = loader.load(write(INVENTORY + "http:\ncluster_name:\n"));
        assertThat(c.settings().http().port()).isEqualTo(8484);
        assertThat(c.settings().clusterName()).isEqualTo("ringkeeper");
    }

    @Test
    void aYamlAliasIsRefusedNotWrittenAsItsName() throws IOException {
        assertThat(errorFor(INVENTORY + """
                cassandra:
                  yaml:
                    concurrent_reads: &cr 32
                    concurrent_writes: *cr
                """)).isEqualTo("cassandra.yaml.concurrent_writes: the YAML alias *cr is not supported; write the value out in full");
    }

    @Test
    void aSecondDocumentIsRefusedNotIgnored() throws IOException {
        assertThat(errorFor(INVENTORY + "---\ncluster_name: other\n"))
                .isEqualTo("a second YAML document starts here (after ---); a config file is one document: remove the second"
                        + " one, or merge it into the first");
    }

    @Test
    void aNestedKeyGivenTwiceIsNamedWithItsPath() throws IOException {
        assertThat(errorFor(INVENTORY + """
                cassandra:
                  yaml:
                    compaction: {a: 1}
                    concurrent_reads: 8
                    concurrent_reads: 16
                """)).isEqualTo("cassandra.yaml.concurrent_reads: given twice in the same mapping (lines 7 and 8); keep one");
    }

    @Test
    void tagsOtherThanStrAreRefused() throws IOException {
        assertThat(errorFor(INVENTORY + "cluster_name: !secret prod\n"))
                .isEqualTo("cluster_name: the YAML tag !secret is not supported; write the value without a tag");
        assertThat(loader.load(write(INVENTORY + "cassandra: {yaml: {cluster_name_suffix: !!str 12}}\n"))
                .settings().cassandra().yaml()).containsEntry("cluster_name_suffix", "12");
    }

    @Test
    void scalarsReadAsCassandraReadsThem() throws IOException {
        LoadedConfig c = loader.load(write(INVENTORY + """
                cassandra:
                  yaml:
                    a: 010
                    b: 0x1F
                    c: 1_000
                    d: yes
                    e: 1:30
                    f: 2026-01-01
                    g: ~
                    h: 1.5
                    i: '32'
                """));
        assertThat(c.settings().cassandra().yaml()).containsEntry("a", 8).containsEntry("b", 31).containsEntry("c", 1000)
                .containsEntry("d", true).containsEntry("e", "1:30").containsEntry("f", "2026-01-01")
                .containsEntry("g", null).containsEntry("h", 1.5).containsEntry("i", "32");
    }

    @Test
    void aHugeValueIsQuotedShortAndAHugeFileIsRefusedBeforeParsing() throws IOException {
        String message = errorFor(INVENTORY + "cluster_name: " + "x".repeat(200_000) + "\n");
        assertThat(message).startsWith("cluster_name: \"xxxx").contains("...(200000 characters)\"").hasSizeLessThan(400);

        Path big = write(INVENTORY + "cluster_name: " + "x".repeat(5_000_000) + "\n");
        assertThatThrownBy(() -> loader.load(big)).isInstanceOf(ConfigException.class)
                .hasMessage(big + ": the file is " + Files.size(big) + " bytes long; a config file holds at most 262144 characters");
        String unknownKey = errorFor(INVENTORY + "y".repeat(1000) + ": 1\n");
        assertThat(unknownKey).contains("(1000 characters)").contains("unknown key").hasSizeLessThan(1000);
    }

    @Test
    void durationsThatWouldOverflowAreRefusedWithTheLongestAllowed() throws IOException {
        assertThat(errorFor(INVENTORY + "shutdown_timeout: 99999999999999999d\n"))
                .isEqualTo("shutdown_timeout: \"99999999999999999d\" is too long a duration; the longest is 3650d");
        assertThat(errorFor(INVENTORY + "shutdown_timeout: 9999999999999999999999s\n"))
                .startsWith("shutdown_timeout: \"9999999999999999999999s\" is not a duration");
        assertThat(errorFor(INVENTORY + "cassandra: {drain_timeout: 2h}\n"))
                .isEqualTo("cassandra.drain_timeout: 2h is out of range; use between 1ms and 1h, e.g. 120s");
    }

    @Test
    void everyAddressIsCheckedTheSameWay() throws IOException {
        assertThat(errorFor(INVENTORY + "cassandra: {replace_address: 1.2.3}\n"))
                .startsWith("cassandra.replace_address: \"1.2.3\" is not an IP address");
        assertThat(errorFor(INVENTORY + "cassandra: {seeds: [10.0.0.1, 10.0.0.2:7000, cassandra-1]}\n"))
                .startsWith("cassandra.seeds[2]: \"cassandra-1\" is not an IP address with an optional port");
        assertThat(errorFor(INVENTORY + "cassandra: {seeds: ['10.0.0.1:99999']}\n"))
                .startsWith("cassandra.seeds[0]: \"10.0.0.1:99999\" has no valid port");
        assertThat(loader.load(write(INVENTORY + "cassandra: {seeds: [10.0.0.1, '[::1]:7000', '::1']}\n"))
                .settings().cassandra().seeds()).hasSize(3);
    }
}
