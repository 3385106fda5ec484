package io.ringkeeper.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon steps back once the Cassandra it manages runs: every one of its threads gets a lower CPU priority (a
 * higher nice value), so that on a busy machine the daemon never takes CPU from the database. Until then its work
 * (claiming a token slot, configuring and launching Cassandra) is what the node waits for, so it runs at the
 * priority it was started with. Linux keeps a nice value per thread and new threads inherit their creator's, so all
 * threads are changed at once; raising one's own nice value needs no privilege. Best effort: a failure is logged.
 */
public final class BackgroundPriority {
    private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);

    private final int nice;
    private final String exceptThread;
    private boolean lowered; // guarded by this

    /**
     * @param nice         the nice value to take (0 leaves the priority alone)
     * @param exceptThread the name (as Linux shows it: 15 characters) of a thread that keeps its priority: the one that
     *                     launches Cassandra, whose children inherit it
     */
    public BackgroundPriority(int nice, String exceptThread) {
        this.nice = nice;
        this.exceptThread = exceptThread;
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException gone) {
            return "";
        }
    }

    /** Lowers the daemon's priority, once. */
    public synchronized void lower() {
        if (lowered || nice <= 0) {
            return;
        }
        lowered = true;
        List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(nice), "-p"));
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.filter(t -> !threadName(t).equals(exceptThread)).map(t -> t.getFileName().toString()).forEach(command::add);
        } catch (IOException e) {
            log.debug("no /proc/self/task ({}): the daemon's priority stays", e.toString());
            return;
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                log.info("Cassandra runs: the daemon now runs at nice {} so that it never competes with it for CPU", nice);
            } else {
                log.warn("renice to {} failed (exit {}); the daemon keeps its priority", nice, p.isAlive() ? "timeout" : p.exitValue());
            }
        } catch (IOException e) {
            log.warn("cannot run renice ({}); the daemon keeps its priority", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
