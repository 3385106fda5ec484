package io.ringkeeper.logging;

import io.ringkeeper.desired.InvalidSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code logging} kind: log levels for every daemon and every Cassandra of the cluster, with overrides for a DC or
 * one rack of a DC (a rack's override wins over its DC's, which wins over the cluster-wide levels). A logger is
 * {@code ROOT} or a dotted name; a level is TRACE, DEBUG, INFO, WARN, ERROR or OFF.
 *
 * <pre>
 * {"cassandra": {"org.apache.cassandra.repair": "DEBUG"},
 *  "daemon": {"io.ringkeeper.seeds": "DEBUG"},
 *  "overrides": [{"dc": "us-east", "rack": "us-east-1a", "cassandra": {"org.apache.cassandra.gms": "TRACE"}}]}
 * </pre>
 */
public record LoggingSpec(Map<String, Level> daemon, Map<String, Level> cassandra, List<Scope> overrides) {
    static final int MOST_LOGGERS = 200;
    static final int MOST_OVERRIDES = 100;

    public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    /** Levels for one DC, or one rack of one DC. */
    public record Scope(String dc, String rack, Map<String, Level> daemon, Map<String, Level> cassandra) {
        public Scope {
            if (dc == null || dc.isBlank()) {
                throw new InvalidSpec("/dc", "an override needs the DC it applies to", "a DC name");
            }
            if (rack != null && rack.isBlank()) {
                throw new InvalidSpec("/rack", "an empty rack", "a rack name, or no rack for the whole DC");
            }
            daemon = loggers("/daemon", daemon);
            cassandra = loggers("/cassandra", cassandra);
        }

        boolean covers(String nodeDc, String nodeRack) {
            return dc.equals(nodeDc) && (rack == null || rack.equals(nodeRack));
        }
    }

    public LoggingSpec {
        daemon = loggers("/daemon", daemon);
        cassandra = loggers("/cassandra", cassandra);
        overrides = overrides == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(overrides));
        if (overrides.size() > MOST_OVERRIDES) {
            throw new InvalidSpec("/overrides", overrides.size() + " overrides", "at most " + MOST_OVERRIDES);
        }
        Set<String> scopes = new HashSet<>();
        for (int i = 0; i < overrides.size(); i++) {
            Scope s = overrides.get(i);
            if (s == null) {
                throw new InvalidSpec("/overrides/" + i, "an empty override", "an object with dc, and rack, daemon or cassandra");
            }
            if (!scopes.add(s.dc() + "\u0000" + s.rack())) {
                throw new InvalidSpec("/overrides/" + i, "a second override for " + s.dc() + (s.rack() == null ? "" : "/" + s.rack()),
                        "one override per DC and per rack");
            }
        }
    }

    private static Map<String, Level> loggers(String at, Map<String, Level> levels) {
        if (levels == null) {
            return Map.of();
        }
        if (levels.size() > MOST_LOGGERS) {
            throw new InvalidSpec(at, levels.size() + " loggers", "at most " + MOST_LOGGERS);
        }
        for (Map.Entry<String, Level> e : levels.entrySet()) {
            String pointer = at + InvalidSpec.segment(e.getKey());
            if (e.getKey().length() > LoggingResource.LONGEST_NAME || !LoggingResource.isLoggerName(e.getKey())) {
                throw new InvalidSpec(pointer, "not a logger name", "ROOT or a dotted name such as org.apache.cassandra.repair");
            }
            if (e.getValue() == null) {
                throw new InvalidSpec(pointer, "no level", "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            }
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(levels));
    }

    /** The levels for a node of {@code dc}/{@code rack}: cluster-wide, then its DC's override, then its rack's. */
    public Effective forNode(String dc, String rack) {
        Map<String, String> d = new LinkedHashMap<>();
        Map<String, String> c = new LinkedHashMap<>();
        daemon.forEach((k, v) -> d.put(k, v.name()));
        cassandra.forEach((k, v) -> c.put(k, v.name()));
        List<Scope> applying = new ArrayList<>();
        overrides.stream().filter(s -> s.rack() == null && s.covers(dc, rack)).forEach(applying::add);
        overrides.stream().filter(s -> s.rack() != null && s.covers(dc, rack)).forEach(applying::add);
        for (Scope s : applying) {
            s.daemon().forEach((k, v) -> d.put(k, v.name()));
            s.cassandra().forEach((k, v) -> c.put(k, v.name()));
        }
        return new Effective(new TreeMap<>(d), new TreeMap<>(c));
    }

    /** What one node runs with. */
    public record Effective(Map<String, String> daemon, Map<String, String> cassandra) {
        public static final Effective NONE = new Effective(Map.of(), Map.of());
    }
}
