package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.desired.InvalidSpec;
import io.ringkeeper.desired.SpecReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackupSpecTest {
    private final SpecReader reader = new SpecReader();

    private BackupSpec read(String json) throws Exception {
        return reader.read(new ObjectMapper().readTree(json), BackupSpec.class);
    }

    private InvalidSpec refused(String json) {
        return catchThrowableOfType(() -> read(json), InvalidSpec.class);
    }

    @Test
    void aFullRecordReadsAsWritten() throws Exception {
        BackupSpec s = read("""
                {"snapshot": {"every": "6h", "offset": "30m"}, "incremental": {"every": "15m"},
                 "keyspaces": {"exclude": ["scratch", "metrics.raw_points"]}, "retention": {"days": 14, "count": 60},
                 "throttle": "100MiB", "pace": true, "verify": {"every": "1d", "deepEvery": "7d", "drillEvery": "7d"}}""");
        assertThat(s.snapshot().interval()).isEqualTo(Duration.ofHours(6));
        assertThat(s.snapshot().offsetOrZero()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.incremental().interval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.keyspaces().include()).isEmpty();
        assertThat(s.keyspaces().exclude()).containsExactly("scratch", "metrics.raw_points");
        assertThat(s.throttleBytesPerSecond()).isEqualTo(100L << 20);
        assertThat(s.pace()).isTrue();
        assertThat(s.verify().deepEvery()).isEqualTo("7d");
    }

    @Test
    void theLeastRecordHasSaneDefaults() throws Exception {
        BackupSpec s = read("{\"snapshot\": {\"every\": \"1d\"}, \"retention\": {\"count\": 7}}");
        assertThat(s.incremental()).isNull();
        assertThat(s.throttleBytesPerSecond()).isZero();
        assertThat(s.verify().every()).isEqualTo("1d");
        assertThat(s.verify().deepEvery()).isNull();
        assertThat(s.snapshot().offsetOrZero()).isZero();
    }

    @Test
    void everyRuleNamesItsField() {
        String ok = "\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 14}";
        assertThat(refused("{\"retention\": {\"days\": 14}}").pointer()).isEqualTo("/snapshot");
        assertThat(refused("{\"snapshot\": {\"every\": \"6h\"}}").pointer()).isEqualTo("/retention");
        assertThat(refused("{\"snapshot\": {\"every\": \"10m\"}, \"retention\": {\"days\": 1}}").pointer()).isEqualTo("/snapshot/every");
        assertThat(refused("{\"snapshot\": {\"every\": \"often\"}, \"retention\": {\"days\": 1}}").pointer()).isEqualTo("/snapshot/every");
        assertThat(refused("{\"snapshot\": {\"every\": \"6h\", \"offset\": \"6h\"}, \"retention\": {\"days\": 1}}").pointer())
                .isEqualTo("/snapshot/offset");
        assertThat(refused("{" + ok + ", \"incremental\": {\"every\": \"6h\"}}").pointer()).isEqualTo("/incremental/every");
        assertThat(refused("{" + ok + ", \"incremental\": {\"every\": \"10s\"}}").pointer()).isEqualTo("/incremental/every");
        assertThat(refused("{\"snapshot\": {\"every\": \"6h\"}, \"retention\": {}}").pointer()).isEqualTo("/retention");
        assertThat(refused("{\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 0}}").pointer()).isEqualTo("/retention/days");
        assertThat(refused("{\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"count\": 20000}}").pointer()).isEqualTo("/retention/count");
        assertThat(refused("{" + ok + ", \"keyspaces\": {\"include\": [\"shop\", \"bad-name\"]}}").pointer()).isEqualTo("/keyspaces/include/1");
        assertThat(refused("{" + ok + ", \"keyspaces\": {\"include\": [\"system_auth\"]}}").allowed()).contains("schema is always");
        assertThat(refused("{" + ok + ", \"keyspaces\": {\"include\": [\"shop\"], \"exclude\": [\"shop\"]}}").pointer())
                .isEqualTo("/keyspaces/exclude");
        assertThat(refused("{" + ok + ", \"throttle\": \"fast\"}").pointer()).isEqualTo("/throttle");
        assertThat(refused("{" + ok + ", \"throttle\": \"100K\"}").pointer()).isEqualTo("/throttle");
        assertThat(refused("{" + ok + ", \"verify\": {\"deepEvery\": \"1m\"}}").pointer()).isEqualTo("/verify/deepEvery");
        assertThat(refused("{" + ok + ", \"pace\": \"yes\"}").pointer()).isEqualTo("/pace");
        assertThat(refused("{" + ok + ", \"schedule\": {}}").pointer()).isEqualTo("/schedule");
    }
}
