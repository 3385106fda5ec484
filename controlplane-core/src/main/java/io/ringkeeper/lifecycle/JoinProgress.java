package io.ringkeeper.lifecycle;

import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.zookeeper.ControlPlane;
import io.ringkeeper.tokens.JoinFlow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far the node has got joining, from whichever flow starts it: the join flow when ZooKeeper hands out the
 * tokens, else the latest start job (the one the daemon submits at boot, or one asked for over HTTP since, as with
 * {@code cassandra.start_on_boot: false}).
 */
@Singleton
final class JoinProgress implements Supplier<JoinState> {
    private static final Logger log = LoggerFactory.getLogger(JoinProgress.class);
    private final ControlPlane plane;
    private final JoinFlow join;
    private final CassandraLifecycle lifecycle;

    @Inject
    JoinProgress(ControlPlane plane, JoinFlow join, CassandraLifecycle lifecycle) {
        this.plane = plane;
        this.join = join;
        this.lifecycle = lifecycle;
    }

    @Override
    public JoinState get() {
        if (plane.enabled()) {
            return join.outcome().map(joined -> joined ? JoinState.NORMAL : JoinState.FAILED).orElse(JoinState.JOINING);
        }
        Optional<Job> start;
        try {
            start = lifecycle.lastStart();
        } catch (IOException e) {
            // Asked again at the next poll; failing here would end the launch hook's thread with the hook held.
            log.warn("could not read the start job's record (will read it again): {}", e.toString());
            return JoinState.JOINING;
        }
        if (start.isEmpty()) {
            return JoinState.JOINING; // not started on boot and not since: nothing joins until someone starts it
        }
        return switch (start.get().state()) {
            case SUCCEEDED -> JoinState.NORMAL;
            case FAILED, CANCELLED -> JoinState.FAILED;
            default -> JoinState.JOINING;
        };
    }
}
