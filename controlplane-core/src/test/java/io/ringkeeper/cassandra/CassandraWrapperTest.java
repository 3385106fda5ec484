package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wrapper script itself, with real flock, against a stand-in process. */
class CassandraWrapperTest {
    @TempDir
    Path dir;

    private Process wrapper(Path pidfile, Path cmd, Path hook) throws Exception {
        return new ProcessBuilder(StandIn.WRAPPER.toString(), "--pidfile", pidfile.toString(), "--command-file",
                cmd.toString(), "--pagecache-hook", hook.toString()).redirectErrorStream(true).start();
    }

    @Test
    void secondWrapperIsRefusedWhileTheFirstRunsAndTheLockDiesWithTheProcess() throws Exception {
        Path pidfile = dir.resolve("run/cassandra.pid");
        Path cmd = StandIn.commandFile(dir);
        Path hook = dir.resolve("hook");
        Files.writeString(hook, "#!/bin/sh\necho ran > " + dir.resolve("hook-ran") + "\n");
        hook.toFile().setExecutable(true);
        Process first = wrapper(pidfile, cmd, hook);
        try {
            awaitPidfile(pidfile, first.pid());
            awaitFile(dir.resolve("hook-ran"));
            // The hook runs before the exec, so the wrapper is recognised as Cassandra a moment later.
            assertThat(awaitRunning(pidfile)).map(ProcessHandle::pid).contains(first.pid());

            Process second = wrapper(pidfile, cmd, hook);
            assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
            String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).isEqualTo(1);
            assertThat(out).contains(pidfile.toString()).contains("pid " + first.pid());
            assertThat(first.isAlive()).isTrue();
            assertThat(Files.readString(pidfile).trim()).isEqualTo(Long.toString(first.pid()));

            StandIn.kill9(first.pid());
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Process third = wrapper(pidfile, cmd, dir.resolve("no-such-hook"));
            try {
                awaitPidfile(pidfile, third.pid());
                assertThat(third.isAlive()).isTrue();
            } finally {
                third.destroyForcibly().waitFor();
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
    }

    @Test
    void aMissingCommandFileIsAClearError() throws Exception {
        Process p = wrapper(dir.resolve("cassandra.pid"), dir.resolve("absent.cmdline"), dir.resolve("hook"));
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("absent.cmdline is missing");
    }

    static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(file).exists();
    }

    static java.util.Optional<ProcessHandle> awaitRunning(Path pidfile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        java.util.Optional<ProcessHandle> running = CassandraPidFile.running(pidfile);
        while (running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            running = CassandraPidFile.running(pidfile);
        }
        return running;
    }

    static void awaitPidfile(Path pidfile, long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidfile) && Files.readString(pidfile).trim().equals(Long.toString(pid))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("pidfile " + pidfile + " never named pid " + pid + ": "
                + (Files.exists(pidfile) ? List.of(Files.readString(pidfile)) : "absent"));
    }
}
