package io.ringkeeper.health;

import java.util.Optional;

/**
 * One condition the node must meet before it is ready to serve. Feature modules add theirs with
 * {@code Multibinder.newSetBinder(binder(), ReadinessCheck.class)}. Checks must be cheap: they run on
 * every {@code GET /v1/health/ready}, so they report state that something else keeps up to date.
 */
public interface ReadinessCheck {

    /** A short name, shown in the readiness answer. */
    String name();

    /** Empty when this condition is met; otherwise why not, in words an operator understands. */
    Optional<String> notReadyBecause();
}
