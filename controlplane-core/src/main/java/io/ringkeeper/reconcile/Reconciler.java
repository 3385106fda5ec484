package io.ringkeeper.reconcile;

import java.time.Duration;

/**
 * One feature's loop: observe → compare with what is wanted → take at most one idempotent step → record status. The
 * {@link ReconcileRunner} runs every reconciler on the background pool, never two passes of one at once (a pass sees
 * the previous pass's writes: the runner's hand-over is a happens-before edge), so a reconciler needs no lock of its
 * own against itself. A pass that throws is retried with a bounded exponential backoff, and the failure is shown in
 * {@link ReconcileRunner#loops()}; it never spins. Register one with {@code Reconcilers.bind(binder()).addBinding()}.
 */
public interface Reconciler {
    /** For a reconciler that only runs when woken ({@link ReconcileRunner#wake}). */
    Duration UNTIL_WOKEN = Duration.ofDays(1);

    /** A short name for logs and status. */
    String name();

    /**
     * One pass. Must return promptly (seconds): long work belongs in a job.
     *
     * @return when to run again at the latest; a {@link ReconcileRunner#wake wake} runs it sooner
     */
    Duration reconcile() throws Exception;

    /** How long after the daemon's start the first pass runs (off the start path when it is not urgent). */
    default Duration firstPass() {
        return Duration.ZERO;
    }

    /**
     * Whether this is a cluster-wide chore (retention, planning), run only on the daemon that holds the cluster's
     * leader latch ({@link Leadership}); the others skip it until they lead.
     */
    default boolean leaderOnly() {
        return false;
    }
}
