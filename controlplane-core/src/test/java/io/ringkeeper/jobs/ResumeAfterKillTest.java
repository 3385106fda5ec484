package io.ringkeeper.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resumable job in a daemon process killed with {@code kill -9} mid-way: the restarted daemon goes on from the last
 * checkpoint, redoes at most the one step that was running, and finishes once.
 */
class ResumeAfterKillTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    private Process daemon() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CountingJobDaemon.class.getName(),
                dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile()).start();
    }

    private List<String> executions() throws Exception {
        Path log = dir.resolve("executions.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void killedMidWayItResumesFromItsLastStepAndFinishesOnce() throws Exception {
        Process first = daemon();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (executions().size() < 4) {
            assertThat(first.isAlive()).as("daemon running: " + dir.resolve("daemon.out")).isTrue();
            assertThat(System.nanoTime()).as("four steps done").isLessThan(deadline);
            Thread.sleep(20);
        }
        first.destroyForcibly().waitFor(); // kill -9
        List<String> beforeKill = executions();

        Process second = daemon();
        try {
            Job job = null;
            while (job == null || !job.finished()) {
                assertThat(second.isAlive()).as("restarted daemon running: " + dir.resolve("daemon.out")).isTrue();
                assertThat(System.nanoTime()).as("the job finishes after the restart").isLessThan(deadline + TimeUnit.SECONDS.toNanos(60));
                Thread.sleep(100);
                // A new store each time: it reads the daemon's files afresh.
                job = new JobStore(dir.resolve("daemon/state")).list().stream().filter(j -> j.kind().equals("count")).findFirst().orElse(null);
            }
            assertThat(job.state()).isEqualTo(Job.State.SUCCEEDED);
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(job.progress().done()).isEqualTo(CountingJobDaemon.STEPS);

            List<String> all = executions();
            assertThat(all.stream().filter("finished"::equals).count()).as("finished once").isEqualTo(1);
            List<String> afterRestart = all.subList(beforeKill.size(), all.size());
            int lastBefore = Integer.parseInt(beforeKill.get(beforeKill.size() - 1).substring(5));
            int firstAfter = Integer.parseInt(afterRestart.get(0).substring(5));
            assertThat(firstAfter).as("goes on from the last checkpoint: at most the step in flight is redone")
                    .isBetween(lastBefore, lastBefore + 1);
            List<String> expected = new ArrayList<>();
            for (int i = firstAfter; i < CountingJobDaemon.STEPS; i++) {
                expected.add("step " + i);
            }
            expected.add("finished");
            assertThat(afterRestart).containsExactlyElementsOf(expected);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }
}
