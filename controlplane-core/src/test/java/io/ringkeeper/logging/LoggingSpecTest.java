package io.ringkeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.desired.InvalidSpec;
import io.ringkeeper.desired.SpecReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggingSpecTest {
    private final SpecReader reader = new SpecReader();

    private LoggingSpec read(String json) throws Exception {
        return reader.read(new ObjectMapper().readTree(json), LoggingSpec.class);
    }

    private InvalidSpec refused(String json) {
        return (InvalidSpec) org.assertj.core.api.Assertions.catchThrowable(() -> read(json));
    }

    @Test
    void aRackOverrideWinsOverItsDcWhichWinsOverTheCluster() throws Exception {
        LoggingSpec spec = read("""
                {"cassandra": {"org.apache.cassandra.repair": "DEBUG", "org.apache.cassandra.gms": "INFO"},
                 "daemon": {"io.ringkeeper": "INFO"},
                 "overrides": [
                   {"dc": "dc1", "rack": "r1", "cassandra": {"org.apache.cassandra.gms": "TRACE"}},
                   {"dc": "dc1", "cassandra": {"org.apache.cassandra.gms": "WARN"}, "daemon": {"io.ringkeeper": "DEBUG"}}]}
                """);
        LoggingSpec.Effective r1 = spec.forNode("dc1", "r1");
        assertThat(r1.cassandra()).containsExactlyInAnyOrderEntriesOf(Map.of("org.apache.cassandra.repair", "DEBUG",
                "org.apache.cassandra.gms", "TRACE"));
        assertThat(r1.daemon()).containsExactlyEntriesOf(Map.of("io.ringkeeper", "DEBUG"));
        assertThat(spec.forNode("dc1", "r2").cassandra()).containsEntry("org.apache.cassandra.gms", "WARN");
        assertThat(spec.forNode("dc2", "r1").cassandra()).containsEntry("org.apache.cassandra.gms", "INFO");
        assertThat(spec.forNode("dc2", "r1").daemon()).containsEntry("io.ringkeeper", "INFO");
    }

    @Test
    void anEmptySpecSetsNothing() throws Exception {
        assertThat(read("{}").forNode("dc1", "r1")).isEqualTo(new LoggingSpec.Effective(Map.of(), Map.of()));
    }

    @Test
    void everyRuleNamesItsField() {
        assertThat(refused("{\"cassandra\": {\"org..x\": \"DEBUG\"}}").pointer()).isEqualTo("/cassandra/org..x");
        assertThat(refused("{\"cassandra\": {\"x\": \"debug\"}}").pointer()).as("levels are upper case").isEqualTo("/cassandra/x");
        assertThat(refused("{\"cassandra\": {\"x\": null}}").pointer()).isEqualTo("/cassandra/x");
        assertThat(refused("{\"overrides\": [{\"dc\": \" \"}]}").pointer()).isEqualTo("/overrides/0/dc");
        assertThat(refused("{\"overrides\": [{\"dc\": \"d\", \"rack\": \"\"}]}").pointer()).isEqualTo("/overrides/0/rack");
        assertThat(refused("{\"overrides\": [null]}").pointer()).isEqualTo("/overrides/0");
        assertThat(refused("{\"overrides\": [{\"dc\": \"d\", \"level\": \"x\"}]}").pointer()).isEqualTo("/overrides/0/level");
        assertThat(refused("{\"daemon\": \"DEBUG\"}").pointer()).isEqualTo("/daemon");
        StringBuilder many = new StringBuilder("{\"daemon\": {");
        for (int i = 0; i <= LoggingSpec.MOST_LOGGERS; i++) {
            many.append(i == 0 ? "" : ",").append("\"l").append(i).append("\": \"INFO\"");
        }
        InvalidSpec tooMany = refused(many.append("}}").toString());
        assertThat(tooMany.pointer()).isEqualTo("/daemon");
        assertThat(tooMany.allowed()).isEqualTo("at most " + LoggingSpec.MOST_LOGGERS);
        assertThatThrownBy(() -> read("[]")).isInstanceOf(InvalidSpec.class);
    }
}
