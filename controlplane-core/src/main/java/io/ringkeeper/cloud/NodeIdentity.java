package io.ringkeeper.cloud;

import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's identity, asked of the cloud once when the daemon starts and kept for the life of the
 * process (a VM does not change who it is). Until known, the node is not ready.
 */
@Singleton
public final class NodeIdentity implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);

    private final InstanceIdentity identity;
    private volatile Instance self;

    @Inject
    NodeIdentity(InstanceIdentity identity) {
        this.identity = identity;
    }

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Phase phase() {
        return Phase.INFRASTRUCTURE;
    }

    @Override
    public void start() {
        self = identity.self();
        log.info("this node is instance {} at {} (dc {}, rack {})", self.id(), self.address(), self.dc(), self.rack());
    }

    /** Empty until the daemon has started. */
    public Optional<Instance> current() {
        return Optional.ofNullable(self);
    }

    /** This node, for the services that start after this one (the daemon starts services in order). */
    public Instance require() {
        return current().orElseThrow(NotKnown::new);
    }

    private static final String NOT_KNOWN = "this node's identity is not known yet";

    /** Thrown by {@link #require} before the cloud said who this node is; the API answers 503. */
    public static final class NotKnown extends IllegalStateException {
        NotKnown() {
            super(NOT_KNOWN + " (the cloud has not said who it is); try again shortly");
        }
    }

    @Override
    public Optional<String> notReadyBecause() {
        return self == null ? Optional.of(NOT_KNOWN) : Optional.empty();
    }
}
