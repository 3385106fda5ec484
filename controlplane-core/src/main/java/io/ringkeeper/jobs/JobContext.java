package io.ringkeeper.jobs;

import java.util.Map;

/**
 * Handed to a running job: records its steps, outcome details and checkpoint (each durably), and its progress (in
 * memory at once, on disk at most once a second).
 */
public final class JobContext {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobContext.class);

    private final JobRunner runner;
    private final String id;
    /** Units (or bytes) done when this attempt started: the rate counts this attempt's work only. */
    private Long baseline;

    JobContext(JobRunner runner, String id) {
        this.runner = runner;
        this.id = id;
    }

    /** Thrown by {@link #checkCancelled} when the job was asked to stop: it ends CANCELLED. */
    public static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    public String jobId() {
        return id;
    }

    /** Records a step; it is logged too, with its time, for reading a long job's course afterwards. */
    public void step(String description) {
        Job j = runner.update(id, job -> job.step(description));
        log.info("job {} ({}): {}", id, j.kind(), description);
    }

    public void detail(String key, Object value) {
        runner.update(id, j -> j.detail(key, value));
    }

    /** Units of work done of a total (e.g. 12 of 40 files), without bytes. */
    public void progress(long done, long total, String unit) {
        record(done, total, unit, null, null);
    }

    /** Units and bytes done of their totals: the rate and ETA are then in bytes. */
    public void progress(long done, long total, String unit, long bytesDone, long bytesTotal) {
        record(done, total, unit, bytesDone, bytesTotal);
    }

    private void record(long done, long total, String unit, Long bytesDone, Long bytesTotal) {
        long moved = bytesDone != null ? bytesDone : done;
        long whole = bytesTotal != null ? bytesTotal : total;
        if (baseline == null) {
            baseline = moved;
        }
        long sinceStart = moved - baseline;
        runner.progress(id, j -> {
            java.time.Instant now = runner.clock().instant();
            double seconds = j.startedAt() == null ? 0 : java.time.Duration.between(j.startedAt(), now).toMillis() / 1000.0;
            Double rate = seconds >= 1 && sinceStart > 0 ? Math.round(sinceStart / seconds * 10) / 10.0 : null;
            java.time.Instant eta = rate == null || whole <= moved ? null : now.plusMillis((long) ((whole - moved) / rate * 1000));
            return j.progress(new Progress(done, total, unit, bytesDone, bytesTotal, rate, eta));
        });
    }

    /**
     * Records where the job is, durably, before the daemon goes on: a resumable job's {@link ResumableJob#resume} gets
     * it back after a restart. Write it after each step that must not be redone.
     */
    public void checkpoint(Map<String, Object> where) {
        runner.update(id, j -> j.checkpoint(where));
    }

    /**
     * Records where the job is at most once a second (each save is an fsync): for work whose steps are many and cheap to
     * redo, e.g. files stored, which a resumed job finds done anyway. {@code where} is asked only when it is saved; the
     * next {@link #checkpoint(Map)} saves whatever it holds.
     */
    public void checkpointSoon(java.util.function.Supplier<Map<String, Object>> where) {
        runner.checkpointSoon(id, where);
    }

    /** The last checkpoint (empty before the first). */
    public Map<String, Object> checkpoint() {
        Map<String, Object> c = runner.live(id).checkpoint();
        return c == null ? Map.of() : c;
    }

    /** Whether {@code DELETE /v1/jobs/{id}} asked this job to stop (for work that polls, such as a transfer). */
    public boolean cancelRequested() {
        return runner.cancelling(id);
    }

    /** For a cancellable job, between steps: throws {@link Cancelled} when {@code DELETE /v1/jobs/{id}} asked it to stop. */
    public void checkCancelled() {
        if (runner.cancelling(id)) {
            throw new Cancelled();
        }
    }
}
