package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every command README.md shows, run exactly as written, from the checkout's root, the way a new user would: the
 * commands are read from the README's {@code sh} blocks, so the README cannot show a command this test does not run.
 * The ones that listen on ports (the fixed 8484, 9042, 7000, ... of the README) run in a network namespace of their
 * own, so they meet no other process on this machine; without the rights to make one, the ports must be free.
 */
class ReadmeCommandsIT {
    private static final Path ROOT = ManagedNode.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The README's test command: it is what runs this test. */
    private static final String THE_TEST_COMMAND = "mvn -B verify";

    private final String namespace = "rk-readme-" + ProcessHandle.current().pid();
    private final List<Process> background = new ArrayList<>();
    private boolean isolated;

    record Command(String text, int block) {
    }

    /** The commands of the README's sh blocks, comments cut, in order, with the block each is in. */
    static List<Command> readmeCommands() throws IOException {
        List<Command> commands = new ArrayList<>();
        Matcher blocks = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        for (int block = 0; blocks.find(); block++) {
            for (String line : blocks.group(1).split("\n")) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    commands.add(new Command(command, block));
                }
            }
        }
        return commands;
    }

    @Test
    void everyCommandTheReadmeShowsWorksAsWritten() throws Exception {
        List<Command> commands = readmeCommands();
        assertThat(commands).extracting(Command::text).contains(THE_TEST_COMMAND, "bin/local-cluster",
                "bin/ringkeeper daemon --config examples/local.yaml");
        isolated = makeNamespace();
        deleteTree(ROOT.resolve("target/local"));
        deleteTree(ROOT.resolve("target/local-cluster"));

        List<Command> ran = new ArrayList<>();
        for (Command c : commands) {
            if (c.text().equals(THE_TEST_COMMAND)) {
                ran.add(c);
            } else if (c.text().equals("mvn -B -DskipTests package")) {
                Result r = run(c.text(), false, Duration.ofMinutes(10));
                assertThat(r.exit()).as(c.text() + ":\n" + r.output()).isZero();
                ran.add(c);
            } else if (c.text().equals("bin/ringkeeper daemon --config examples/local.yaml")) {
                ran.addAll(singleNode(commands, c));
            } else if (c.text().equals("bin/local-cluster")) {
                ran.addAll(cluster(commands));
            }
        }
        assertThat(ran).as("the README shows commands this test does not run; teach ReadmeCommandsIT how to check them")
                .containsExactlyInAnyOrderElementsOf(commands);
    }

    /** The daemon of examples/local.yaml and the commands shown with it (its block). */
    private List<Command> singleNode(List<Command> all, Command daemon) throws Exception {
        List<Command> ran = new ArrayList<>(List.of(daemon));
        Process p = startInBackground(daemon.text(), ROOT.resolve("target/readme-daemon.log"));
        String stopJob = null;
        for (Command c : all) {
            if (c.block() != daemon.block() || c == daemon || c.text().startsWith("mvn ")) {
                continue;
            }
            Result r;
            if (c.text().startsWith("bin/ringkeeper status")) {
                r = until(c.text(), x -> x.exit() == 0, Duration.ofMinutes(4), p);
                assertThat(r.output()).contains("instance  node1 at 127.0.0.1 (dc dc1, rack rack1)").contains("ready     yes");
            } else {
                r = run(c.text(), isolated, Duration.ofMinutes(1));
                assertThat(r.exit()).as(c.text() + ":\n" + r.output()).isZero();
            }
            if (c.text().endsWith("/v1/node")) {
                assertThat(JSON.readTree(r.output()).path("clusterName").asText()).isEqualTo("local-demo");
            } else if (c.text().endsWith("/openapi.json")) {
                assertThat(JSON.readTree(r.output()).path("paths").has("/v1/cassandra/{operation}")).isTrue();
            } else if (c.text().endsWith("/v1/cassandra/stop")) {
                JsonNode job = JSON.readTree(r.output());
                assertThat(job.path("kind").asText()).isEqualTo("stop");
                stopJob = job.path("url").asText();
            } else if (c.text().endsWith("--help")) {
                assertThat(r.output()).contains("daemon").contains("status").contains("ring").contains("zookeeper");
            }
            ran.add(c);
        }
        assertThat(stopJob).as("the README shows how to stop Cassandra").isNotNull();
        String jobUrl = "http://127.0.0.1:8484" + stopJob;
        Result done = until("curl -s " + jobUrl, x -> x.output().contains("\"SUCCEEDED\""), Duration.ofMinutes(3), p);
        assertThat(done.output()).contains("Cassandra stopped");
        p.destroy(); // SIGTERM, as systemd stops it
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the daemon exits 0 on SIGTERM").isZero();
        assertThat(cassandraProcessesUnder(ROOT.resolve("target/local"))).as("Cassandra was stopped by the README's command").isEmpty();
        return ran;
    }

    /** bin/local-cluster until it says the cluster is ready, the commands shown for it, then Ctrl-C. */
    private List<Command> cluster(List<Command> all) throws Exception {
        Path log = ROOT.resolve("target/readme-local-cluster.log");
        Process p = startInBackground("bin/local-cluster", log);
        List<Command> ran = new ArrayList<>(List.of(new Command("bin/local-cluster", blockOf(all, "bin/local-cluster"))));
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (!Files.readString(log).contains("Ctrl-C stops the cluster.")) {
            assertThat(p.isAlive()).as("bin/local-cluster running:\n" + Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("bin/local-cluster ready:\n" + Files.readString(log)).isLessThan(deadline);
            Thread.sleep(500);
        }
        String output = Files.readString(log);
        assertThat(output).contains("every node serves CQL and sees the other 2");
        assertThat(output.lines().filter(l -> l.contains("NORMAL")).count()).as("the ring it prints:\n" + output).isEqualTo(3);
        for (Command c : all) {
            if (!c.text().startsWith("bin/ringkeeper ") || !c.text().contains("--url")) {
                continue;
            }
            Result r = run(c.text(), isolated, Duration.ofMinutes(1));
            assertThat(r.exit()).as(c.text() + ":\n" + r.output()).isZero();
            if (c.text().startsWith("bin/ringkeeper ring")) {
                assertThat(r.output().lines().filter(l -> l.contains("NORMAL")).count()).as(r.output()).isEqualTo(3);
            } else {
                assertThat(r.output()).contains("instance  node2 at 127.0.0.2");
            }
            ran.add(c);
        }
        signal(p, "INT"); // Ctrl-C
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("bin/local-cluster stops on Ctrl-C").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log)).contains("stopped: Cassandra nodes, daemons and ZooKeeper");
        assertThat(cassandraProcessesUnder(ROOT.resolve("target/local-cluster"))).as("no Cassandra left").isEmpty();
        return ran;
    }

    private static int blockOf(List<Command> all, String text) {
        return all.stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow().block();
    }

    // --- running commands as written ---

    record Result(int exit, String output) {
    }

    private List<String> shell(String command, boolean inNamespace) {
        List<String> argv = new ArrayList<>();
        if (inNamespace) {
            argv.addAll(List.of("ip", "netns", "exec", namespace));
        }
        argv.addAll(List.of("bash", "-c", "exec " + command));
        return argv;
    }

    private Result run(String command, boolean inNamespace, Duration timeout) throws Exception {
        Path out = Files.createTempFile("readme", ".out");
        try {
            Process p = new ProcessBuilder(shell(command, inNamespace)).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(out));
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code command} until its result passes, while {@code server} runs. */
    private Result until(String command, Predicate<Result> done, Duration timeout, Process server) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result r = run(command, isolated, Duration.ofMinutes(1));
        while (!done.test(r)) {
            assertThat(server.isAlive()).as("still running while waiting for: " + command).isTrue();
            assertThat(System.nanoTime()).as(command + " within " + timeout + "; last:\n" + r.output()).isLessThan(deadline);
            Thread.sleep(1000);
            r = run(command, isolated, Duration.ofMinutes(1));
        }
        return r;
    }

    private Process startInBackground(String command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(shell(command, isolated)).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        background.add(p);
        return p;
    }

    private boolean makeNamespace() throws Exception {
        Result add = run("ip netns add " + namespace, false, Duration.ofSeconds(30));
        if (add.exit() == 0) {
            Result up = run("ip netns exec " + namespace + " ip link set lo up", false, Duration.ofSeconds(30));
            assertThat(up.exit()).as("loopback up in " + namespace + ": " + up.output()).isZero();
            return true;
        }
        // No rights for a namespace of our own: the README's ports must then be free on this machine.
        for (String address : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
            for (int port : List.of(8484, 9042, 7000, 7199, 7299, 7399, 2181)) {
                try (var probe = new java.net.ServerSocket()) {
                    probe.bind(new java.net.InetSocketAddress(address, port));
                } catch (IOException e) {
                    throw new AssertionError("no network namespace (" + add.output().strip() + ") and " + address + ":" + port
                            + " is in use; run as root, or stop what listens there");
                }
            }
        }
        return false;
    }

    private static void signal(Process p, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
    }

    private static List<ProcessHandle> cassandraProcessesUnder(Path dir) {
        String marker = dir.toUri().toString();
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
                return cmdline.contains("CassandraDaemon") && cmdline.contains(marker);
            } catch (IOException gone) {
                return false;
            }
        }).toList();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : background) {
            if (p.isAlive()) {
                signal(p, "INT");
                if (!p.waitFor(3, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            }
        }
        for (String dir : List.of("target/local", "target/local-cluster")) {
            for (ProcessHandle h : cassandraProcessesUnder(ROOT.resolve(dir))) {
                h.destroyForcibly();
                h.onExit().get(30, TimeUnit.SECONDS);
            }
        }
        // Daemons and ZooKeeper a failed run left behind, by their config under target/.
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().map(c -> c.contains("io.ringkeeper.Main")
                && (c.contains(ROOT.resolve("examples/local.yaml").toString()) || c.contains("examples/local.yaml")
                || c.contains(ROOT.resolve("target/local-cluster").toString()))).orElse(false)).forEach(ProcessHandle::destroyForcibly);
        if (isolated) {
            run("ip netns delete " + namespace, false, Duration.ofSeconds(30));
        }
    }
}
