package io.ringkeeper.jobs;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on the daemon's background pool (two threads named {@code ringkeeper-background-N}: the design's
 * "background pool", apart from the HTTP request pool, so long work never holds a request thread). Jobs of
 * one group (e.g. "cassandra-lifecycle") are mutually exclusive: a second one is refused while the first runs.
 * Every state change is saved before it is visible.
 */
@Singleton
public final class JobRunner implements Service {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

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
    private ExecutorService pool;

    @Inject
    public JobRunner(JobStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public synchronized void start() throws IOException {
        int failed = store.failInterrupted(clock.instant());
        if (failed > 0) {
            log.warn("{} job(s) were still running when the daemon last stopped; marked failed", failed);
        }
        pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ringkeeper-background-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void stop() throws InterruptedException {
        ExecutorService p;
        synchronized (this) {
            p = pool;
        }
        if (p != null) {
            p.shutdownNow();
            p.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    public synchronized Job submit(String kind, String group, Work work) throws ConflictException, IOException {
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

    /** The latest state of a job: in memory while it runs, else from the store. */
    public Optional<Job> get(String id) throws IOException {
        synchronized (this) {
            Job j = live.get(id);
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
        update(id, j -> j.running(clock.instant()));
        Job.State end;
        String outcome;
        try {
            outcome = work.run(ctx);
            end = Job.State.SUCCEEDED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end = Job.State.FAILED;
            outcome = "interrupted: the daemon is stopping";
        } catch (Exception | Error e) {
            log.warn("job {} failed: {}", id, e.toString(), e);
            end = Job.State.FAILED;
            outcome = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        Job.State finalEnd = end;
        String finalOutcome = outcome;
        Job done;
        // One step: whoever sees the job finished may submit the next one of its group at once.
        synchronized (this) {
            done = update(id, j -> j.finish(finalEnd, finalOutcome, clock.instant()));
            live.remove(id);
            runningByGroup.remove(group, id);
        }
        log.info("job {} ({}) {}: {}", id, done.kind(), finalEnd.name().toLowerCase(), finalOutcome);
    }

    synchronized Job update(String id, java.util.function.UnaryOperator<Job> change) {
        Job next = change.apply(live.get(id));
        try {
            store.save(next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save job " + id, e);
        }
        live.put(id, next);
        return next;
    }
}
