package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README promises of the build and of bin/local-cluster beyond its happy path (ReadmeCommandsIT runs that). */
class BuildAndScriptsIT {
    private static final Path ROOT = ManagedNode.ROOT;

    @TempDir
    Path dir;

    /** {@code mvn -B install} failed in this module ("the packaging plugin did not assign a file"): it has no artifact. */
    @Test
    void installingTheTestOnlyModuleIsSkippedNotAFailure() throws Exception {
        Process mvn = new ProcessBuilder("mvn", "-B", "-f", ROOT.resolve("e2e/pom.xml").toString(), "install:install")
                .redirectErrorStream(true).redirectOutput(dir.resolve("mvn.log").toFile()).start();
        assertThat(mvn.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(dir.resolve("mvn.log"));
        assertThat(mvn.exitValue()).as(log).isZero();
        assertThat(log).contains("Skipping artifact installation");
    }

    /** A process that dies while the cluster comes up: named with its log, everything else stopped, exit code 1. */
    @Test
    void localClusterFailsNamingTheProcessThatDiedAndItsLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/local-cluster").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
            pb.environment().put("RINGKEEPER_LOCAL_DIR", dir.resolve("cluster").toString());
            pb.environment().put("ZK_PORT", Integer.toString(taken.getLocalPort())); // ZooKeeper cannot bind: it exits
            int[] ports = ManagedNode.freePorts(4);
            pb.environment().put("HTTP_PORT", Integer.toString(ports[0]));
            pb.environment().put("CQL_PORT", Integer.toString(ports[1]));
            pb.environment().put("STORAGE_PORT", Integer.toString(ports[2]));
            pb.environment().put("JMX_PORT_BASE", Integer.toString(ports[3]));
            Process p = pb.start();
            boolean ended = p.waitFor(3, TimeUnit.MINUTES);
            String out = Files.readString(dir.resolve("out.log"));
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as("bin/local-cluster gives up:\n" + out).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(1);
            assertThat(out).contains("local-cluster: ZooKeeper (pid ").contains("during start-up; its log: "
                    + dir.resolve("cluster/zookeeper.log"));
            assertThat(out).contains("stopped: Cassandra nodes, daemons and ZooKeeper");
        }
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
                .map(c -> c.contains(dir.resolve("cluster").toString())).orElse(false)).count())
                .as("nothing of the cluster left running").isZero();
    }
}
