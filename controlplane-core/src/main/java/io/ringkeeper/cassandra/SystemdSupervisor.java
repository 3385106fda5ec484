package io.ringkeeper.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Supervision by systemd: cassandra.service restarts Cassandra itself (Restart=always), and stop is
 * {@code systemctl stop}, which sends SIGTERM and SIGKILL after the unit's TimeoutStopSec. Every systemctl
 * call has a deadline, so a wedged systemd never hangs a daemon thread.
 */
public final class SystemdSupervisor implements Supervisor {
    private final String systemctl;
    private final String unit;
    private final Duration stopTimeout;

    public SystemdSupervisor(String systemctl, String unit, Duration stopTimeout) {
        this.systemctl = systemctl;
        this.unit = unit;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public void start() throws IOException, InterruptedException {
        run(Duration.ofSeconds(60), "start", unit);
    }

    @Override
    public void stop() throws IOException, InterruptedException {
        // systemd itself sends SIGKILL after TimeoutStopSec; give systemctl that long plus a margin.
        run(stopTimeout.plusSeconds(30), "stop", unit);
    }

    @Override
    public Optional<Long> pid() {
        try {
            String out = run(Duration.ofSeconds(10), "show", "--property=MainPID", "--value", unit).trim();
            long pid = Long.parseLong(out);
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
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
