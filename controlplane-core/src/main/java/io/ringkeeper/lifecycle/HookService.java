package io.ringkeeper.lifecycle;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.LeaveAction;
import io.ringkeeper.cloud.LifecycleHooks.Policy;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.SlotState;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.zookeeper.ControlPlane;
import io.ringkeeper.tokens.JoinFlow;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the cloud's lifecycle hooks as its {@link Policy} says, and leaving the cluster. Two threads of its own,
 * both idle most of the time: "ringkeeper-launch-hook" holds the launch hook until the node is NORMAL (heartbeating
 * meanwhile) and then completes it; "ringkeeper-terminate-watch" polls for a pending termination and then leaves,
 * heartbeating the terminate hook meanwhile. An operator can ask for the same leave with {@code POST /v1/node/leave}.
 *
 * <p>Leaving is one lifecycle job: drain and stop, or decommission and stop, then the token slot given back when the
 * ring no longer needs it (after a decommission, or when the node never joined). A join still in progress is ended
 * first and a start it asked for cancelled: a node that never joined owns no data, so it only stops. The node reports
 * not ready from the moment it starts leaving.
 */
@Singleton
public final class HookService implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final LifecycleHooks hooks;
    private final JoinProgress progress;
    private final JoinFlow join;
    private final CassandraLifecycle lifecycle;
    private final CassandraConfig cassandra;
    private final ControlPlane plane;
    private final NodeIdentity identity;
    private final BackgroundPool pool;
    private final List<Future<?>> tasks = new ArrayList<>();
    private volatile String leaving;
    private Job leaveJob; // guarded by this

    @Inject
    HookService(LifecycleHooks hooks, JoinProgress progress, JoinFlow join, CassandraLifecycle lifecycle,
                CassandraConfig cassandra, ControlPlane plane, NodeIdentity identity, BackgroundPool pool) {
        this.pool = pool;
        this.hooks = hooks;
        this.progress = progress;
        this.join = join;
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
            LaunchHookRunner runner = new LaunchHookRunner(hooks, policy);
            spawn("ringkeeper-launch-hook", () -> {
                boolean joined = runner.holdUntilJoined(progress);
                log.info("launch hook completed with {}", joined ? "CONTINUE: the node is NORMAL" : "ABANDON: the node did not join");
            });
        }
        if (policy.watchTermination()) {
            TerminateHookRunner runner = new TerminateHookRunner(hooks, policy, pool);
            spawn("ringkeeper-terminate-watch", () -> {
                boolean left = runner.awaitAndLeave(termination -> {
                    Job job = leave(policy.leaveAction(), "the cloud terminates this instance (" + termination.reason() + ")", true);
                    Job done = lifecycle.await(job, CassandraLifecycle.DECOMMISSION_BUDGET.plusMinutes(1));
                    if (done.state() != Job.State.SUCCEEDED) {
                        throw new IllegalStateException(done.kind() + " job " + done.id() + " failed: " + done.outcome());
                    }
                    log.info("left the cluster: {}", done.outcome());
                });
                leaving = left ? "the cloud terminated this instance; the node has left ("
                        + policy.leaveAction().name().toLowerCase() + ")" : "the cloud terminates this instance; leaving failed (see the log)";
            });
        }
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        for (Future<?> t : tasks) {
            t.cancel(true);
        }
        tasks.clear();
    }

    @Override
    public Optional<String> notReadyBecause() {
        return Optional.ofNullable(leaving);
    }

    /**
     * Leaves the cluster now, as described in the class comment; asking again returns the same job.
     *
     * @param waitForOthers wait out a lifecycle job in the way (a stop, a drain) rather than refusing; a start is
     *                      cancelled either way
     * @throws JobRunner.ConflictException when another lifecycle job is in the way and {@code waitForOthers} is false
     */
    public synchronized Job leave(LeaveAction action, String why, boolean waitForOthers)
            throws JobRunner.ConflictException, IOException, InterruptedException {
        if (leaveJob != null) {
            return lifecycle.job(leaveJob.id()).orElse(leaveJob);
        }
        boolean joined = progress.get() == JoinState.NORMAL;
        if (!joined && join.abandon(why)) {
            log.info("the join was still in progress; the node only stops and gives its slot back");
        }
        Optional<Job> cancelled = lifecycle.running().filter(j -> j.kind().equals("start"));
        cancelled.ifPresent(start -> lifecycle.cancel(start, "the node is leaving: " + why));
        boolean decommission = action == LeaveAction.DECOMMISSION && joined;
        leaveJob = lifecycle.submitWhenFree(() -> lifecycle.submitLeave(decommission, ctx -> giveSlotBack(ctx, decommission)),
                busy -> waitForOthers || cancelled.map(c -> c.id().equals(busy.id())).orElse(false),
                cassandra.readyTimeout().plusMinutes(1));
        leaving = why + "; leaving (" + (decommission ? "decommission" : joined ? "drain" : "stop: it never joined") + ")";
        log.info("leaving the cluster: {}", leaving);
        return leaveJob;
    }

    /** After the node stopped: its token slot is free again unless the ring still counts on it (drained, with data). */
    private String giveSlotBack(JobContext ctx, boolean decommissioned) {
        if (!plane.enabled()) {
            return "";
        }
        Instance self = identity.require();
        TokenRegistry registry = plane.registry();
        Optional<SlotEntry> slot = registry.slotOf(self.dc(), self.id());
        if (slot.isEmpty()) {
            return "no token slot to give back";
        }
        if (!decommissioned && slot.get().record().state() == SlotState.NORMAL) {
            return "token slot " + slot.get().slot() + " kept: the node's data stays on the ring until a replacement takes the slot over";
        }
        registry.release(self.dc(), self.id());
        ctx.step("gave token slot " + slot.get().slot() + " of " + self.dc() + " back");
        return "token slot " + slot.get().slot() + " given back";
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Long waits (until joined, until terminated) as tasks on the background pool: no thread of our own. */
    private void spawn(String name, Body body) {
        tasks.add(pool.submit(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // The daemon is stopping: a held hook stays held, and the daemon's next start picks it up again.
            } catch (Exception e) {
                log.error("{} stopped: {}", name, e.toString());
            }
        }));
    }
}
