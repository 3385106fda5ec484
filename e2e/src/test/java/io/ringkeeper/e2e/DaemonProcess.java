package io.ringkeeper.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.testing.InProcessDaemon;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon, started through {@code bin/ringkeeper} as its own JVM process, its output captured to
 * a file. The daemon writes its URL to {@code <state_dir>/daemon.json} once it listens; that is how tests
 * find it when it picked a free port.
 */
final class DaemonProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final Path stateDir;

    private DaemonProcess(Process process, Path log, Path stateDir) {
        this.process = process;
        this.log = log;
        this.stateDir = stateDir;
    }

    static Path root() {
        return Path.of(System.getProperty("ringkeeper.root", "..")).toAbsolutePath().normalize();
    }

    static Path launcher() {
        return root().resolve("bin/ringkeeper");
    }

    /**
     * Writes a local-cloud config for one node into {@code dir} (free port, state and Cassandra's files under
     * dir, Cassandra not started: these tests are about the daemon itself).
     */
    static Path writeConfig(Path dir, String extra) throws IOException {
        Path config = dir.resolve("ringkeeper.yaml");
        Files.writeString(config, """
                cluster_name: e2e
                state_dir: state
                http:
                  port: 0
                local:
                  inventory:
                    - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                """ + InProcessDaemon.notStartingCassandra(dir) + extra);
        return config;
    }

    static DaemonProcess start(Path dir, Path config) throws IOException {
        Path log = dir.resolve("daemon.log");
        Process p = new ProcessBuilder(launcher().toString(), "daemon", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new DaemonProcess(p, log, dir.resolve("state"));
    }

    /** Waits until the daemon has written its endpoint file (it listens from then on). */
    URI awaitEndpoint(Duration timeout) throws Exception {
        Path file = stateDir.resolve("daemon.json");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited with " + process.exitValue() + ":\n" + output());
            }
            if (Files.isRegularFile(file)) {
                JsonNode endpoint = JSON.readTree(file.toFile());
                if (endpoint.path("pid").asLong() == process.pid()) {
                    return URI.create(endpoint.path("url").asText());
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("daemon did not listen within " + timeout + ":\n" + output());
    }

    Process process() {
        return process;
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Sends SIGTERM and waits for the exit code; -1 if it did not exit within {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        // ProcessBuilder started the launcher, which exec'd java: the pid is the JVM's own.
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs the CLI to completion and returns its exit code, stdout and stderr. */
    static Result run(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ringkeeper-out", ".txt");
        Path err = Files.createTempFile("ringkeeper-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ringkeeper " + String.join(" ", args) + " did not finish within " + timeout);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
