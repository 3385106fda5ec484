package io.ringkeeper.backup;

import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.jobs.JobContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one transfer per file, {@link #PARALLEL} files at a time, on the shared {@link BackgroundPool} (the job's own
 * thread hands them out and waits). A file goes as soon as any slot is free, so one large file does not hold back the
 * many small ones behind it. The first failure stops the rest: the shared {@link Transfer} is cancelled, so the files in
 * flight stop at their next chunk, no new file starts, and that failure is what the job reports.
 */
final class ParallelFiles {
    static final int PARALLEL = 4;

    private ParallelFiles() {
    }

    interface Task<T> {
        void run(T item) throws IOException;
    }

    static <T> void run(BackgroundPool pool, List<T> items, Transfer transfer, JobContext ctx, Task<T> task) throws Exception {
        Semaphore slots = new Semaphore(PARALLEL);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Future<?>> started = new ArrayList<>();
        try {
            for (T item : items) {
                ctx.checkCancelled();
                slots.acquire();
                if (firstFailure.get() != null) {
                    slots.release();
                    break;
                }
                started.add(pool.submit(() -> {
                    try {
                        task.run(item);
                    } catch (IOException e) {
                        failed(firstFailure, e, transfer);
                        throw new UncheckedIOException(e);
                    } catch (RuntimeException | Error e) {
                        failed(firstFailure, e, transfer);
                        throw e;
                    } finally {
                        slots.release();
                    }
                }));
            }
            awaitAll(started);
        } catch (InterruptedException | RuntimeException e) {
            transfer.cancel("the job was stopped");
            awaitAll(started);
            throw e;
        }
        Throwable failure = firstFailure.get();
        if (failure instanceof Exception ex) {
            throw ex;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    private static void failed(AtomicReference<Throwable> firstFailure, Throwable e, Transfer transfer) {
        if (firstFailure.compareAndSet(null, e)) {
            transfer.cancel("another file's transfer failed");
        }
    }

    /** Waits for every started transfer; their failures are in {@code firstFailure}. */
    private static void awaitAll(List<Future<?>> started) throws InterruptedException {
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException ignored) {
                // recorded by the task itself: the first one is reported
            }
        }
    }
}
