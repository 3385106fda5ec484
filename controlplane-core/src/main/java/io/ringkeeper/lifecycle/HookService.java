package io.ringkeeper.lifecycle;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.LeaveAction;
import io.ringkeeper.cloud.LifecycleHooks.Policy;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.tokens.ControlPlane;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the cloud's lifecycle hooks as its {@link Policy} says. Two threads of its own, both idle most of the
 * time: "ringkeeper-launch-hook" holds the launch hook until the node is NORMAL (heartbeating meanwhile) and then
 * completes it; "ringkeeper-terminate-watch" polls for a pending termination and then runs the leave action —
 * drain and stop, or decommission, stop and give the token slot back — heartbeating the terminate hook meanwhile.
 * The node reports not ready from the moment it starts leaving.
 */
@Singleton
public final class HookService implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final LifecycleHooks hooks;
    private final JoinProgress progress;
    private final CassandraLifecycle lifecycle;
    private final CassandraConfig cassandra;
    private final ControlPlane plane;
    private final NodeIdentity identity;
    private final List<Thread> threads = new ArrayList<>();
    private volatile String leaving;

    @Inject
    HookService(LifecycleHooks hooks, JoinProgress progress, CassandraLifecycle lifecycle, CassandraConfig cassandra,
                ControlPlane plane, NodeIdentity identity) {
        this.hooks = hooks;
        this.progress = progress;
        this.lifecycle = lifecycle;
        this.cassandra = cassandra;
        this.plane = plane;
        this.identity = identity;
    }

    @Override
    public String name() {
        return "lifecycle-hooks";
    }

    @Override
    public synchronized void start() {
        Policy policy = hooks.policy();
        if (policy.holdLaunch()) {
            LaunchHookRunner runner = new LaunchHookRunner(hooks, policy.heartbeatInterval(), policy.pollInterval());
            spawn("ringkeeper-launch-hook", () -> {
                boolean joined = runner.holdUntilJoined(progress);
                log.info("launch hook completed with {}", joined ? "CONTINUE: the node is NORMAL" : "ABANDON: the node did not join");
            });
        }
        if (policy.watchTermination()) {
            TerminateHookRunner runner = new TerminateHookRunner(hooks, policy.heartbeatInterval(), policy.pollInterval());
            spawn("ringkeeper-terminate-watch", () -> {
                boolean left = runner.awaitAndLeave(() -> {
                    leave(policy.leaveAction());
                    return null;
                });
                leaving = left ? "the cloud terminated this instance; the node has left ("
                        + policy.leaveAction().name().toLowerCase() + ")" : "the cloud terminates this instance; leaving failed (see the log)";
            });
        }
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(2000);
        }
        threads.clear();
    }

    @Override
    public Optional<String> notReadyBecause() {
        return Optional.ofNullable(leaving);
    }

    private interface Body {
        void run() throws Exception;
    }

    private void spawn(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // The daemon is stopping: a held hook stays held, and the daemon's next start picks it up again.
            } catch (Exception e) {
                log.error("{} stopped: {}", name, e.toString());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void leave(LeaveAction action) throws Exception {
        leaving = "the cloud terminates this instance; leaving (" + action.name().toLowerCase() + ")";
        if (action == LeaveAction.DRAIN) {
            Job job = runLifecycleJob("stop", cassandra.drainTimeout().plus(cassandra.stopTimeout()).plusMinutes(1));
            log.info("left by drain: {}", job.outcome());
            return;
        }
        Job job = runLifecycleJob("decommission", CassandraLifecycle.DECOMMISSION_BUDGET.plusMinutes(1));
        log.info("left by decommission: {}", job.outcome());
        if (plane.enabled()) {
            // Decommissioned tokens are off the ring: the slot is free for the next new node, not for a replacement.
            Instance self = identity.require();
            plane.registry().release(self.dc(), self.id());
            log.info("gave token slot of {} in {} back", self.id(), self.dc());
        }
    }

    /** Submits a lifecycle job, first waiting out one already running (e.g. a start), and waits for it to succeed. */
    private Job runLifecycleJob(String kind, Duration timeout) throws Exception {
        while (true) {
            Job job;
            try {
                job = lifecycle.submit(kind, null);
            } catch (JobRunner.ConflictException busy) {
                log.info("waiting for lifecycle job {} ({}) before {}", busy.running().id(), busy.running().kind(), kind);
                lifecycle.await(busy.running(), cassandra.readyTimeout().plusMinutes(1));
                continue;
            }
            Job done = lifecycle.await(job, timeout);
            if (done.state() != Job.State.SUCCEEDED) {
                throw new IllegalStateException(kind + " job " + done.id() + " failed: " + done.outcome());
            }
            return done;
        }
    }
}
