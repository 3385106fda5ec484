package io.ringkeeper.cassandra;

import io.ringkeeper.jobs.JobContext;

/**
 * What a feature does around Cassandra's start and stop by a lifecycle job (start, stop, restart, leave), without
 * editing them: the page-cache dump before a stop, checks before a rolling restart's start. Register one with
 * {@code Multibinder.newSetBinder(binder(), LifecycleListener.class)}. A listener that throws is logged and recorded
 * as a step of the job; the start or stop goes on (a failed dump must never keep a node from stopping).
 */
public interface LifecycleListener {
    /** A short name, for the job's steps. */
    String name();

    /** Before the process is stopped (after a drain, when there was one). */
    default void beforeStop(JobContext ctx) throws Exception {
    }

    /** Before the process is launched (the files are rendered). */
    default void beforeStart(JobContext ctx) throws Exception {
    }
}
