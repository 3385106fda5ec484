package io.ringkeeper.health;

import java.util.Optional;

/**
 * One condition the node must meet before it is ready to serve. Ready means "this Cassandra node serves": a
 * problem that does not stop that (a lost control plane) is a {@link #warning()}, not a failed check. Feature modules add theirs with
 * {@code Multibinder.newSetBinder(binder(), ReadinessCheck.class)}. Checks must be cheap: they run on
 * every {@code GET /v1/health/ready}, so they report state that something else keeps up to date.
 */
public interface ReadinessCheck {

    /** A short name, shown in the readiness answer. */
    String name();

    /** Empty when this condition is met; otherwise why not, in words an operator understands. */
    Optional<String> notReadyBecause();

    /**
     * Something an operator should know that does not stop the node from serving (e.g. the cluster control plane is
     * unreachable while Cassandra serves on): shown with the readiness answer, never failing it.
     */
    default Optional<String> warning() {
        return Optional.empty();
    }
}
