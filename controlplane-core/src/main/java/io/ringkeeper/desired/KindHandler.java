package io.ringkeeper.desired;

/**
 * What a kind does on each node: bring the node to the record's spec, one idempotent step per call. The framework
 * ({@link KindReconciler}) calls it when the record changes (within seconds, on every daemon), on a periodic resync,
 * and again soon while it answers {@link Outcome.State#WAITING} or {@link Outcome.State#PROGRESSING}; it publishes the
 * outcome as this node's status. A handler that must survive a crash mid-way records its progress durably (under
 * {@code state_dir}) before and after each step, and is written so that a step done twice does no harm.
 */
public interface KindHandler<T extends Record> {
    DesiredKind<T> kind();

    /**
     * @param spec the record's spec, valid for the kind; null when there is no record (or it was deleted): undo what
     *             earlier records did and go back to the node's own configuration
     * @throws Exception when the step failed: retried with backoff, the message shown in status
     */
    Outcome apply(T spec) throws Exception;

    /**
     * A node's {@link Outcome#detail} as the API shows it: a kind may add facts that depend on when it is read (the age
     * of a backup), which a node does not write so that its entry changes only when its facts do.
     */
    default java.util.Map<String, Object> present(java.util.Map<String, Object> detail, java.time.Instant now) {
        return detail;
    }
}
