package io.ringkeeper.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingkeeperSeedProviderTest {
    @TempDir
    Path dir;

    private HttpServer daemon;
    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        if (daemon != null) {
            daemon.stop(0);
        }
    }

    /** A stand-in for the Ringkeeper daemon on an ephemeral loopback port. */
    private String daemon(int status, String body, boolean hang) throws IOException {
        daemon = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        daemon.createContext("/v1/seeds", exchange -> {
            requests.incrementAndGet();
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        daemon.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        daemon.start();
        return "http://127.0.0.1:" + daemon.getAddress().getPort();
    }

    private Path seedsFile(String content) throws IOException {
        Path file = dir.resolve("seeds");
        Files.writeString(file, content);
        return file;
    }

    private List<InetAddressAndPort> seeds(String url, Path file) {
        return new RingkeeperSeedProvider(Map.of("daemon_url", url, "seeds_file", file.toString(), "timeout_ms", "300")).getSeeds();
    }

    private static List<String> hosts(List<InetAddressAndPort> seeds) {
        return seeds.stream().map(s -> s.getHostAddress(false) + ":" + s.getPort()).toList();
    }

    @Test
    void theFileTheDaemonKeepsIsReadAndTheDaemonIsNotAsked() throws IOException {
        String url = daemon(200, "{\"seeds\": [\"127.0.0.1\"]}", false);
        Path file = seedsFile("# written by ringkeeper\n\n127.0.0.3   # rack a\n  127.0.0.4:7002\n");
        for (int call = 0; call < 12; call++) { // Cassandra asks a dozen times while it starts
            assertThat(hosts(seeds(url, file))).containsExactly("127.0.0.3:7000", "127.0.0.4:7002");
        }
        assertThat(requests.get()).as("requests to the daemon").isZero();
    }

    @Test
    void theDaemonIsAskedWhenTheFileIsMissingOrEmpty() throws IOException {
        String url = daemon(200, "{\"seeds\": [\"127.0.0.1\", \"127.0.0.2:7001\"], \"generation\": 3}", false);
        assertThat(hosts(seeds(url, dir.resolve("missing")))).containsExactly("127.0.0.1:7000", "127.0.0.2:7001");
        assertThat(hosts(seeds(url, seedsFile("# nothing yet\n")))).containsExactly("127.0.0.1:7000", "127.0.0.2:7001");
        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void aFailingSlowOrAbsentDaemonWithNoFileGivesNothing() throws IOException {
        Path empty = seedsFile("");
        // Slow first: stop() releases every hanging answer for good.
        assertThat(seeds(daemon(200, "{\"seeds\": [\"127.0.0.1\"]}", true), empty)).as("slower than timeout_ms").isEmpty();
        stop();
        assertThat(seeds(daemon(500, "{\"error\":\"internal\"}", false), empty)).isEmpty();
        stop();
        assertThat(seeds(daemon(200, "<html>not json</html>", false), empty)).isEmpty();
        stop();
        assertThat(seeds("http://127.0.0.1:1", empty)).as("nothing listens").isEmpty();
    }

    @Test
    void unresolvableEntriesAreSkippedNotFatal() throws IOException {
        Path file = seedsFile("not a host name!\n127.0.0.7\n");
        assertThat(hosts(seeds("http://127.0.0.1:1", file))).containsExactly("127.0.0.7:7000");
    }

    @Test
    void noSeedsAnywhereGivesAnEmptyListForCassandraToRefuse() throws IOException {
        assertThat(seeds("http://127.0.0.1:1", seedsFile("# nothing yet\n"))).isEmpty();
        assertThat(seeds("http://127.0.0.1:1", dir.resolve("missing"))).isEmpty();
    }

    @Test
    void defaultsAndBadParameters() {
        assertThat(new RingkeeperSeedProvider(Map.of())).isNotNull();
        assertThatThrownBy(() -> new RingkeeperSeedProvider(Map.of("timeout_ms", "soon")))
                .hasMessageContaining("timeout_ms");
        assertThatThrownBy(() -> new RingkeeperSeedProvider(Map.of("timeout_ms", "0")))
                .hasMessageContaining("positive");
    }
}
