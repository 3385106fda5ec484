package io.ringkeeper.daemon;

/**
 * A check of the setup that needs nothing but the config and this machine: a directory that is a file, a wrapper
 * that is not there, a token file too short. Every preflight runs before the first service starts, so a setup that
 * cannot work is refused before anything is written anywhere. Feature modules add theirs with
 * {@code Preflights.bind(binder()).addBinding()...}.
 */
public interface Preflight {

    /**
     * Checks; reads only. Throws {@link io.ringkeeper.config.InvalidConfigValue} with the full key path (e.g.
     * {@code cassandra.wrapper}) and the fix; the daemon adds the config file's name and exits with code 2.
     */
    void check();
}
