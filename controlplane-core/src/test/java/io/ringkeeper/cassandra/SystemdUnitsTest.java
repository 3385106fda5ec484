package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-analyze verify} must print nothing for every unit we ship: it only warns (exit 0) on unknown
 * keys or bad values, so any output fails the build. It also checks that ExecStart exists on this machine,
 * so the installed paths are pointed at the files in this checkout first.
 */
class SystemdUnitsTest {
    private static final Path SYSTEMD = Path.of("..", "systemd").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void everyUnitVerifiesWithoutAnyOutput() throws Exception {
        List<Path> units;
        try (Stream<Path> s = Files.list(SYSTEMD)) {
            units = s.filter(p -> p.toString().endsWith(".service")).sorted().toList();
        }
        assertThat(units).extracting(p -> p.getFileName().toString()).contains("cassandra.service", "ringkeeper.service");
        for (Path unit : units) {
            assertThat(verify(unit.getFileName().toString(), Files.readString(unit))).as(unit.toString()).isEmpty();
        }
    }

    @Test
    void theCheckWouldCatchAMistake() throws Exception {
        String broken = Files.readString(SYSTEMD.resolve("cassandra.service")).replace("RestartSec=10", "RestartSec=ten\nRestrat=always");
        assertThat(verify("cassandra.service", broken)).isNotEmpty();
    }

    @Test
    void cassandraUnitHasTheSupervisionPolicyAndCannotBeEnabledAtBoot() throws Exception {
        String unit = Files.readString(SYSTEMD.resolve("cassandra.service"));
        assertThat(unit).contains("Restart=always", "RestartSec=", "StartLimitIntervalSec=0", "LimitNOFILE=1048576",
                "LimitMEMLOCK=infinity", "RuntimeDirectory=cassandra", "TimeoutStopSec=",
                "ExecStart=/usr/lib/ringkeeper/cassandra-wrapper --pidfile /run/cassandra/cassandra.pid");
        assertThat(unit).doesNotContain("[Install]");
    }

    private String verify(String name, String text) throws IOException, InterruptedException {
        String local = text
                .replace("/usr/lib/ringkeeper/cassandra-wrapper", SYSTEMD.resolve("cassandra-wrapper").toString())
                .replace("/usr/bin/ringkeeper", SYSTEMD.resolveSibling("bin").resolve("ringkeeper").toString());
        Path file = dir.resolve(name);
        Files.writeString(file, local);
        Process p = new ProcessBuilder("systemd-analyze", "verify", file.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
