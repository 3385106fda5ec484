package io.ringkeeper.cassandra;

import java.io.IOException;
import java.util.Optional;

/**
 * Keeps Cassandra running, and stops it when asked. Both implementations run the same wrapper
 * (systemd/cassandra-wrapper), so the pidfile lock that forbids a second Cassandra holds either way.
 */
public interface Supervisor {

    /** {@code systemd} or {@code process}, for logs and the status view. */
    String name();

    /** Starts Cassandra unless it runs already; returns once the process is launched (not once it is ready). */
    void start() throws IOException, InterruptedException;

    /**
     * Stops Cassandra and keeps it stopped: SIGTERM, then SIGKILL once the stop timeout has passed. Returns
     * when the process is gone.
     */
    void stop() throws IOException, InterruptedException;

    /** Cassandra's pid while it runs. */
    Optional<Long> pid();

    /** Stops supervising (the daemon is shutting down): Cassandra itself keeps running. */
    default void detach() {
    }
}
