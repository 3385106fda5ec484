package io.ringkeeper.cassandra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.ringkeeper.cloud.Instance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes cassandra.yaml: the base yaml, then the operator's overrides (deep-merged, so any key works
 * without code here), then the fields Ringkeeper owns (identity, seeds, tokens, directories, ports).
 * Pure: no I/O, so the same inputs always give the same text, which is what makes writes idempotent.
 */
public final class CassandraYamlRenderer {

    /** Keys Ringkeeper computes, and where an operator sets them instead of {@code cassandra.yaml}. */
    public static final Map<String, String> COMPUTED_KEYS = computedKeys();

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private CassandraYamlRenderer() {
    }

    /**
     * Everything the yaml depends on besides the base text, each explicit: the config, the node's place in its ring,
     * and Ringkeeper's seed provider's parameters (null for a fixed seed list).
     */
    public record Inputs(String clusterName, Instance self, CassandraConfig cassandra, Placement placement,
                         Map<String, String> seedProviderParameters) {
    }

    public static Map<String, Object> render(String baseYaml, Inputs in) {
        Map<String, Object> out = parse(baseYaml);
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) deepMerge(out, in.cassandra().yaml());
        CassandraConfig c = in.cassandra();
        Placement p = in.placement();
        String address = in.self().address();

        merged.put("cluster_name", in.clusterName());
        merged.put("listen_address", address);
        merged.put("broadcast_address", address);
        merged.put("rpc_address", address);
        merged.put("broadcast_rpc_address", address);
        merged.remove("listen_interface");
        merged.remove("rpc_interface");
        merged.put("endpoint_snitch", "GossipingPropertyFileSnitch");
        merged.put("seed_provider", in.seedProviderParameters() != null
                ? ringkeeperSeedProvider(in.seedProviderParameters())
                : seedProvider(p.seeds().isEmpty() ? List.of(address) : p.seeds()));
        merged.put("num_tokens", p.numTokens());
        if (p.initialToken() != null) {
            merged.put("initial_token", p.initialToken());
        } else {
            merged.remove("initial_token");
        }
        merged.put("data_file_directories", c.dataDirs().stream().map(Path::toString).toList());
        merged.put("commitlog_directory", c.commitlogDir().toString());
        merged.put("hints_directory", c.hintsDir().toString());
        merged.put("saved_caches_directory", c.savedCachesDir().toString());
        merged.put("native_transport_port", c.nativePort());
        merged.put("storage_port", c.storagePort());
        return merged;
    }

    /** The yaml text Cassandra reads. Keys keep their order, so a diff between two renders is readable. */
    public static String toYaml(Map<String, Object> yaml) {
        try {
            return "# Written by Ringkeeper; edit ringkeeper.yaml (cassandra.yaml overrides) instead: this file is rewritten.\n"
                    + YAML.writeValueAsString(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cassandra.yaml: " + e.getMessage(), e);
        }
    }

    /** Reads yaml text into ordered maps and lists; an empty document is an empty map. */
    public static Map<String, Object> parse(String text) {
        try {
            Map<String, Object> m = YAML.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return m == null ? new LinkedHashMap<>() : m;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a yaml mapping: " + e.getOriginalMessage(), e);
        }
    }

    /** Maps merge key by key; anything else (lists, scalars) is replaced whole; a null override removes the key. */
    static Object deepMerge(Object base, Object override) {
        if (base instanceof Map<?, ?> b && override instanceof Map<?, ?> o) {
            Map<String, Object> out = new LinkedHashMap<>();
            b.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            o.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (v == null) {
                    out.remove(key);
                } else {
                    out.put(key, out.containsKey(key) ? deepMerge(out.get(key), v) : copy(v));
                }
            });
            return out;
        }
        return copy(override);
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    private static List<Object> ringkeeperSeedProvider(Map<String, String> parameters) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("class_name", NodePlan.SEED_PROVIDER_CLASS);
        provider.put("parameters", List.of(new java.util.TreeMap<>(parameters)));
        return List.of(provider);
    }

    private static List<Object> seedProvider(List<String> seeds) {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("class_name", "org.apache.cassandra.locator.SimpleSeedProvider");
        provider.put("parameters", List.of(Map.of("seeds", String.join(",", seeds))));
        return List.of(provider);
    }

    private static Map<String, String> computedKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        String identity = "it comes from the cloud identity of the node";
        m.put("cluster_name", "set cluster_name at the top level of ringkeeper.yaml");
        m.put("listen_address", identity);
        m.put("broadcast_address", identity);
        m.put("rpc_address", identity);
        m.put("broadcast_rpc_address", identity);
        m.put("endpoint_snitch", "Ringkeeper uses GossipingPropertyFileSnitch with dc and rack from the cloud");
        m.put("seed_provider", "set cassandra.seeds");
        m.put("num_tokens", "set cassandra.num_tokens");
        m.put("initial_token", "set cassandra.initial_token");
        m.put("data_file_directories", "set cassandra.data_dirs");
        m.put("commitlog_directory", "set cassandra.commitlog_dir");
        m.put("hints_directory", "set cassandra.hints_dir");
        m.put("saved_caches_directory", "set cassandra.saved_caches_dir");
        m.put("native_transport_port", "set cassandra.native_port");
        m.put("storage_port", "set cassandra.storage_port");
        return Map.copyOf(m);
    }
}
