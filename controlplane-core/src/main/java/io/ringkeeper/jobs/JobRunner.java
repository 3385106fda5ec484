package io.ringkeeper.jobs;

import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on the daemon's {@link BackgroundPool}, apart from the HTTP request pool, so long work never holds a
 * request thread. Jobs of
 * one group (e.g. "cassandra-lifecycle") are mutually exclusive: a second one is refused while the first runs.
 * Every state change is saved before it is visible.
 */
@Singleton
public final class JobRunner implements Service {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /**
     * What kind of job a submission is.
     *
     * @param group       jobs of one group exclude each other (a second one is refused with a conflict)
     * @param cancellable whether {@code DELETE /v1/jobs/{id}} may cancel it: its work stops at the next step when
     *                    interrupted and leaves nothing half-done
     */
    public record Kind(String name, String group, boolean cancellable) {
    }

    /** What a request to cancel a job found. */
    public enum Cancel { CANCELLING, NOT_FOUND, FINISHED, NOT_CANCELLABLE }

    /** The work of a job; it reports progress through the context and throws to fail. */
    @FunctionalInterface
    public interface Work {
        /** @return the outcome, in words */
        String run(JobContext ctx) throws Exception;
    }

    /** Thrown by {@link #submit} when a job of the same group is still running. */
    public static final class ConflictException extends Exception {
        private final Job running;

        public ConflictException(Job running) {
            super("job " + running.id() + " (" + running.kind() + ") is still " + running.state().name().toLowerCase());
            this.running = running;
        }

        public Job running() {
            return running;
        }
    }

    private final JobStore store;
    private final Clock clock;
    private final Map<String, String> runningByGroup = new HashMap<>();
    private final Map<String, Job> live = new HashMap<>();
    /** Finished jobs whose last record could not be written (see {@link #finish}). */
    private final Map<String, Job> unsaved = new HashMap<>();
    /** The thread of each running job, to cancel it; and why a cancelled job was cancelled, for its outcome. */
    private final Map<String, Thread> threads = new HashMap<>();
    private final Map<String, String> cancelled = new HashMap<>();
    private final BackgroundPool pool;
    private final Map<String, ResumableJob> resumable = new HashMap<>();
    /** Completed when the job ends: what waits on a job inside the daemon waits on this, not on a polling loop. */
    private final Map<String, CompletableFuture<Job>> endings = new HashMap<>();
    /** The group of each live job. */
    private final Map<String, String> groupOf = new HashMap<>();
    /** When each job's progress was last written (System.nanoTime). */
    private final Map<String, Long> progressSaved = new HashMap<>();
    /** When each job's checkpoint was last written by {@link JobContext#checkpointSoon} (System.nanoTime). */
    private final Map<String, Long> checkpointSaved = new HashMap<>();
    private boolean stopping;

    public JobRunner(JobStore store, Clock clock, BackgroundPool pool) {
        this(store, clock, pool, Set.of());
    }

