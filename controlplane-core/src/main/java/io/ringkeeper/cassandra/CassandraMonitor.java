package io.ringkeeper.cassandra;

import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.reconcile.Reconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the node every second (a reconciler, on the background pool): is the process there, what does JMX say, does
 * CQL answer. Readiness
 * ({@code /v1/health/ready}) reads the last observation, so a health request never waits on Cassandra.
 * The first time the node is seen ready, the values it joined its ring with are recorded for
 * {@link JoinedNodeGuard}.
 */
public final class CassandraMonitor implements Reconciler, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(CassandraMonitor.class);
    private static final Duration EVERY = Duration.ofSeconds(1);

    /** One observation of the node. */
    public record Observation(Instant at, Long pid, CassandraJmx.NodeStatus jmx, boolean cqlAnswers, String notReadyBecause) {
        public boolean ready() {
            return notReadyBecause == null;
        }
    }

    private final Supervisor supervisor;
    private final CassandraJmx jmx;
    private final CassandraConfig config;
    private final CassandraFiles files;
    private final JoinedNodeGuard guard;
    private final Clock clock;
    private final java.util.function.Supplier<String> address;
    private volatile Observation last;

    public CassandraMonitor(Supervisor supervisor, CassandraJmx jmx, CassandraConfig config, CassandraFiles files,
                            JoinedNodeGuard guard, Clock clock, java.util.function.Supplier<String> address) {
        this.supervisor = supervisor;
        this.jmx = jmx;
        this.config = config;
        this.files = files;
        this.guard = guard;
        this.clock = clock;
        this.address = address;
    }

    @Override
    public String name() {
        return "cassandra";
    }

    /** Off the daemon's start path: the first check loads the JMX client. */
    @Override
    public Duration firstPass() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration reconcile() {
        try {
            // A start job waiting for readiness checks too; one check a second in all keeps the daemon's
            // share of a starting node's CPU small.
            Observation o = last;
            if (o == null || Duration.between(o.at(), clock.instant()).toMillis() >= 900) {
                check();
            }
        } catch (RuntimeException e) {
            // Not the runner's backoff: readiness must stay fresh to the second whatever went wrong once.
            log.warn("checking Cassandra failed: {}", e.toString());
        }
        return EVERY;
    }

    @Override
    public Optional<String> notReadyBecause() {
        Observation o = last;
        if (o == null) {
            return Optional.of("Cassandra has not been checked yet");
        }
        return Optional.ofNullable(o.notReadyBecause());
    }

    public Optional<Observation> last() {
        return Optional.ofNullable(last);
    }

    /** Observes the node now (also used by jobs waiting for readiness). */
    public synchronized Observation check() {
        Instant now = clock.instant();
        Optional<Long> pid = supervisor.pid();
        Observation o;
        if (pid.isEmpty()) {
            o = new Observation(now, null, null, false, "Cassandra is not running");
        } else {
            CassandraJmx.NodeStatus status = null;
            String why = null;
            boolean cql = false;
            try {
                status = jmx.status();
            } catch (CassandraJmx.JmxUnavailableException e) {
                why = "Cassandra (pid " + pid.get() + ") is starting: JMX not answering yet";
            }
            if (status != null) {
                if (!"NORMAL".equals(status.operationMode())) {
                    why = "operation mode is " + status.operationMode() + ", not NORMAL";
                } else if (!status.joined()) {
                    why = "the node has not joined the ring";
                } else if (!status.nativeTransportRunning()) {
                    why = "native transport (CQL) is not running";
                } else {
                    Optional<String> handshake = CqlProbe.handshake(address.get(), config.nativePort(), Duration.ofSeconds(5));
                    cql = handshake.isEmpty();
                    why = handshake.orElse(null);
                }
            }
            o = new Observation(now, pid.get(), status, cql, why);
        }
        Observation before = last;
        last = o;
        if (before == null || before.ready() != o.ready()) {
            log.info("Cassandra is {}", o.ready() ? "ready (pid " + o.pid() + ")" : "not ready: " + o.notReadyBecause());
        }
        if (o.ready() && !guard.hasJoined()) {
            recordJoined();
        }
        return o;
    }

    private void recordJoined() {
        try {
            guard.recordJoined(CassandraYamlRenderer.parse(Files.readString(files.yamlFile())));
        } catch (IOException | RuntimeException e) {
            log.warn("cannot record the values this node joined with ({}): {}", guard.marker(), e.toString());
        }
    }
}
