package io.ringkeeper.jobs;

/**
 * A kind of job that goes on after a daemon restart instead of being marked FAILED: its work records where it is with
 * {@link JobContext#checkpoint} (durably, before and after each step), and {@link #resume} continues from there. A step
 * may then run twice (the crash came after the step, before its checkpoint): steps must be idempotent. Register one
 * with {@code Multibinder.newSetBinder(binder(), ResumableJob.class)}.
 */
public interface ResumableJob {
    /** The job's kind, as submitted. */
    String kind();

    /** The work that continues {@code job} from {@code job.checkpoint()} (null when it stopped before the first). */
    JobRunner.Work resume(Job job);
}