    @Inject
    public JobRunner(JobStore store, Clock clock, BackgroundPool pool, Set<ResumableJob> resumable) {
        this.store = store;
        this.clock = clock;
        this.pool = pool;
        resumable.forEach(r -> this.resumable.put(r.kind(), r));
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    @Override
    public synchronized void start() throws IOException {
        int failed = 0;
        for (Job j : store.load()) {
            ResumableJob r = resumable.get(j.kind());
            String group = j.details().getOrDefault("group", j.kind()).toString();
            if (r != null && !runningByGroup.containsKey(group)) {
                log.info("job {} ({}) was running when the daemon stopped; resuming it from its checkpoint", j.id(), j.kind());
                Job resumed = j.step("resumed after the daemon restarted (attempt " + (j.attempts() + 1) + ")");
                store.save(resumed);
                enqueue(resumed, group, r.resume(resumed));
            } else {
                store.save(j.finish(Job.State.FAILED, "the daemon stopped while this job ran; check the node and submit it again",
                        clock.instant()));
                failed++;
            }
        }
        if (failed > 0) {
            log.warn("{} job(s) were still running when the daemon last stopped; marked failed", failed);
        }
        int pruned = store.prune(clock.instant());
        if (pruned > 0) {
            log.info("removed {} finished job record(s) beyond jobs.keep or jobs.max_age", pruned);
        }
    }


    /** Interrupts the running jobs and gives them two seconds to record how they ended. */
    @Override
    public void stop() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (this) {
            stopping = true;
            threads.values().forEach(Thread::interrupt);
            while (!live.isEmpty() && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
    }

    public Job submit(String kind, String group, Work work) throws ConflictException, IOException {
        return submit(new Kind(kind, group, false), work);
    }

    public Job submit(Kind kind, Work work) throws ConflictException, IOException {
        return submit(kind, null, work);
    }

    /**
     * Submits a resumable job with its first checkpoint recorded with it: a daemon stopped before the work begins still
     * resumes it with everything it was asked.
     */
    public synchronized Job submit(Kind kind, Map<String, Object> checkpoint, Work work) throws ConflictException, IOException {
        if (stopping) {
            throw new IOException("the daemon is stopping");
        }
        String other = runningByGroup.get(kind.group());
        if (other != null) {
            throw new ConflictException(live.get(other));
        }
        // The group is recorded so that a resumed job takes its group again.
        Job job = Job.queued(UUID.randomUUID().toString(), kind.name(), clock.instant(), kind.cancellable())
                .detail("group", kind.group());
        if (checkpoint != null) {
            job = job.checkpoint(checkpoint);
        }
        store.save(job);
        enqueue(job, kind.group(), work);
        return job;
    }

    private void enqueue(Job job, String group, Work work) {
        live.put(job.id(), job);
        runningByGroup.put(group, job.id());
        groupOf.put(job.id(), group);
        endings.put(job.id(), new CompletableFuture<>());
        pool.execute(() -> run(job.id(), group, work));
    }

    /**
     * Waits for the job to end, at most {@code timeout}; returns its last record.
     *
     * @throws TimeoutException when it is still going
     */
    public Job await(String id, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<Job> ending;
        synchronized (this) {
            ending = endings.get(id);
        }
        if (ending == null) {
            Job j = get(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
            if (j.finished()) {
                return j;
            }
            throw new IllegalStateException("job " + id + " is not this daemon's to wait for");
        }
        try {
            return ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A request to cancel (DELETE /v1/jobs/{id}): only jobs submitted as cancellable; cooperative (an interrupt). */
    public synchronized Cancel cancelRequested(String id, String why) throws IOException {
        Job j = live.get(id);
        if (j == null) {
            return get(id).isPresent() ? Cancel.FINISHED : Cancel.NOT_FOUND;
        }
        if (!j.cancellable()) {
            return Cancel.NOT_CANCELLABLE;
        }
        cancel(id, why);
        return Cancel.CANCELLING;
    }

    /** Jobs that pass {@code filter}, newest first, a page at a time (see {@link JobStore#page}). */
    public JobStore.Page page(java.util.function.Predicate<Job> filter, int limit, String after) {
        return store.page(filter, limit, after);
    }

    /**
     * Interrupts a job that is queued or running; it ends FAILED with {@code why} as its outcome. For work that has
     * become moot (a start of a node that is leaving). Returns whether the job was still going.
     */
    public synchronized boolean cancel(String id, String why) {
        if (!live.containsKey(id)) {
            return false;
        }
        cancelled.put(id, why);
        Thread t = threads.get(id);
        if (t != null) {
            t.interrupt(); // a job still queued sees the cancellation when it starts
        }
        return true;
    }

    /** The running job of a group, if any. */
    public synchronized Optional<Job> running(String group) {
        String id = runningByGroup.get(group);
        return id == null ? Optional.empty() : Optional.ofNullable(live.get(id));
    }

    /** The latest state of a job: in memory while it runs, else from the store. */
    public Optional<Job> get(String id) throws IOException {
        synchronized (this) {
            Job j = live.get(id);
            if (j == null) {
                j = unsaved.get(id);
            }
            if (j != null) {
                return Optional.of(j);
            }
        }
        return store.get(id);
    }

    private void run(String id, String group, Work work) {
        JobContext ctx = new JobContext(this, id);
        Job.State end = Job.State.FAILED;
        String outcome = "the job ended before it could record its outcome";
        try {
            synchronized (this) {
                if (cancelled.containsKey(id) || stopping) {
                    throw new InterruptedException();
                }
                threads.put(id, Thread.currentThread());
            }
            update(id, j -> j.running(clock.instant()));
            outcome = work.run(ctx);
            end = Job.State.SUCCEEDED;
        } catch (InterruptedException e) {
            outcome = "interrupted: the daemon is stopping";
        } catch (JobContext.Cancelled e) {
            outcome = "cancelled";
        } catch (Exception | Error e) {
            log.warn("job {} failed: {}", id, e.toString(), e);
            outcome = e.getMessage() != null ? e.getMessage() : e.toString();
        } finally {
            synchronized (this) {
                threads.remove(id);
                String why = cancelled.remove(id);
                if (why != null && end != Job.State.SUCCEEDED) {
                    outcome = "cancelled: " + why;
                    end = Job.State.CANCELLED;
                }
            }
            Thread.interrupted(); // a cancellation's interrupt must not leak to the next job of this pool thread
            finish(id, group, end, outcome);
        }
    }

    /**
     * Ends a job whatever happens to its record: the group is free again even when the last save fails (a full disk
     * must not leave the group answering 409 until the daemon restarts). A finish that could not be saved is kept in
     * memory, so {@link #get} still tells the truth; the record on disk then says RUNNING until the next start marks
     * it failed.
     */
    private void finish(String id, String group, Job.State end, String outcome) {
        Job done;
        // One step: whoever sees the job finished may submit the next one of its group at once.
        synchronized (this) {
            done = live.remove(id).finish(end, outcome, clock.instant());
            runningByGroup.remove(group, id);
            groupOf.remove(id);
            progressSaved.remove(id);
            checkpointSaved.remove(id);
            notifyAll(); // stop() waits for the live jobs to end
            CompletableFuture<Job> ending = endings.remove(id);
            if (ending != null) {
                ending.complete(done);
            }
            try {
                store.save(done);
            } catch (IOException | RuntimeException e) {
                unsaved.put(id, done);
                log.error("job {} ({}) {} but its record could not be saved ({}); {}", id, done.kind(),
                        end.name().toLowerCase(), e.toString(), "check free space and permissions of the state directory");
                return;
            }
        }
        log.info("job {} ({}) {}: {}", id, done.kind(), end.name().toLowerCase(), outcome);
        synchronized (this) {
            store.prune(clock.instant());
        }
    }

    /**
     * A progress change: kept in memory at once (what GET answers), written at most once a second per job, so a job
     * that counts every file does not write its record for each.
     */
    synchronized Job progress(String id, java.util.function.UnaryOperator<Job> change) {
        Job next = change.apply(live.get(id));
        long now = System.nanoTime();
        Long last = progressSaved.get(id);
        if (last == null || now - last >= TimeUnit.SECONDS.toNanos(1)) {
            progressSaved.put(id, now);
            return update(id, j -> next);
        }
        store.remember(next);
        live.put(id, next);
        return next;
    }

    synchronized void checkpointSoon(String id, java.util.function.Supplier<Map<String, Object>> where) {
        long now = System.nanoTime();
        Long last = checkpointSaved.get(id);
        if (last == null || now - last >= TimeUnit.SECONDS.toNanos(1)) {
            checkpointSaved.put(id, now);
            Map<String, Object> c = where.get();
            update(id, j -> j.checkpoint(c));
        }
    }

    synchronized Job live(String id) {
        return live.get(id);
    }

    Clock clock() {
        return clock;
    }

    synchronized boolean cancelling(String id) {
        return cancelled.containsKey(id);
    }

    synchronized Job update(String id, java.util.function.UnaryOperator<Job> change) {
        Job next = change.apply(live.get(id));
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save job " + id + " (" + e.getMessage() + "); check free space and"
                    + " permissions of the state directory", e);
        }
        live.put(id, next);
        return next;
    }
}
