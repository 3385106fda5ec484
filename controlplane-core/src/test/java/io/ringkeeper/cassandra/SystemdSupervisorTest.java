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

    @Test
    void thePidIsAskedOfSystemdOnlyWhenTheKnownProcessIsGone() throws Exception {
        Process main = new ProcessBuilder("sleep", "600").start();
        try {
            Path answer = dir.resolve("mainpid");
            Files.writeString(answer, Long.toString(main.pid()));
            Path systemctl = fakeSystemctl("case \"$1\" in show) cat " + answer + ";; esac");
            long[] now = {0};
            SystemdSupervisor s = new SystemdSupervisor(systemctl.toString(), "cassandra.service", Duration.ofSeconds(5),
                    () -> now[0]);
            for (int second = 0; second < 30; second++) {
                assertThat(s.pid()).contains(main.pid());
                now[0] += 1_000_000_000L;
            }
            assertThat(shows()).as("one systemctl show while the main process lives").isEqualTo(1);

            main.destroyForcibly().waitFor();
            Files.writeString(answer, "0");
            assertThat(s.pid()).as("gone: asked again, and the unit has no process").isEmpty();
            assertThat(shows()).isEqualTo(2);
            for (int i = 0; i < 4; i++) {
                now[0] += 1_000_000_000L;
                assertThat(s.pid()).isEmpty();
            }
            assertThat(shows()).as("a stopped unit is asked at most every " + SystemdSupervisor.REASK).isEqualTo(2);
            now[0] += 1_000_000_000L;
            assertThat(s.pid()).isEmpty();
            assertThat(shows()).isEqualTo(3);

            s.start();
            assertThat(s.pid()).isEmpty();
            assertThat(shows()).as("a start through the supervisor is followed by a fresh answer").isEqualTo(4);
        } finally {
            main.destroyForcibly();
        }
    }

    private long shows() throws IOException {
        return Files.readAllLines(dir.resolve("calls")).stream().filter(l -> l.startsWith("show ")).count();
    }
}
