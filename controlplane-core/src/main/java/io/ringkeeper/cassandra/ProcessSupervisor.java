package io.ringkeeper.cassandra;

import io.ringkeeper.config.ConfigException;
import io.ringkeeper.daemon.BackgroundPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervision without systemd (tests, the local main command): runs the same wrapper as cassandra.service
 * does, in its own session (so a Ctrl-C in the daemon's terminal does not reach Cassandra), and restarts it
 * after an unexpected exit with the unit's policy (Restart=always, RestartSec = {@code restart_delay}, no
 * start limit). A Cassandra already running under the pidfile is adopted, not started twice, so restarting
 * the daemon leaves Cassandra alone.
 */
public final class ProcessSupervisor implements Supervisor {
    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final List<String> wrapperCommand;
    private final Path wrapper;
    private final Path pidfile;
    private final Path outputFile;
    private final Duration restartDelay;
    private final Duration stopTimeout;
    /** The daemon's background pool: a restart waits its delay there (one pending at a time; start() is synchronized). */
    private final BackgroundPool pool;
    /**
     * One thread, {@link #SPAWN_THREAD}, that only forks (it takes no lock): a child inherits the CPU priority of the
     * thread that forks it, and the daemon lowers its own once Cassandra runs ({@code BackgroundPriority}) but not
     * this thread's, so a Cassandra launched or restarted later still runs at the priority the daemon started with.
     */
    private final java.util.concurrent.ThreadPoolExecutor spawner = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
            TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, SPAWN_THREAD);
                t.setDaemon(true);
                return t;
            });
    /** The name of the thread that launches Cassandra (Linux shows 15 characters of a thread's name). */
    public static final String SPAWN_THREAD = "cassandra-spawn";

    private boolean wanted;
    private ProcessHandle current;
    /** The wrapper process when this supervisor started it (an adopted Cassandra has none): gives the exit code. */
    private Process child;
    private ScheduledFuture<?> pendingRestart;
    private int restartCount;

    public ProcessSupervisor(Path wrapper, Path pidfile, Path commandFile, Path pagecacheHook, Path outputFile,
                             Duration restartDelay, Duration stopTimeout, BackgroundPool pool) {
        this.pool = pool;
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // setsid execs in place (the child is not a group leader), so the pid stays the wrapper's, then Cassandra's.
            cmd.add("/usr/bin/setsid");
        }
        cmd.addAll(List.of(wrapper.toString(), "--pidfile", pidfile.toString(), "--command-file", commandFile.toString(),
                "--pagecache-hook", pagecacheHook.toString()));
        this.wrapperCommand = List.copyOf(cmd);
        this.wrapper = wrapper;
        this.pidfile = pidfile;
        this.outputFile = outputFile;
        this.restartDelay = restartDelay;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public synchronized void start() throws IOException {
        spawner.prestartCoreThread(); // made now, before the daemon lowers its priority (even when Cassandra is adopted)
        wanted = true;
        cancelPendingRestart();
        if (current != null && current.isAlive()) {
            return;
        }
        Optional<ProcessHandle> running = CassandraPidFile.running(pidfile);
        if (running.isPresent()) {
            log.info("Cassandra is already running (pid {}, {}); supervising it", running.get().pid(), pidfile);
            watch(running.get());
            return;
        }
        if (!Files.isExecutable(wrapper)) {
            throw new ConfigException("cassandra.wrapper: " + wrapper + " does not exist or is not executable; install the "
                    + "ringkeeper package, or point it at systemd/cassandra-wrapper of a source checkout");
        }
        Files.createDirectories(outputFile.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(wrapperCommand)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = spawn(pb);
        log.info("started Cassandra through {} (pid {}; output in {})", String.join(" ", wrapperCommand), p.pid(), outputFile);
        watch(p.toHandle());
        child = p;
    }

    /** Forks on the spawn thread (see {@link #spawner}). */
    private Process spawn(ProcessBuilder pb) throws IOException {
        try {
            return spawner.submit(pb::start).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("launching Cassandra failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while launching Cassandra", e);
        }
    }

    private void watch(ProcessHandle handle) {
        current = handle;
        child = null;
        handle.onExit().thenRun(() -> exited(handle));
    }

    private synchronized void exited(ProcessHandle handle) {
        if (handle != current || !wanted) {
            return;
        }
        restartCount++;
        String exit = child != null && child.pid() == handle.pid() && !child.isAlive() ? "with exit code " + child.exitValue() : "";
        log.warn("Cassandra (pid {}) exited unexpectedly {}; restarting it in {} ms (restart #{}; its output is in {})",
                handle.pid(), exit, restartDelay.toMillis(), restartCount, outputFile);
        scheduleRestart();
    }

    private synchronized void scheduleRestart() {
        pendingRestart = pool.schedule(() -> {
            try {
                start();
            } catch (IOException | RuntimeException e) {
                log.error("restarting Cassandra failed: {}; trying again in {} ms", e.toString(), restartDelay.toMillis());
                synchronized (this) {
                    if (wanted) {
                        scheduleRestart();
                    }
                }
            }
        }, restartDelay);
    }

    @Override
    public void stop() throws InterruptedException {
        ProcessHandle h;
        synchronized (this) {
            wanted = false;
            cancelPendingRestart();
            h = current != null ? current : CassandraPidFile.running(pidfile).orElse(null);
        }
        if (h == null || !h.isAlive()) {
            return;
        }
        log.info("stopping Cassandra (pid {}): SIGTERM, SIGKILL after {} ms", h.pid(), stopTimeout.toMillis());
        h.destroy();
        if (!awaitExit(h, stopTimeout)) {
            log.warn("Cassandra (pid {}) did not stop within {} ms; sending SIGKILL", h.pid(), stopTimeout.toMillis());
            h.destroyForcibly();
            awaitExit(h, Duration.ofSeconds(30));
        }
    }

    private static boolean awaitExit(ProcessHandle h, Duration timeout) throws InterruptedException {
        try {
            h.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        }
    }

    @Override
    public synchronized Optional<Long> pid() {
        if (current != null && current.isAlive()) {
            return Optional.of(current.pid());
        }
        return CassandraPidFile.running(pidfile).map(ProcessHandle::pid);
    }

    public synchronized int restartCount() {
        return restartCount;
    }

    @Override
    public synchronized void detach() {
        wanted = false;
        cancelPendingRestart();
        spawner.shutdownNow();
        if (current != null && current.isAlive()) {
            log.info("the daemon stops; Cassandra keeps running (pid {}); a restarted daemon supervises it again", current.pid());
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }
}
