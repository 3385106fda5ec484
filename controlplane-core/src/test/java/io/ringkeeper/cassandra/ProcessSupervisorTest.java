package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {
    @TempDir
    Path dir;

    private Path pidfile;
    private final java.util.List<ProcessSupervisor> made = new java.util.ArrayList<>();
    private final io.ringkeeper.daemon.BackgroundPool pool = new io.ringkeeper.daemon.BackgroundPool();

    private ProcessSupervisor supervisor() throws Exception {
        pidfile = dir.resolve("cassandra.pid");
        ProcessSupervisor s = new ProcessSupervisor(StandIn.WRAPPER, pidfile, StandIn.commandFile(dir), dir.resolve("no-hook"),
                dir.resolve("out.log"), Duration.ofMillis(200), Duration.ofSeconds(5), pool);
        made.add(s);
        return s;
    }

    @AfterEach
    void killLeftovers() throws Exception {
        for (ProcessSupervisor s : made) {
            s.stop();
            s.detach();
        }
        Optional<ProcessHandle> left = pidfile == null ? Optional.empty() : CassandraPidFile.running(pidfile);
        left.ifPresent(ProcessHandle::destroyForcibly);
        pool.stop();
    }

    @Test
    void restartsAfterKillMinus9AndStopsForGood() throws Exception {
        ProcessSupervisor s = supervisor();
        s.start();
        long first = awaitPid(s, -1);
        s.start(); // already running: no second process
        assertThat(s.pid()).contains(first);

        StandIn.kill9(first);
        long second = awaitPid(s, first);
        assertThat(second).isNotEqualTo(first);
        assertThat(ProcessHandle.of(first).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(s.restartCount()).isEqualTo(1);

        s.stop();
        assertThat(ProcessHandle.of(second).filter(ProcessHandle::isAlive)).isEmpty();
        Thread.sleep(600); // three restart delays: nothing may come back
        assertThat(s.pid()).isEmpty();
    }

    @Test
    void aNewSupervisorAdoptsTheRunningProcessInsteadOfStartingAnother() throws Exception {
        ProcessSupervisor s1 = supervisor();
        s1.start();
        long pid = awaitPid(s1, -1);
        s1.detach();

        ProcessSupervisor s2 = supervisor();
        s2.start();
        assertThat(s2.pid()).contains(pid);
        StandIn.kill9(pid);
        long next = awaitPid(s2, pid);
        assertThat(next).isNotEqualTo(pid);
        s2.stop();
        assertThat(ProcessHandle.of(next).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void aMissingWrapperIsAConfigErrorNotARestartLoop() throws Exception {
        ProcessSupervisor s = new ProcessSupervisor(dir.resolve("no-such-wrapper"), dir.resolve("c.pid"), StandIn.commandFile(dir),
                dir.resolve("no-hook"), dir.resolve("out.log"), Duration.ofMillis(200), Duration.ofSeconds(5), pool);
        made.add(s);
        org.assertj.core.api.Assertions.assertThatThrownBy(s::start)
                .isInstanceOf(io.ringkeeper.config.ConfigException.class)
                .hasMessageContaining("cassandra.wrapper: " + dir.resolve("no-such-wrapper"));
        assertThat(s.pid()).isEmpty();
    }

    private long awaitPid(ProcessSupervisor s, long notThis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> running = CassandraPidFile.running(pidfile);
            if (running.isPresent() && running.get().pid() != notThis && s.pid().equals(Optional.of(running.get().pid()))) {
                return running.get().pid();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no new stand-in Cassandra in 15 s");
    }
}
