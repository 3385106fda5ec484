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
        Job stuck = Job.queued("abc-1", "restart", Clock.systemUTC().instant(), false).running(Clock.systemUTC().instant());
        store.save(stuck);
        started();
        Job after = store.get("abc-1").orElseThrow();
        assertThat(after.state()).isEqualTo(Job.State.FAILED);
        assertThat(after.outcome()).contains("the daemon stopped while this job ran");
        assertThat(store.get("../etc/passwd")).isEmpty();
    }

    @Test
    void aResumableJobGoesOnFromItsCheckpointAfterARestartAndOthersFail() throws Exception {
        JobStore store = new JobStore(stateDir);
        java.time.Instant now = Clock.systemUTC().instant();
        store.save(Job.queued("resume-1", "copy", now, true).detail("group", "copies").running(now)
                .checkpoint(java.util.Map.of("next", 3)));
        store.save(Job.queued("fail-1", "restart", now, false).running(now));
        java.util.List<Integer> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        ResumableJob copy = new ResumableJob() {
            @Override
            public String kind() {
                return "copy";
            }

            @Override
            public JobRunner.Work resume(Job job) {
                return ctx -> {
                    int from = ((Number) ctx.checkpoint().getOrDefault("next", 0)).intValue();
                    for (int i = from; i < 5; i++) {
                        ran.add(i);
                        ctx.checkpoint(java.util.Map.of("next", i + 1));
                    }
                    return "copied 5";
                };
            }
        };
        runner = new JobRunner(store, Clock.systemUTC(), pool, java.util.Set.of(copy));
        runner.start();
        Job resumed = runner.await("resume-1", Duration.ofSeconds(10));
        assertThat(resumed.state()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(ran).as("from its checkpoint, each step once").containsExactly(3, 4);
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.steps()).anyMatch(step -> step.startsWith("resumed after the daemon restarted"));
        assertThat(runner.get("fail-1").orElseThrow().state()).isEqualTo(Job.State.FAILED);
        // The resumed job holds its group while it runs, like any job of it.
        assertThat(runner.submit("copy", "copies", ctx -> "ok")).isNotNull();
    }

    @Test
    void aCancellableJobIsCancelledAtItsNextStepAndOthersAreNot() throws Exception {
        JobRunner r = started();
        CountDownLatch inside = new CountDownLatch(1);
        Job job = r.submit(new JobRunner.Kind("backup", "backups", true), ctx -> {
            inside.countDown();
            while (true) {
                ctx.checkCancelled();
                Thread.sleep(10);
            }
        });
        inside.await();
        Job fixed = r.submit("stop", "lifecycle", ctx -> {
            Thread.sleep(200);
            return "stopped";
        });
        assertThat(r.cancelRequested(fixed.id(), "test")).isEqualTo(JobRunner.Cancel.NOT_CANCELLABLE);
        assertThat(r.cancelRequested(job.id(), "test")).isEqualTo(JobRunner.Cancel.CANCELLING);
        Job cancelled = r.await(job.id(), Duration.ofSeconds(10));
        assertThat(cancelled.state()).isEqualTo(Job.State.CANCELLED);
        assertThat(cancelled.outcome()).isEqualTo("cancelled: test");
        assertThat(r.cancelRequested(job.id(), "again")).isEqualTo(JobRunner.Cancel.FINISHED);
        assertThat(r.cancelRequested("no-such-job", "x")).isEqualTo(JobRunner.Cancel.NOT_FOUND);
        assertThat(r.await(fixed.id(), Duration.ofSeconds(10)).state()).isEqualTo(Job.State.SUCCEEDED);
    }

    @Test
    void awaitReturnsWhenTheJobEndsAndTimesOutWhileItRuns() throws Exception {
        JobRunner r = started();
        CountDownLatch release = new CountDownLatch(1);
        Job job = r.submit("start", "g", ctx -> {
            release.await();
            return "done";
        });
        assertThatThrownBy(() -> r.await(job.id(), Duration.ofMillis(100))).isInstanceOf(java.util.concurrent.TimeoutException.class);
        release.countDown();
        assertThat(r.await(job.id(), Duration.ofSeconds(10)).outcome()).isEqualTo("done");
        assertThat(r.await(job.id(), Duration.ofMillis(1)).outcome()).as("a finished job answers at once").isEqualTo("done");
    }

    @Test
    void progressCarriesRateAndEta() throws Exception {
        JobRunner r = started();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job job = r.submit("copy", "g", ctx -> {
            ctx.progress(0, 4, "files", 0, 4000);
            Thread.sleep(1100);
            ctx.progress(1, 4, "files", 1000, 4000);
            reported.countDown();
            release.await();
            return "ok";
        });
        reported.await();
        Progress p = r.get(job.id()).orElseThrow().progress();
        assertThat(p.done()).isEqualTo(1);
        assertThat(p.bytesDone()).isEqualTo(1000);
        assertThat(p.rate()).isBetween(100.0, 1000.0);
        assertThat(p.eta()).isAfter(java.time.Instant.now());
        release.countDown();
        r.await(job.id(), Duration.ofSeconds(10));
    }

    @Test
    void finishedRecordsAreBoundedAndListedAPageAtATime() throws Exception {
        JobStore bounded = new JobStore(stateDir, new JobsConfig(10, Duration.ofDays(1)));
        java.time.Instant t = Clock.systemUTC().instant().minus(Duration.ofHours(1));
        for (int i = 0; i < 30; i++) {
            Job j = Job.queued(String.format("job-%02d", i), i % 2 == 0 ? "stop" : "start", t.plusSeconds(i), false);
            bounded.save(j.running(t).finish(Job.State.SUCCEEDED, "ok", t.plusSeconds(i)));
        }
        Job old = Job.queued("job-old", "stop", t.minus(Duration.ofDays(2)), false);
        bounded.save(old.running(old.submittedAt()).finish(Job.State.FAILED, "x", old.submittedAt()));
        runner = new JobRunner(bounded, Clock.systemUTC(), pool);
        runner.start();
        assertThat(Files.list(stateDir.resolve("jobs")).count()).as("jobs.keep = 10").isEqualTo(10);
        assertThat(bounded.get("job-old")).as("older than jobs.max_age").isEmpty();
        assertThat(bounded.get("job-29")).isPresent();

        JobStore.Page first = runner.page(j -> true, 4, null);
        assertThat(first.jobs()).extracting(Job::id).containsExactly("job-29", "job-28", "job-27", "job-26");
        JobStore.Page second = runner.page(j -> true, 4, first.next());
        assertThat(second.jobs()).extracting(Job::id).containsExactly("job-25", "job-24", "job-23", "job-22");
        JobStore.Page stops = runner.page(j -> j.kind().equals("stop"), 100, null);
        assertThat(stops.jobs()).extracting(Job::id).containsExactly("job-28", "job-26", "job-24", "job-22", "job-20");
        assertThat(stops.next()).isNull();
        assertThatThrownBy(() -> runner.page(j -> true, 4, "job-01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobs.keep");
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
