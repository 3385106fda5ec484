package io.ringkeeper.daemon;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's background pool, apart from the HTTP request pool (the design's "two executors"): jobs and every
 * reconcile pass run here, on threads named {@code ringkeeper-background-N}, at most {@value #THREADS} at once; idle
 * threads end after a minute, so a quiet daemon holds none. Delayed work waits on one timer thread
 * ({@code ringkeeper-timer}) that only hands it to the pool, so a slow task never delays another's timing.
 * Features do not make threads of their own.
 */
@Singleton
public final class BackgroundPool implements Service, Executor {
    /** Room for the long waits (the join flow, a Cassandra start job, the lifecycle hooks) beside every reconcile pass. */
    static final int THREADS = 16;
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;

    public BackgroundPool() {
        workers = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "ringkeeper-background-" + WORKERS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ringkeeper-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String name() {
        return "background-pool";
    }

    @Override
    public Phase phase() {
        return Phase.INFRASTRUCTURE;
    }

    @Override
    public void start() {
        // Threads are made on first use.
    }

    /** Runs {@code task} on the pool now. */
    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    /** Runs {@code task} on the pool now; the future can interrupt it. */
    public Future<?> submit(Runnable task) {
        return workers.submit(task);
    }

    /** Runs {@code task} on the pool after {@code delay}; cancelling the future before then drops it. */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(() -> {
            try {
                workers.execute(task);
            } catch (RejectedExecutionException stopping) {
                // the daemon is stopping
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Stops last among the services that use it: what still runs is interrupted and given two seconds. */
    @Override
    public void stop() throws InterruptedException {
        timer.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(2, TimeUnit.SECONDS);
    }
}
