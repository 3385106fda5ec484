package io.ringkeeper.daemon;

/**
 * Something the daemon starts and stops: a server, a reconcile loop, a watcher. Constructors do no I/O;
 * all of it happens in {@link #start()}. Services start in the order their modules bind them and stop in
 * the reverse order. Feature modules add theirs with {@code Services.bind(binder()).addBinding()...}.
 */
public interface Service {

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
