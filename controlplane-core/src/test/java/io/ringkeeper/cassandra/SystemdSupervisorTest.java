package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SystemdSupervisor's systemctl calls, against a recording stand-in for systemctl (systemd is not PID 1 here). */
class SystemdSupervisorTest {
    @TempDir
    Path dir;

    private Path fakeSystemctl(String body) throws IOException {
        Path f = dir.resolve("systemctl");
        Files.writeString(f, "#!/bin/sh\necho \"$@\" >> " + dir.resolve("calls") + "\n" + body + "\n");
        f.toFile().setExecutable(true);
        return f;
    }

    @Test
    void startsStopsAndReadsThePidOfTheUnit() throws Exception {
        Path systemctl = fakeSystemctl("case \"$1\" in show) echo 4242;; esac");
        SystemdSupervisor s = new SystemdSupervisor(systemctl.toString(), "cassandra.service", Duration.ofSeconds(5));
        s.start();
        assertThat(s.pid()).contains(4242L);
        s.stop();
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly(
                "start cassandra.service", "show --property=MainPID --value cassandra.service", "stop cassandra.service");
    }

    @Test
    void aFailedSystemctlIsAnErrorWithItsOutputAndAStoppedUnitHasNoPid() throws Exception {
        Path systemctl = fakeSystemctl("case \"$1\" in show) echo 0;; *) echo 'Unit cassandra.service not found.'; exit 5;; esac");
        SystemdSupervisor s = new SystemdSupervisor(systemctl.toString(), "cassandra.service", Duration.ofSeconds(5));
        assertThatThrownBy(s::start).isInstanceOf(IOException.class).hasMessageContaining("exit 5")
                .hasMessageContaining("Unit cassandra.service not found.");
        assertThat(s.pid()).isEmpty();
    }
}
