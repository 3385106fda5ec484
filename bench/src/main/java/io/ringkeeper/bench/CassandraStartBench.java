package io.ringkeeper.bench;

import io.ringkeeper.cassandra.CassandraFiles;
import io.ringkeeper.cassandra.CassandraPidFile;
import io.ringkeeper.cassandra.CqlProbe;
import io.ringkeeper.cassandra.JoinedNodeGuard;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.files.FileTrees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Process start to CQL-ready for one Cassandra 5.0.9 node: started by the Ringkeeper daemon, and launched
 * bare with the same yaml and command line. Prints each run, the medians and the ratio (goal ≤ 1.10).
 */
public final class CassandraStartBench {
    private static final Path ROOT = BenchSupport.ROOT;
    private static final Path HOME = BenchSupport.CASSANDRA_HOME;
    private static final Duration LIMIT = Duration.ofMinutes(5);

    /** Test settings skip the gossip settle wait (a node alone); production settings keep Cassandra's defaults. */
    private static boolean fastStart = true;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        fastStart = args.length < 2 || !args[1].equals("production");
        if (!Files.isDirectory(HOME.resolve("lib"))) {
            throw new IllegalStateException(HOME + "/lib is missing; run mvn -B -DskipTests package first");
        }
        Path work = ROOT.resolve("bench/target/cassandra-start");
        List<Long> managed = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean managedFirst = r % 2 == 0;
            for (int i = 0; i < 2; i++) {
                boolean m = (i == 0) == managedFirst;
                Path dir = work.resolve((m ? "managed-" : "bare-") + r);
                long ms = m ? managedRun(dir) : bareRun(dir);
                (m ? managed : bare).add(ms);
                System.out.printf("round %d %-7s %6d ms%n", r + 1, m ? "managed" : "bare", ms);
            }
        }
        long mm = BenchSupport.median(managed);
        long mb = BenchSupport.median(bare);
        System.out.printf("%s: median managed %d ms, median bare %d ms, ratio %.3f (goal <= 1.10), %d rounds, %d cores%n",
                fastStart ? "fast-start flags" : "production start", mm, mb, (double) mm / mb, rounds,
                Runtime.getRuntime().availableProcessors());
    }

    /** Daemon process launched → CQL answers. */
    private static long managedRun(Path dir) throws Exception {
        int port = prepare(dir);
        long t0 = System.nanoTime();
        Process daemon = new ProcessBuilder(ROOT.resolve("bin/ringkeeper").toString(), "daemon", "--config",
                dir.resolve("ringkeeper.yaml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        try {
            return awaitCql(port, t0, daemon);
        } finally {
            daemon.destroyForcibly().waitFor();
            killCassandra(dir);
        }
    }

    /** The same yaml and command line, rendered beforehand (not timed), launched with java directly. */
    private static long bareRun(Path dir) throws Exception {
        int port = prepare(dir);
        LoadedConfig loaded = ConfigLoader.withInstalledProviders().load(dir.resolve("ringkeeper.yaml"));
        CassandraFiles files = new CassandraFiles(loaded.settings().clusterName(), loaded.settings().cassandra(),
                new JoinedNodeGuard(loaded.settings().stateDir(), false),
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize(), false);
        List<String> command = files.render(new Instance("node1", "127.0.0.1", "dc1", "rack1")).command();
        long t0 = System.nanoTime();
        Process cassandra = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cassandra-bare.out").toFile()).start();
        try {
            return awaitCql(port, t0, cassandra);
        } finally {
            cassandra.destroyForcibly().waitFor();
        }
    }

    private static long awaitCql(int port, long t0, Process watched) throws Exception {
        long deadline = t0 + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (CqlProbe.handshake("127.0.0.1", port, Duration.ofSeconds(1)).isEmpty()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            if (!watched.isAlive()) {
                throw new IllegalStateException("process exited before CQL was ready (exit " + watched.exitValue() + ")");
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("CQL not ready within " + LIMIT);
    }

    /** A fresh directory and config with free ports; returns the CQL port. */
    private static int prepare(Path dir) throws IOException {
        FileTrees.delete(dir);
        Files.createDirectories(dir);
        int[] ports = freePorts();
        Files.writeString(dir.resolve("ringkeeper.yaml"), """
                cluster_name: bench
                cloud: local
                state_dir: state
                http: {port: 0}
                local:
                  inventory:
                    - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                cassandra:
                  version: "5.0"
                  home: %s
                  conf_dir: conf
                  data_dirs: [data/data]
                  commitlog_dir: data/commitlog
                  hints_dir: data/hints
                  saved_caches_dir: data/saved_caches
                  log_dir: logs
                  native_port: %d
                  storage_port: %d
                  jmx_port: %d
                  heap: 512M
                  wrapper: %s
                  pidfile: run/cassandra.pid
                  supervisor: process
                  jvm_options: %s
                """.formatted(HOME, ports[0], ports[1], ports[2], ROOT.resolve("systemd/cassandra-wrapper"),
                fastStart ? "[-Dcassandra.skip_wait_for_gossip_to_settle=0, -Dcassandra.ring_delay_ms=1000]" : "[]"));
        return ports[0];
    }

    private static void killCassandra(Path dir) throws Exception {
        Optional<ProcessHandle> c = CassandraPidFile.running(dir.resolve("run/cassandra.pid"));
        if (c.isPresent()) {
            c.get().destroyForcibly();
            c.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket c = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
        }
    }

}
