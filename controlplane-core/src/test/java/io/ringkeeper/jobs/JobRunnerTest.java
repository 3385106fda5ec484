package io.ringkeeper.jobs;

import io.ringkeeper.daemon.BackgroundPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    @TempDir
    Path stateDir;

    private JobRunner runner;

    private final BackgroundPool pool = new BackgroundPool();

    @AfterEach
    void stop() throws Exception {
        if (runner != null) {
            runner.stop();
        }
        pool.stop();
    }

    private JobRunner started() throws Exception {
        runner = new JobRunner(new JobStore(stateDir), Clock.systemUTC(), pool);
        runner.start();
        return runner;
    }

    @Test
    void aJobRecordsStepsDetailsAndOutcomeOnDisk() throws Exception {
        JobRunner r = started();
        Job job = r.submit("stop", "g", ctx -> {
            ctx.step("draining");
            ctx.detail("drain", java.util.Map.of("completed", true));
            return "drained; stopped";
        });
        Job done = await(r, job.id());
        assertThat(done.state()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(done.steps()).containsExactly("draining");
        assertThat(done.outcome()).isEqualTo("drained; stopped");

        Job fromDisk = new JobStore(stateDir).get(job.id()).orElseThrow();
        assertThat(fromDisk).isEqualTo(done);
        assertThat(Files.list(stateDir.resolve("jobs")).map(p -> p.getFileName().toString()))
                .containsExactly(job.id() + ".json"); // no temp files left behind
    }

    @Test
    void aFailingJobIsFailedWithItsMessage() throws Exception {
        JobRunner r = started();
        Job job = r.submit("start", "g", ctx -> {
            throw new IllegalStateException("Cassandra was not ready within 10m");
        });
        Job done = await(r, job.id());
        assertThat(done.state()).isEqualTo(Job.State.FAILED);
        assertThat(done.outcome()).isEqualTo("Cassandra was not ready within 10m");
    }

    @Test
    void oneJobPerGroupAtATime() throws Exception {
        JobRunner r = started();
        CountDownLatch release = new CountDownLatch(1);
        Job first = r.submit("stop", "lifecycle", ctx -> {
            release.await();
            return "done";
        });
        assertThatThrownBy(() -> r.submit("start", "lifecycle", ctx -> "x"))
                .isInstanceOf(JobRunner.ConflictException.class)
                .hasMessageContaining(first.id());
        Job other = r.submit("backup", "other-group", ctx -> "ok");
        assertThat(await(r, other.id()).state()).isEqualTo(Job.State.SUCCEEDED);
        release.countDown();
        await(r, first.id());
        Job next = r.submit("start", "lifecycle", ctx -> "ok");
        assertThat(await(r, next.id()).state()).isEqualTo(Job.State.SUCCEEDED);
    }

    @Test
    void jobsLeftRunningByAStoppedDaemonAreMarkedFailedAtTheNextStart() throws Exception {
        JobStore store = new JobStore(stateDir);
        Job stuck = Job.queued("abc-1", "restart", Clock.systemUTC().instant()).running(Clock.systemUTC().instant());
        store.save(stuck);
        started();
        Job after = store.get("abc-1").orElseThrow();
        assertThat(after.state()).isEqualTo(Job.State.FAILED);
        assertThat(after.outcome()).contains("the daemon stopped while this job ran");
        assertThat(store.get("../etc/passwd")).isEmpty();
    }

    /** A store on a disk that fills up: every save after the first {@code okSaves} fails, until {@code full} is cleared. */
    private static final class FillingStore extends JobStore {
        private final java.util.concurrent.atomic.AtomicInteger okSaves;
        volatile boolean full = true;

        FillingStore(Path stateDir, int okSaves) {
            super(stateDir);
            this.okSaves = new java.util.concurrent.atomic.AtomicInteger(okSaves);
        }

        @Override
        public synchronized void save(Job job) throws java.io.IOException {
            if (full && okSaves.getAndDecrement() <= 0) {
                throw new java.io.IOException("No space left on device");
            }
            super.save(job);
        }
    }

    @Test
    void aJobWhoseLastRecordCannotBeSavedStillEndsAndFreesItsGroup() throws Exception {
        FillingStore store = new FillingStore(stateDir, 2); // queued and running are saved, the outcome is not
        runner = new JobRunner(store, Clock.systemUTC(), pool);
        runner.start();
        Job job = runner.submit("stop", "lifecycle", ctx -> "stopped");
        Job done = await(runner, job.id());
        assertThat(done.state()).as("the outcome is known in memory").isEqualTo(Job.State.SUCCEEDED);
        assertThat(done.outcome()).isEqualTo("stopped");

        store.full = false;
        Job next = runner.submit("start", "lifecycle", ctx -> "started");
        assertThat(await(runner, next.id()).state()).as("the group is free again").isEqualTo(Job.State.SUCCEEDED);
    }

    @Test
    void aJobWhoseFirstUpdateCannotBeSavedFailsAndFreesItsGroup() throws Exception {
        FillingStore store = new FillingStore(stateDir, 1); // only the queued record is saved
        runner = new JobRunner(store, Clock.systemUTC(), pool);
        runner.start();
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Job job = runner.submit("stop", "lifecycle", ctx -> {
            ran.set(true);
            return "stopped";
        });
        Job done = await(runner, job.id());
        assertThat(done.state()).isEqualTo(Job.State.FAILED);
        assertThat(done.outcome()).contains("cannot save job").contains("No space left on device");
        assertThat(ran).as("work never starts without a durable RUNNING record").isFalse();

        store.full = false;
        Job next = runner.submit("start", "lifecycle", ctx -> "started");
        assertThat(await(runner, next.id()).state()).isEqualTo(Job.State.SUCCEEDED);
    }

    private static Job await(JobRunner r, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Job j = r.get(id).orElseThrow();
            if (j.finished()) {
                return j;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " did not finish: " + r.get(id) + " in " + Duration.ofSeconds(10));
    }
}
