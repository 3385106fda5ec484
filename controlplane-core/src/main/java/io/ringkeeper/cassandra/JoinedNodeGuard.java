package io.ringkeeper.cassandra;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Refuses config changes that would break a node that has joined its ring: a different cluster name, token
 * count or partitioner makes Cassandra refuse to start (or worse, move data ownership). Once the node has
 * been seen joined, those values are recorded under the state dir and every later render is checked
 * against them.
 */
public final class JoinedNodeGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path marker;
    /** yaml key → the ringkeeper.yaml key an operator changes, in the order they are reported and recorded. */
    private final List<Map.Entry<String, String>> frozen;

    /**
     * @param tokensFromRegistry the token count comes from {@code tokens.num_tokens} (ZooKeeper hands out the
     *                           tokens) rather than {@code cassandra.num_tokens}: errors name the key that applies
     */
    public JoinedNodeGuard(Path stateDir, boolean tokensFromRegistry) {
        this.marker = stateDir.resolve("cassandra").resolve("joined.json");
        this.frozen = List.of(
                Map.entry("cluster_name", "cluster_name"),
                Map.entry("num_tokens", tokensFromRegistry ? "tokens.num_tokens" : "cassandra.num_tokens"),
                Map.entry("partitioner", "cassandra.yaml.partitioner"));
    }

    public Path marker() {
        return marker;
    }

    /** Throws a {@link ConfigException} naming each frozen value the rendered yaml would change. */
    public void check(Map<String, Object> rendered) {
        Map<String, Object> joined = read();
        if (joined == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> f : frozen) {
            String key = f.getKey();
            Object was = joined.get(key);
            Object now = rendered.get(key);
            if (was != null && !Objects.equals(String.valueOf(was), String.valueOf(now))) {
                problems.add(f.getValue() + ": " + now + " would change " + key + " of this node, which joined its ring with "
                        + was + "; a joined node cannot change it: set it back to " + was + " (or replace the node)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems) + " [recorded in " + marker + "]");
        }
    }

    /** Records the frozen values of a node that is now part of its ring. Idempotent. */
    public void recordJoined(Map<String, Object> rendered) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : frozen) {
            Object v = rendered.get(f.getKey());
            values.put(f.getKey(), v == null ? null : String.valueOf(v));
        }
        AtomicFiles.writeIfChanged(marker, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(values));
    }

    public boolean hasJoined() {
        return Files.isRegularFile(marker);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read() {
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            return JSON.readValue(marker.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker + "; it records what this node joined its ring with", e);
        }
    }
}
