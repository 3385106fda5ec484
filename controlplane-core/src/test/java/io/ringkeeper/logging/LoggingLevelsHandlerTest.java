package io.ringkeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.Outcome;
import io.ringkeeper.desired.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logging handler against a stand-in for Cassandra's JMX (a map of levels) and the daemon's real Logback. */
class LoggingLevelsHandlerTest {
    @TempDir
    Path state;

    private final LogLevels daemon = new LogLevels();
    private final Map<String, String> cassandra = new HashMap<>();
    private final CassandraJmx jmx = mock(CassandraJmx.class);
    private final CassandraMonitor monitor = mock(CassandraMonitor.class);
    private boolean cassandraUp = true;

    LoggingLevelsHandlerTest() throws Exception {
        when(jmx.loggingLevels()).thenAnswer(i -> Map.copyOf(cassandra));
        doAnswer(i -> {
            String level = i.getArgument(1);
            if (level.isEmpty()) {
                cassandra.remove((String) i.getArgument(0));
            } else {
                cassandra.put(i.getArgument(0), level);
            }
            return null;
        }).when(jmx).setLoggingLevel(anyString(), anyString());
        CassandraJmx.NodeStatus status = new CassandraJmx.NodeStatus("NORMAL", true, true, List.of(), List.of(), List.of(), "h", "5.0.9");
        when(monitor.last()).thenAnswer(i -> Optional.of(new CassandraMonitor.Observation(Instant.now(), 1L,
                cassandraUp ? status : null, cassandraUp, cassandraUp ? null : "down")));
    }

    private LoggingLevelsHandler handler() {
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("node1", "127.0.0.1", "dc1", "rack1"));
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.stateDir()).thenReturn(state);
        return new LoggingLevelsHandler(daemon, jmx, monitor, identity, root);
    }

    private static LoggingSpec spec(String json) throws Exception {
        return new SpecReader().read(new ObjectMapper().readTree(json), LoggingSpec.class);
    }

    @Test
    void aRecordSetsLevelsAndItsDeletionRestoresWhatEachLoggerHadBefore() throws Exception {
        cassandra.put("org.apache.cassandra.gms", "WARN"); // from Cassandra's logback.xml
        daemon.set("io.ringkeeper.handlertest.configured", "ERROR"); // from the daemon's config
        LoggingLevelsHandler h = handler();

        Outcome set = h.apply(spec("""
                {"cassandra": {"org.apache.cassandra.gms": "TRACE", "org.apache.cassandra.repair": "DEBUG"},
                 "daemon": {"io.ringkeeper.handlertest.configured": "DEBUG", "io.ringkeeper.handlertest.fresh": "INFO"}}"""));
        assertThat(set.state()).isEqualTo(Outcome.State.CONVERGED);
        assertThat(cassandra).containsEntry("org.apache.cassandra.gms", "TRACE").containsEntry("org.apache.cassandra.repair", "DEBUG");
        assertThat(daemon.level("io.ringkeeper.handlertest.configured")).isEqualTo("DEBUG");

        // A new version that names fewer loggers gives the others back.
        h.apply(spec("{\"cassandra\": {\"org.apache.cassandra.repair\": \"DEBUG\"}}"));
        assertThat(cassandra).containsEntry("org.apache.cassandra.gms", "WARN");
        assertThat(daemon.level("io.ringkeeper.handlertest.configured")).isEqualTo("ERROR");
        assertThat(daemon.level("io.ringkeeper.handlertest.fresh")).isNull();

        assertThat(h.apply(null).state()).isEqualTo(Outcome.State.CONVERGED);
        assertThat(cassandra).containsOnly(Map.entry("org.apache.cassandra.gms", "WARN"));
    }

    @Test
    void whatToRestoreSurvivesADaemonRestartAndARestartedCassandraIsBroughtBack() throws Exception {
        cassandra.put("org.apache.cassandra.gms", "WARN");
        handler().apply(spec("{\"cassandra\": {\"org.apache.cassandra.gms\": \"TRACE\"}}"));
        assertThat(Files.readString(state.resolve("desired/logging.json"))).contains("WARN");

        // Cassandra restarts (its levels are logback.xml's again) and so does the daemon (a new handler, same state_dir).
        cassandra.put("org.apache.cassandra.gms", "WARN");
        LoggingLevelsHandler restarted = handler();
        restarted.apply(spec("{\"cassandra\": {\"org.apache.cassandra.gms\": \"TRACE\"}}"));
        assertThat(cassandra).containsEntry("org.apache.cassandra.gms", "TRACE");

        restarted.apply(null);
        assertThat(cassandra).as("the level from before the first change, not the one the record set")
                .containsEntry("org.apache.cassandra.gms", "WARN");
    }

    @Test
    void cassandraLevelsWaitWhileItIsDownAndTheDaemonsDoNot() throws Exception {
        cassandraUp = false;
        LoggingLevelsHandler h = handler();
        Outcome o = h.apply(spec("{\"cassandra\": {\"org.apache.cassandra.repair\": \"DEBUG\"}, \"daemon\": {\"io.ringkeeper.handlertest.w\": \"WARN\"}}"));
        assertThat(o.state()).isEqualTo(Outcome.State.WAITING);
        assertThat(o.message()).contains("JMX");
        assertThat(daemon.level("io.ringkeeper.handlertest.w")).isEqualTo("WARN");
        assertThat(cassandra).isEmpty();

        cassandraUp = true;
        assertThat(h.apply(spec("{\"cassandra\": {\"org.apache.cassandra.repair\": \"DEBUG\"}}")).state()).isEqualTo(Outcome.State.CONVERGED);
        assertThat(cassandra).containsEntry("org.apache.cassandra.repair", "DEBUG");
        h.apply(null);
    }
}
