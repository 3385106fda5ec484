package io.ringkeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The daemon lowers its CPU priority once Cassandra runs, for every thread but the one that launches Cassandra (whose
 * children inherit its priority). Runs in this JVM: its threads end up at nice 10, which only makes this test JVM
 * yield to others.
 */
class BackgroundPriorityTest {
    @Test
    void everyThreadButTheLauncherTakesTheNiceValue() throws Exception {
        CountDownLatch lowered = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicReference<String> launcherTask = new AtomicReference<>();
        Thread launcher = new Thread(() -> {
            try {
                launcherTask.set(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
                lowered.await();
                checked.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "cassandra-spawn");
        launcher.start();
        while (launcherTask.get() == null) {
            Thread.sleep(10);
        }
        int before = nice(launcherTask.get());

        new BackgroundPriority(10, "cassandra-spawn").lower();
        lowered.countDown();

        String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        assertThat(nice(self)).as("this thread").isEqualTo(Math.max(10, before));
        assertThat(nice(launcherTask.get())).as("the launcher keeps its priority").isEqualTo(before);
        checked.countDown();
        launcher.join();
    }

    /** The nice value of one of this process's threads (field 19 of its stat). */
    private static int nice(String task) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task", task, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
