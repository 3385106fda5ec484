package io.ringkeeper.daemon;

/**
 * Something the daemon starts and stops: a server, a reconcile loop, a watcher. Constructors do no I/O;
 * all of it happens in {@link #start()}. Services start by {@link #phase()}, then in the order their modules bind
 * them, and stop in the reverse order. Feature modules add theirs with {@code Services.bind(binder()).addBinding()...}.
 */
public interface Service {

    /**
     * When a service starts, declared rather than implied by where its module is installed: everything of an earlier
     * phase has started before any of a later one does, and stops after it.
     */
    enum Phase {
        /** Binds the API's port, before anything else runs: a port in use stops the start before anything is written. */
        BIND,
        /** What every feature stands on and that writes nothing: the background pool, metrics, the node's identity. */
        INFRASTRUCTURE,
        /**
         * Read-only checks that need what infrastructure found (Cassandra's ports on the node's address, the values a
         * joined node must keep): a failure stops the start before anything is written.
         */
        CHECKS,
        /**
         * Durable state opened, recovered and announced: the ZooKeeper session (or the daemon's own store), job records,
         * the node's registration, the leader latch, the watched desired-state records.
         */
        STATE,
        /** The work: monitors, reconcile loops, the join flow, hooks. They wait for what they need, not for their turn. */
        LOOPS,
        /** The API serves last, so it never answers for a half-started daemon, and stops first. */
        API
    }

    /** Which phase this service starts in. */
    default Phase phase() {
        return Phase.LOOPS;
    }

    /** A short name for logs. */
    String name();

    /**
     * Starts the service. Throw {@link io.ringkeeper.config.ConfigException} for a problem the operator must
     * fix in the config (the daemon exits with code 2); anything else fails start-up with code 1.
     */
    void start() throws Exception;

    /** Stops the service; must return promptly (the daemon's shutdown budget is shared by all services). */
    default void stop() throws Exception {
    }
}
