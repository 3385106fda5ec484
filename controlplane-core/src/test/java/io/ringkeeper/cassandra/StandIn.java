package io.ringkeeper.cassandra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for Cassandra in single-class tests of the wrapper and the process supervisor: a sleep whose
 * command line names Cassandra's main class (that is how a live Cassandra is recognised). The e2e
 * suite runs the same wrapper with real Cassandra.
 */
final class StandIn {
    static final Path WRAPPER = Path.of("..", "systemd", "cassandra-wrapper").toAbsolutePath().normalize();

    private StandIn() {
    }

    static Path commandFile(Path dir) throws IOException {
        Path file = dir.resolve("cassandra.cmdline");
        // exec -a: one process, no children (a child would inherit the pidfile lock), named like Cassandra.
        Files.write(file, List.of("/bin/bash", "-c", "exec -a " + JvmOptions.MAIN_CLASS + " sleep 600"));
        return file;
    }

    static void kill9(long pid) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
    }
}
