package io.ringkeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.logging.LogLevels;
import io.ringkeeper.testing.InProcessDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A setup that cannot work is refused before anything is written anywhere: each case starts the daemon wired as
 * {@code ringkeeper daemon} wires it, expects one line naming the file, the key and the fix, and finds the test's
 * directory exactly as it was.
 */
class PreflightTest {
    @TempDir
    Path dir;

    private static final String INVENTORY = """
            cluster_name: preflight
            state_dir: state
            http: {port: 0}
            local:
              inventory:
                - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
            """;

    /** Starts a daemon with the config; returns the refusal after checking that nothing under dir changed. */
    private String refusal(String yaml) throws Exception {
        Path config = dir.resolve("ringkeeper.yaml");
        Files.writeString(config, yaml);
        Map<String, String> before = tree();
        ConfigLoader loader = ConfigLoader.withInstalledProviders();
        Daemon daemon = null;
        try {
            LoadedConfig loaded = loader.load(config);
            daemon = Guice.createInjector(Stage.PRODUCTION, new DaemonModule(loaded,
                    loader.provider(loaded.settings().cloud()).orElseThrow(), new LogLevels())).getInstance(Daemon.class);
            daemon.start();
        } catch (ConfigException e) {
            assertThat(tree()).as("nothing written under " + dir).isEqualTo(before);
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(config + ": ");
            return e.getMessage().substring(config.toString().length() + 2);
        } finally {
            if (daemon != null) {
                daemon.stop();
            }
        }
        throw new AssertionError("the daemon started with:\n" + yaml);
    }

    /** Every path under dir with its size and modification time. */
    private Map<String, String> tree() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }

    /** The daemon-only {@code cassandra:} section with some keys set otherwise ({@code "key: value"}). */
    private String cassandra(String... overrides) throws IOException {
        String section = InProcessDaemon.notStartingCassandra(dir);
        for (String o : overrides) {
            String key = o.substring(0, o.indexOf(':'));
            String replaced = section.replaceAll("(?m)^  " + key + ":.*$", java.util.regex.Matcher.quoteReplacement("  " + o));
            section = replaced.equals(section) ? section + "  " + o + "\n" : replaced;
        }
        return section;
    }

    @Test
    void aMissingWrapper() throws Exception {
        assertThat(refusal(INVENTORY + cassandra("wrapper: /nonexistent/cassandra-wrapper")))
                .isEqualTo("cassandra.wrapper: /nonexistent/cassandra-wrapper does not exist; install the ringkeeper package,"
                        + " or point cassandra.wrapper at systemd/cassandra-wrapper of a source checkout");
    }

    @Test
    void aMissingInstallationOrOneOfAnotherVersion() throws Exception {
        assertThat(refusal(INVENTORY + cassandra("home: /nonexistent/cassandra")))
                .startsWith("cassandra.home: /nonexistent/cassandra does not exist; point cassandra.home at a Cassandra 5.0"
                        + " installation");
        Path old = Files.createDirectories(dir.resolve("old-cassandra/lib"));
        Files.createFile(old.resolve("apache-cassandra-4.1.10.jar"));
        assertThat(refusal(INVENTORY + cassandra("home: old-cassandra")))
                .startsWith("cassandra.version: \"5.0\" does not match the Cassandra in " + dir.resolve("old-cassandra")
                        + " (apache-cassandra-4.1.10.jar); set cassandra.version: \"4.1\" or point cassandra.home");
        Files.createDirectories(dir.resolve("empty-home/lib"));
        assertThat(refusal(INVENTORY + cassandra("home: empty-home")))
                .startsWith("cassandra.home: " + dir.resolve("empty-home") + " holds no Cassandra jar");
    }

    @Test
    void directoriesThatAreFiles() throws Exception {
        Files.writeString(dir.resolve("a-file"), "x");
        assertThat(refusal(INVENTORY + cassandra("conf_dir: a-file")))
                .startsWith("cassandra.conf_dir: " + dir.resolve("a-file") + " is a file, not a directory");
        assertThat(refusal(INVENTORY.replace("state_dir: state", "state_dir: a-file/state") + cassandra()))
                .startsWith("state_dir: " + dir.resolve("a-file/state") + " cannot be created: " + dir.resolve("a-file")
                        + " is a file");
        assertThat(refusal(INVENTORY + cassandra("data_dirs: [data, a-file]")))
                .startsWith("cassandra.data_dirs[1]: " + dir.resolve("a-file") + " is a file");
    }

    @Test
    void aBadTokenFileIsRefusedBeforeAnyServiceRuns() throws Exception {
        Files.writeString(dir.resolve("token"), "short\n");
        String yaml = INVENTORY.replace("http: {port: 0}", "http: {port: 0, bind: 0.0.0.0, auth_token_file: token}");
        assertThat(refusal(yaml + cassandra()))
                .isEqualTo("http.auth_token_file: " + dir.resolve("token")
                        + ": the token is shorter than 16 characters; use e.g. openssl rand -hex 32");
        Files.writeString(dir.resolve("token"), "0123456789abcdef 0123456789abcdef\n");
        assertThat(refusal(yaml + cassandra())).contains("the token holds spaces");
    }

    @Test
    void withZooKeeperTheSeedProviderJarMustExist() throws Exception {
        assertThat(refusal(INVENTORY + "zookeeper: {connect: 127.0.0.1:1}\nseeds: {provider_jar: no-such.jar}\n" + cassandra()))
                .startsWith("seeds.provider_jar: " + dir.resolve("no-such.jar") + " does not exist; install the ringkeeper"
                        + " package");
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(refusal(INVENTORY.replace("port: 0", "port: " + taken.getLocalPort()) + cassandra()))
                    .startsWith("http.port: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void aCassandraPortInUseStopsTheStartBeforeCassandrasFilesAreWritten() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int[] free = freePorts(2);
            assertThat(refusal(INVENTORY + cassandra("start_on_boot: true", "native_port: " + taken.getLocalPort(),
                    "storage_port: " + free[0], "jmx_port: " + free[1])))
                    .isEqualTo("cassandra.native_port: 127.0.0.1:" + taken.getLocalPort() + " is in use by another process;"
                            + " stop it (a Cassandra not started by Ringkeeper?), or change cassandra.native_port");
        }
    }

    @Test
    void theDefaultPathsOfAMachineWithoutCassandraWriteNothing() throws Exception {
        boolean etc = Files.exists(Path.of("/etc/cassandra"));
        boolean varLib = Files.exists(Path.of("/var/lib/ringkeeper"));
        String refusal = refusal(INVENTORY.replace("state_dir: state\n", ""));
        assertThat(refusal).startsWith("cassandra.");
        assertThat(Files.exists(Path.of("/etc/cassandra"))).as("/etc/cassandra untouched").isEqualTo(etc);
        assertThat(Files.exists(Path.of("/var/lib/ringkeeper"))).as("/var/lib/ringkeeper untouched").isEqualTo(varLib);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }
}
