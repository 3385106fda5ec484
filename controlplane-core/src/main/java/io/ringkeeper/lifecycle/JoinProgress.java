package io.ringkeeper.lifecycle;

import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.tokens.ControlPlane;
import io.ringkeeper.tokens.JoinFlow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How far the node has got joining, from whichever flow starts it: the join flow when ZooKeeper hands out the
 * tokens, else the start job the daemon submits at boot.
 */
@Singleton
final class JoinProgress implements Supplier<JoinState> {
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
            start = lifecycle.bootStart();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the boot start job", e);
        }
        if (start.isEmpty()) {
            return JoinState.JOINING; // Cassandra is not started on boot: nothing joins until someone starts it
        }
        return switch (start.get().state()) {
            case SUCCEEDED -> JoinState.NORMAL;
            case FAILED -> JoinState.FAILED;
            default -> JoinState.JOINING;
        };
    }
}
