package io.ringkeeper.bench;

import io.ringkeeper.cassandra.CassandraFiles;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CqlProbe;
import io.ringkeeper.cassandra.JmxCassandraClient;
import io.ringkeeper.cassandra.JoinedNodeGuard;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.tokenprovider.RingLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A 3-node Cassandra 5.0.9 cluster on 127.0.0.1-3, from nothing to "every node serves CQL and sees the other two":
 *
 * <ul>
 *   <li><b>ringkeeper</b>: {@code bin/local-cluster} as the README runs it (an embedded ZooKeeper and three daemons
 *       started at once; each daemon claims a token slot, picks the seeds, renders and launches its Cassandra);</li>
 *   <li><b>by hand</b>: the same three Cassandras configured beforehand (not timed) as an operator would, with
 *       hand-assigned tokens (the registry's for the same slots) and all three as seeds, launched at once.</li>
 * </ul>
 *
 * Both use the same heap, JVM flags (the fast-start ones local-cluster uses), ports and the same readiness probe (a
 * CQL handshake and JMX's live nodes, every 100 ms), so the ratio is what Ringkeeper adds to forming a cluster.
 * Rounds alternate which goes first. Goal: median ringkeeper / median by hand &lt;= 1.10.
 */
public final class ClusterFormationBench {
    private static final Path ROOT = BenchSupport.ROOT;
    private static final Path HOME = BenchSupport.CASSANDRA_HOME;
    private static final Duration LIMIT = Duration.ofMinutes(6);
    private static final int NODES = 3;
    private static final String HEAP = "768M";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (!Files.isDirectory(HOME.resolve("lib"))) {
            throw new IllegalStateException(HOME + "/lib is missing; run mvn -B -DskipTests package first");
        }
        // The launcher builds its class-data sharing archive at the first daemon start of a build: not in a timed run.
        new ProcessBuilder(ROOT.resolve("bin/ringkeeper").toString(), "daemon", "--config", "/nonexistent/ringkeeper.yaml")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Path work = ROOT.resolve("bench/target/cluster-formation");
        List<Long> ringkeeper = new ArrayList<>();
        List<Long> byHand = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean ringkeeperFirst = r % 2 == 0;
            for (int i = 0; i < 2; i++) {
                boolean rk = (i == 0) == ringkeeperFirst;
                Path dir = work.resolve((rk ? "ringkeeper-" : "by-hand-") + r);
                double load = loadAverage();
                requireFreePorts();
                long ms = rk ? ringkeeperRun(dir) : byHandRun(dir);
                (rk ? ringkeeper : byHand).add(ms);
                System.out.printf("round %d %-10s %6d ms (load before %.2f)%n", r + 1, rk ? "ringkeeper" : "by hand", ms, load);
                settle(); // the last run's nodes have just drained and stopped: let the machine calm down
            }
        }
        long mr = BenchSupport.median(ringkeeper);
        long mh = BenchSupport.median(byHand);
        System.out.printf("median ringkeeper %d ms (%s), median by hand %d ms (%s), ratio %.3f (goal <= 1.10), %d rounds,"
                + " %d cores%n", mr, range(ringkeeper), mh, range(byHand), (double) mr / mh, rounds,
                Runtime.getRuntime().availableProcessors());
        List<String> perRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            perRound.add(String.format("%.3f", (double) ringkeeper.get(r) / byHand.get(r)));
        }
        System.out.println("ratio per round: " + String.join(", ", perRound));
    }

    /** bin/local-cluster launched → the cluster is formed. Then Ctrl-C, and wait until it has stopped everything. */
    private static long ringkeeperRun(Path dir) throws Exception {
        FileTrees.delete(dir);
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/local-cluster").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("local-cluster.log").toFile());
        pb.environment().put("RINGKEEPER_LOCAL_DIR", dir.resolve("cluster").toString());
        pb.environment().put("HEAP", HEAP);
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            return awaitFormed(t0, List.of(p), 7199, 100);
        } finally {
            // SIGTERM, which local-cluster traps like Ctrl-C: a SIGINT would be lost when this benchmark was itself
            // started in the background of a script (such processes ignore SIGINT, and so do their children).
            new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            killLeftovers(dir);
        }
    }

    /** The same three nodes configured beforehand (not timed), then launched at once. */
    private static long byHandRun(Path dir) throws Exception {
        FileTrees.delete(dir);
        RingLayout layout = RingLayout.plan("dc1", NODES, List.of("rack1", "rack2", "rack3"), 1);
        String seeds = Stream.iterate(1, n -> n + 1).limit(NODES).map(n -> "127.0.0." + n).collect(Collectors.joining(", "));
        List<List<String>> commands = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            Path node = Files.createDirectories(dir.resolve("node" + n));
            String tokens = layout.tokensOf(n - 1).stream().map(String::valueOf).collect(Collectors.joining(","));
            Files.writeString(node.resolve("ringkeeper.yaml"), """
                    cluster_name: local-demo
                    cloud: local
                    state_dir: state
                    local:
                      instance_id: node%d
                      inventory:
                        - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                        - {id: node2, address: 127.0.0.2, dc: dc1, rack: rack2}
                        - {id: node3, address: 127.0.0.3, dc: dc1, rack: rack3}
                    cassandra:
                      version: "5.0"
                      home: %s
                      conf_dir: conf
                      data_dirs: [data/data]
                      commitlog_dir: data/commitlog
                      hints_dir: data/hints
                      saved_caches_dir: data/saved_caches
                      log_dir: logs
                      native_port: 9042
                      storage_port: 7000
                      jmx_port: %d
                      heap: %s
                      seeds: [%s]
                      num_tokens: 1
                      initial_token: "%s"
                      wrapper: %s
                      pidfile: run/cassandra.pid
                      supervisor: process
                      jvm_options: [-Dcassandra.skip_wait_for_gossip_to_settle=0, -Dcassandra.ring_delay_ms=1000]
                    """.formatted(n, HOME, 7199 + (n - 1) * 100, HEAP, seeds, tokens, ROOT.resolve("systemd/cassandra-wrapper")));
            LoadedConfig loaded = ConfigLoader.withInstalledProviders().load(node.resolve("ringkeeper.yaml"));
            CassandraFiles files = new CassandraFiles(loaded.settings().clusterName(), loaded.settings().cassandra(),
                    new JoinedNodeGuard(loaded.settings().stateDir(), false), memory(), false);
            commands.add(files.render(new Instance("node" + n, "127.0.0." + n, "dc1", "rack" + n, Map.of())).command());
        }
        List<Process> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int n = 1; n <= NODES; n++) {
            Path node = dir.resolve("node" + n);
            Files.createDirectories(node.resolve("logs"));
            nodes.add(new ProcessBuilder(commands.get(n - 1)).directory(node.toFile()).redirectErrorStream(true)
                    .redirectOutput(node.resolve("logs/cassandra.out").toFile()).start());
        }
        try {
            return awaitFormed(t0, nodes, 7199, 100);
        } finally {
            for (Process p : nodes) {
                p.destroy();
            }
            for (Process p : nodes) {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Every node answers CQL and sees all nodes live (JMX); the same probe for both variants, every 100 ms. */
    private static long awaitFormed(long t0, List<Process> watched, int jmxBase, int jmxStep) throws Exception {
        long deadline = t0 + LIMIT.toNanos();
        List<JmxCassandraClient> jmx = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            jmx.add(new JmxCassandraClient("127.0.0.1", jmxBase + (n - 1) * jmxStep, Duration.ofSeconds(2)));
        }
        boolean[] formed = new boolean[NODES];
        try {
            while (System.nanoTime() < deadline) {
                boolean all = true;
                for (int n = 1; n <= NODES; n++) {
                    if (!formed[n - 1]) {
                        formed[n - 1] = nodeFormed("127.0.0." + n, jmx.get(n - 1));
                    }
                    all &= formed[n - 1];
                }
                if (all) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
                for (Process p : watched) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("a process exited before the cluster formed (exit " + p.exitValue() + ")");
                    }
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the cluster did not form within " + LIMIT);
        } finally {
            jmx.forEach(JmxCassandraClient::close);
        }
    }

    private static boolean nodeFormed(String address, JmxCassandraClient jmx) {
        if (CqlProbe.handshake(address, 9042, Duration.ofMillis(500)).isPresent()) {
            return false;
        }
        try {
            CassandraJmx.NodeStatus status = jmx.status();
            return status.liveNodes().size() == NODES && status.unreachableNodes().isEmpty();
        } catch (CassandraJmx.JmxUnavailableException notYet) {
            return false;
        }
    }

    /** Whatever a run left behind under its directory (Cassandra nodes, daemons): a round starts from nothing. */
    private static void killLeftovers(Path dir) throws Exception {
        String marker = dir.toString() + "/";
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(h -> {
            try {
                String cmdline = Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
                return cmdline.contains(marker);
            } catch (IOException gone) {
                return false;
            }
        }).toList();
        left.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : left) {
            h.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** A node still serving from an earlier run would make this one look formed at once: refuse to measure that. */
    private static void requireFreePorts() throws IOException {
        for (int n = 1; n <= NODES; n++) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0." + n, 9042), 200);
                throw new IllegalStateException("127.0.0." + n + ":9042 is already served (a node left from an earlier run?);"
                        + " stop it before benchmarking");
            } catch (java.net.ConnectException free) {
                // nothing there: as it should be
            }
        }
    }

    private static long memory() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /** Waits (up to two minutes) until the one-minute load average is below 1.5. */
    private static void settle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Thread.sleep(10_000);
        while (loadAverage() > 1.5 && System.nanoTime() < deadline) {
            Thread.sleep(5_000);
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String range(List<Long> xs) {
        return xs.stream().min(Long::compare).orElse(0L) + "-" + xs.stream().max(Long::compare).orElse(0L) + " ms";
    }

}
