package io.ringkeeper.daemon;

import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.InvalidConfigValue;
import io.ringkeeper.config.LoadedConfig;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Preflight} first, then starts the services by {@link Service.Phase} (binding order within one)
 * and stops them in reverse. A failed
 * preflight stops the start before any service has run (nothing written anywhere); if a service fails to start, the
 * ones already started are stopped before the failure is passed on, so a failed start leaves nothing running.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final List<Preflight> preflights;
    private final List<Service> services;
    private final Path configFile;
    private final List<Service> started = new ArrayList<>();

    @Inject
    Daemon(Set<Preflight> preflights, Set<Service> services, LoadedConfig config) {
        this.preflights = List.copyOf(preflights);
        // Stable: within a phase, binding order.
        this.services = services.stream().sorted(java.util.Comparator.comparing(Service::phase)).toList();
        this.configFile = config.source();
    }

    public synchronized void start() throws Exception {
        for (Preflight p : preflights) {
            try {
                p.check();
            } catch (InvalidConfigValue e) {
                throw new ConfigException(configFile + ": " + (e.key() == null ? "" : e.key() + ": ") + e.getMessage());
            }
        }
        for (Service s : services) {
            try {
                long t0 = System.nanoTime();
                s.start();
                started.add(s);
                log.debug("service {} started in {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000);
            } catch (Exception | Error e) {
                log.debug("service {} failed to start", s.name(), e);
                stop();
                throw e;
            }
        }
    }

    public synchronized void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Service s = started.get(i);
            try {
                s.stop();
            } catch (Exception e) {
                log.warn("service {} did not stop cleanly: {}", s.name(), e.toString());
            }
        }
        started.clear();
    }

    public List<String> serviceNames() {
        return services.stream().map(Service::name).toList();
    }
}
