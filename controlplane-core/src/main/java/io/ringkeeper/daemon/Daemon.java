package io.ringkeeper.daemon;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services in binding order and stops them in reverse. If one fails to start, the ones already
 * started are stopped before the failure is passed on, so a failed start leaves nothing running.
 */
public final class Daemon {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final List<Service> services;
    private final List<Service> started = new ArrayList<>();

    @Inject
    Daemon(Set<Service> services) {
        this.services = List.copyOf(services);
    }

    public synchronized void start() throws Exception {
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
