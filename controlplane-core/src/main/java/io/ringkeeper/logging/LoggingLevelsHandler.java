package io.ringkeeper.logging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.DesiredKind;
import io.ringkeeper.desired.KindHandler;
import io.ringkeeper.desired.Outcome;
import io.ringkeeper.files.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Brings this node's log levels, the daemon's and its Cassandra's (over JMX), to the {@code logging} record. Before it
 * first changes a logger it records the level the logger had (its own configuration's) in
 * {@code <state_dir>/desired/logging.json}, written atomically before any change, so that a logger the record no longer
 * names, or every logger once the record is deleted, goes back to exactly that, even after a {@code kill -9}. Each pass
 * compares what runs with what is wanted and changes only the difference: a restarted Cassandra (whose levels are
 * its logback.xml's again) is brought back by the next resync.
 */
public final class LoggingLevelsHandler implements KindHandler<LoggingSpec> {
    public static final DesiredKind<LoggingSpec> KIND = new DesiredKind<>("logging", LoggingSpec.class,
            "log levels of every daemon and every Cassandra, with per-DC and per-rack overrides");

    /** What this node changed, and what each logger had before: the node-local progress of the kind. */
    record Applied(Map<String, String> daemonBefore, Map<String, String> cassandraBefore) {
        static final Applied NOTHING = new Applied(Map.of(), Map.of());

        Applied {
            daemonBefore = new TreeMap<>(daemonBefore == null ? Map.of() : daemonBefore);
            cassandraBefore = new TreeMap<>(cassandraBefore == null ? Map.of() : cassandraBefore);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String INHERIT = "";

    private final LogLevels daemon;
    private final CassandraJmx jmx;
    private final CassandraMonitor monitor;
    private final NodeIdentity identity;
    private final Path file;

    @Inject
    LoggingLevelsHandler(LogLevels daemon, CassandraJmx jmx, CassandraMonitor monitor, NodeIdentity identity, RingkeeperConfig root) {
        this.daemon = daemon;
        this.jmx = jmx;
        this.monitor = monitor;
        this.identity = identity;
        this.file = root.stateDir().resolve("desired").resolve("logging.json");
    }

    @Override
    public DesiredKind<LoggingSpec> kind() {
        return KIND;
    }

    @Override
    public Outcome apply(LoggingSpec spec) throws Exception {
        Instance self = identity.require();
        LoggingSpec.Effective want = spec == null ? LoggingSpec.Effective.NONE : spec.forNode(self.dc(), self.rack());
        Applied applied = read();

        // The daemon: always reachable.
        Map<String, String> daemonNow = new TreeMap<>();
        for (String logger : union(want.daemon(), applied.daemonBefore())) {
            daemonNow.put(logger, Objects.requireNonNullElse(daemon.level(logger), INHERIT));
        }
        Map<String, String> daemonBefore = remember(applied.daemonBefore(), daemonNow, want.daemon());
        // Cassandra: only while it answers JMX.
        boolean cassandraUp = monitor.last().map(o -> o.jmx() != null).orElse(false);
        Map<String, String> cassandraNow = null;
        Map<String, String> cassandraBefore = applied.cassandraBefore();
        if (cassandraUp && !(want.cassandra().isEmpty() && applied.cassandraBefore().isEmpty())) {
            Map<String, String> levels = jmx.loggingLevels();
            cassandraNow = new TreeMap<>();
            for (String logger : union(want.cassandra(), applied.cassandraBefore())) {
                cassandraNow.put(logger, levels.getOrDefault(logger, INHERIT));
            }
            cassandraBefore = remember(applied.cassandraBefore(), cassandraNow, want.cassandra());
        }
        // Durable before any change: a crash from here on still knows what to restore.
        write(new Applied(daemonBefore, cassandraBefore));

        int daemonChanged = converge(want.daemon(), daemonBefore, daemonNow, (logger, level) -> {
            if (level.equals(INHERIT)) {
                daemon.clear(logger);
            } else {
                daemon.set(logger, level);
            }
        });
        Map<String, String> daemonLeft = new TreeMap<>(daemonBefore);
        daemonLeft.keySet().retainAll(want.daemon().keySet());
        int cassandraChanged = 0;
        Map<String, String> cassandraLeft = cassandraBefore;
        if (cassandraNow != null) {
            JmxSetter setter = new JmxSetter();
            cassandraChanged = converge(want.cassandra(), cassandraBefore, cassandraNow, setter);
            if (setter.failure != null) {
                throw setter.failure;
            }
            cassandraLeft = new TreeMap<>(cassandraBefore);
            cassandraLeft.keySet().retainAll(want.cassandra().keySet());
        }
        write(new Applied(daemonLeft, cassandraLeft));

        String done = "daemon: " + want.daemon().size() + " logger(s) set" + (daemonChanged > 0 ? " (" + daemonChanged + " changed)" : "")
                + "; cassandra: " + want.cassandra().size() + " logger(s) set" + (cassandraChanged > 0 ? " (" + cassandraChanged + " changed)" : "");
        if (cassandraNow == null && !(want.cassandra().isEmpty() && applied.cassandraBefore().isEmpty())) {
            return Outcome.waiting("daemon levels applied; Cassandra's wait for it to answer JMX (it is not running or still"
                    + " starting): " + want.cassandra().size() + " logger(s) to set");
        }
        return Outcome.converged(done);
    }

    private final class JmxSetter implements BiConsumer<String, String> {
        CassandraJmx.JmxUnavailableException failure;

        @Override
        public void accept(String logger, String level) {
            if (failure == null) {
                try {
                    jmx.setLoggingLevel(logger, level);
                } catch (CassandraJmx.JmxUnavailableException e) {
                    failure = e;
                }
            }
        }
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** The levels before this kind touched each logger: kept from earlier passes, else what runs now. */
    private static Map<String, String> remember(Map<String, String> before, Map<String, String> now, Map<String, String> want) {
        Map<String, String> out = new TreeMap<>(before);
        for (String logger : want.keySet()) {
            out.putIfAbsent(logger, now.getOrDefault(logger, INHERIT));
        }
        return out;
    }

    /** Sets what differs: wanted levels, and the earlier level of each logger no longer wanted. */
    private static int converge(Map<String, String> want, Map<String, String> before, Map<String, String> now,
                                BiConsumer<String, String> set) {
        int changed = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            String target = want.getOrDefault(e.getKey(), e.getValue());
            if (!target.equals(now.getOrDefault(e.getKey(), INHERIT))) {
                set.accept(e.getKey(), target);
                changed++;
            }
        }
        return changed;
    }

    Applied read() throws IOException {
        if (!Files.exists(file)) {
            return Applied.NOTHING;
        }
        return JSON.readValue(file.toFile(), Applied.class);
    }

    private void write(Applied applied) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeIfChanged(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(applied));
    }
}
