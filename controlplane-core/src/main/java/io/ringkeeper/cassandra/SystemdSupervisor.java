package io.ringkeeper.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Supervision by systemd: cassandra.service restarts Cassandra itself (Restart=always), and stop is
 * {@code systemctl stop}, which sends SIGTERM and SIGKILL after the unit's TimeoutStopSec. Every systemctl
 * call has a deadline, so a wedged systemd never hangs a daemon thread.
 *
 * <p>{@link #pid()} is asked every second (readiness), so it does not fork {@code systemctl} each time: the unit's
 * main pid is remembered while that process lives (a look in /proc), asked again once it is gone, and while the unit
 * has no process at most every {@link #REASK}, or at once after a start or stop through this class.
 */
public final class SystemdSupervisor implements Supervisor {
    static final Duration REASK = Duration.ofSeconds(5);

    private final String systemctl;
    private final String unit;
    private final Duration stopTimeout;
    private final LongSupplier nanoTime;
    // Guarded by this.
    private Long knownPid;
    private long askedAt;
    private boolean asked;

    public SystemdSupervisor(String systemctl, String unit, Duration stopTimeout) {
        this(systemctl, unit, stopTimeout, System::nanoTime);
    }

    SystemdSupervisor(String systemctl, String unit, Duration stopTimeout, LongSupplier nanoTime) {
        this.systemctl = systemctl;
        this.unit = unit;
        this.stopTimeout = stopTimeout;
        this.nanoTime = nanoTime;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        try {
            run(Duration.ofSeconds(60), "start", unit);
        } finally {
            forget();
        }
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        // systemd itself sends SIGKILL after TimeoutStopSec; give systemctl that long plus a margin.
        try {
            run(stopTimeout.plusSeconds(30), "stop", unit);
        } finally {
            forget();
        }
    }

    private synchronized void forget() {
        knownPid = null;
        asked = false;
    }

    @Override
    public synchronized Optional<Long> pid() {
        if (knownPid != null && ProcessHandle.of(knownPid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.of(knownPid);
        }
        long now = nanoTime.getAsLong();
        if (asked && knownPid == null && now - askedAt < REASK.toNanos()) {
            return Optional.empty();
        }
        knownPid = askMainPid();
        askedAt = now;
        asked = true;
        return Optional.ofNullable(knownPid);
    }

    private Long askMainPid() {
        try {
            String out = run(Duration.ofSeconds(10), "show", "--property=MainPID", "--value", unit).trim();
            long pid = Long.parseLong(out);
            return pid > 0 ? pid : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(systemctl);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish within " + timeout.toSeconds() + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out.trim());
        }
        return out;
    }
}
