package io.ringkeeper.jobs;

import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    /** The work of a job; it reports progress through the context and throws to fail. */
    @FunctionalInterface
    public interface Work {
        /** @return the outcome, in words */
        String run(JobContext ctx) throws Exception;
    }

    /** Thrown by {@link #submit} when a job of the same group is still running. */
    public static final class ConflictException extends Exception {
        private final Job running;

        ConflictException(Job running) {
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
    private boolean stopping;

    @Inject
    public JobRunner(JobStore store, Clock clock, BackgroundPool pool) {
        this.store = store;
        this.clock = clock;
        this.pool = pool;
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
        int failed = store.failInterrupted(clock.instant());
        if (failed > 0) {
            log.warn("{} job(s) were still running when the daemon last stopped; marked failed", failed);
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

    public synchronized Job submit(String kind, String group, Work work) throws ConflictException, IOException {
        if (stopping) {
            throw new IOException("the daemon is stopping");
        }
        String other = runningByGroup.get(group);
        if (other != null) {
            throw new ConflictException(live.get(other));
        }
        Job job = Job.queued(UUID.randomUUID().toString(), kind, clock.instant());
        store.save(job);
        live.put(job.id(), job);
        runningByGroup.put(group, job.id());
        pool.execute(() -> run(job.id(), group, work));
        return job;
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

    public JobStore store() {
        return store;
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
        } catch (Exception | Error e) {
            log.warn("job {} failed: {}", id, e.toString(), e);
            outcome = e.getMessage() != null ? e.getMessage() : e.toString();
        } finally {
            synchronized (this) {
                threads.remove(id);
                String why = cancelled.remove(id);
                if (why != null && end != Job.State.SUCCEEDED) {
                    outcome = "cancelled: " + why;
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
            notifyAll(); // stop() waits for the live jobs to end
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
