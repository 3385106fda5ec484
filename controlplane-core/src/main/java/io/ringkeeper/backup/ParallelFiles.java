package io.ringkeeper.backup;

import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.jobs.JobContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs one transfer per file, {@link #PARALLEL} files at a time, on the shared {@link BackgroundPool} (the job's own
 * thread hands them out and waits). The first failure stops the rest: the shared {@link Transfer} is cancelled, so the
 * files in flight stop at their next chunk, and that failure is what the job reports.
 */
final class ParallelFiles {
    static final int PARALLEL = 4;

    private ParallelFiles() {
    }

    interface Task<T> {
        void run(T item) throws IOException;
    }

    static <T> void run(BackgroundPool pool, List<T> items, Transfer transfer, JobContext ctx, Task<T> task) throws Exception {
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        try {
            for (T item : items) {
                ctx.checkCancelled();
                while (inFlight.size() >= PARALLEL) {
                    inFlight.poll().get();
                }
                inFlight.add(pool.submit(() -> {
                    try {
                        task.run(item);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            while (!inFlight.isEmpty()) {
                inFlight.poll().get();
            }
        } catch (ExecutionException e) {
            transfer.cancel("another file's transfer failed");
            drain(inFlight);
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (InterruptedException | RuntimeException e) {
            transfer.cancel("the job was stopped");
            drain(inFlight);
            throw e;
        }
    }

    private static void drain(Deque<Future<?>> inFlight) {
        for (Future<?> f : inFlight) {
            try {
                f.get();
            } catch (Exception ignored) {
                // the first failure is the one reported
            }
        }
    }
}
