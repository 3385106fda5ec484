package io.ringkeeper.seeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.locator.SeedProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cassandra's seed provider for Ringkeeper nodes. Configure in cassandra.yaml:
 * <pre>
 * seed_provider:
 *   - class_name: io.ringkeeper.seeds.RingkeeperSeedProvider
 *     parameters:
 *       - daemon_url: "http://127.0.0.1:8484"
 *         seeds_file: "/var/lib/ringkeeper/seeds"
 *         timeout_ms: "2000"
 * </pre>
 * Each {@link #getSeeds()} reads the seeds file the daemon keeps current: the daemon rewrites it (atomically) whenever
 * the seeds change, before it tells Cassandra to reload them, so the file is never behind what the daemon would
 * answer, and reading it costs Cassandra nothing (it asks a dozen times while it starts). Only when the file is
 * missing or lists no address (a node whose daemon has not written it yet) does it ask the local daemon
 * ({@code GET <daemon_url>/v1/seeds}). Only when both are empty does it return an empty list (logged as an error), so
 * that Cassandra stops at start-up with its own "The seed provider lists no seeds." and a later
 * {@code nodetool reloadseeds} keeps the seeds it had.
 */
public final class RingkeeperSeedProvider implements SeedProvider {
    private static final Logger log = LoggerFactory.getLogger(RingkeeperSeedProvider.class);

    static final String DEFAULT_DAEMON_URL = "http://127.0.0.1:8484";
    static final String DEFAULT_SEEDS_FILE = "/var/lib/ringkeeper/seeds";
    static final int DEFAULT_TIMEOUT_MS = 2000;

    private final URI seedsUri;
    private final Path seedsFile;
    private final int timeoutMs;
    private List<InetAddressAndPort> lastReported; // guarded by this

    public RingkeeperSeedProvider(Map<String, String> parameters) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        String base = p.getOrDefault("daemon_url", DEFAULT_DAEMON_URL).trim();
        this.seedsUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/seeds");
        this.seedsFile = Path.of(p.getOrDefault("seeds_file", DEFAULT_SEEDS_FILE).trim());
        try {
            this.timeoutMs = Integer.parseInt(p.getOrDefault("timeout_ms", String.valueOf(DEFAULT_TIMEOUT_MS)).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed_provider parameter timeout_ms must be a number of milliseconds, got "
                    + p.get("timeout_ms"), e);
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("seed_provider parameter timeout_ms must be positive, got " + timeoutMs);
        }
    }

    @Override
    public List<InetAddressAndPort> getSeeds() {
        String fileProblem;
        try {
            List<InetAddressAndPort> fromFile = resolve(SeedsFile.read(seedsFile), "the seeds file " + seedsFile);
            if (!fromFile.isEmpty()) {
                report("Seeds from the file " + seedsFile + ": {}", fromFile);
                return fromFile;
            }
            fileProblem = "it lists no address";
        } catch (IOException | RuntimeException e) {
            fileProblem = e.toString();
        }
        String daemonProblem;
        try {
            List<InetAddressAndPort> fromDaemon = resolve(askDaemon(), "the daemon at " + seedsUri);
            if (!fromDaemon.isEmpty()) {
                report("Seeds from the Ringkeeper daemon at " + seedsUri + " (the seeds file " + seedsFile + ": "
                        + fileProblem + "): {}", fromDaemon);
                return fromDaemon;
            }
            daemonProblem = "it listed no seeds";
        } catch (IOException | RuntimeException e) {
            daemonProblem = e.toString();
        }
        log.error("No seeds: the seeds file {} gave none ({}) and the Ringkeeper daemon at {} gave none ({})."
                + " Start the ringkeeper service, or write at least one seed address into {}.", seedsFile, fileProblem,
                seedsUri, daemonProblem, seedsFile);
        return List.of();
    }

    /** Logs the seeds when they differ from the last ones given (Cassandra asks many times while it starts). */
    private synchronized void report(String format, List<InetAddressAndPort> seeds) {
        if (!seeds.equals(lastReported)) {
            lastReported = List.copyOf(seeds);
            log.info(format, seeds);
        }
    }

    private List<String> askDaemon() throws IOException {
        HttpURLConnection http = (HttpURLConnection) seedsUri.toURL().openConnection();
        http.setConnectTimeout(timeoutMs);
        http.setReadTimeout(timeoutMs);
        http.setRequestProperty("Accept", "application/json");
        http.setUseCaches(false);
        try {
            int status = http.getResponseCode();
            if (status != 200) {
                throw new IOException("HTTP " + status + " from " + seedsUri);
            }
            try (InputStream in = http.getInputStream()) {
                return SeedsJson.parse(readBounded(in));
            }
        } finally {
            http.disconnect();
        }
    }

    /** A seeds answer is small; a huge body is a wrong endpoint, not a seed list. */
    private static String readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > 1 << 20) {
                throw new IOException("answer larger than 1 MiB");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Unresolvable entries are skipped (and logged): one bad line must not cost the node all its seeds. */
    private static List<InetAddressAndPort> resolve(List<String> addresses, String source) {
        List<InetAddressAndPort> seeds = new ArrayList<>();
        for (String address : addresses) {
            try {
                seeds.add(InetAddressAndPort.getByName(address.trim()));
            } catch (UnknownHostException | RuntimeException e) {
                log.warn("Ignoring seed '{}' from {}: {}", address, source, e.toString());
            }
        }
        return seeds;
    }
}
