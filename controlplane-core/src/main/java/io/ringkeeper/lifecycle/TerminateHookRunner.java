package io.ringkeeper.lifecycle;

import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.Hook;
import io.ringkeeper.cloud.LifecycleHooks.Termination;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches for the scaling group wanting this instance gone; then runs the leave action (drain or
 * decommission), heartbeating the terminate hook meanwhile, and completes the hook (CONTINUE when the
 * action succeeded, ABANDON otherwise — termination goes on either way, the result is for the record).
 */
public final class TerminateHookRunner {
    private static final Logger log = LoggerFactory.getLogger(TerminateHookRunner.class);

    private final LifecycleHooks hooks;
    private final LifecycleHooks.Policy policy;
    private final Duration heartbeatInterval;
    private final Duration pollInterval;
    private final Executor pool;

    public TerminateHookRunner(LifecycleHooks hooks, LifecycleHooks.Policy policy, Executor pool) {
        this.pool = pool;
        this.hooks = hooks;
        this.policy = policy;
        this.heartbeatInterval = policy.heartbeatInterval();
        this.pollInterval = policy.pollInterval();
    }

    /** What the node does when the cloud takes it away; throws when leaving failed. */
    @FunctionalInterface
    public interface Leave {
        void leave(Termination termination) throws Exception;
    }

    /** Blocks until a termination is pending, then leaves; returns whether the action succeeded. */
    public boolean awaitAndLeave(Leave leaveAction) throws InterruptedException {
        Optional<Termination> pending = Optional.empty();
        while (pending.isEmpty()) {
            try {
                pending = hooks.pendingTermination();
            } catch (RuntimeException e) {
                log.warn("could not ask whether a termination is pending (will ask again): {}", e.getMessage());
            }
            if (pending.isEmpty()) {
                Thread.sleep(pollInterval.toMillis());
            }
        }
        log.info("termination pending: {}; leaving the cluster", pending.get().reason());
        Termination termination = pending.get();
        return leave(() -> {
            leaveAction.leave(termination);
            return null;
        });
    }

    /** Runs the action with heartbeats, then completes the terminate hook. */
    public boolean leave(Callable<Void> leaveAction) throws InterruptedException {
        FutureTask<Void> task = new FutureTask<>(leaveAction);
        pool.execute(task);
        boolean success;
        while (true) {
            try {
                task.get(heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                success = true;
                break;
            } catch (TimeoutException stillRunning) {
                try {
                    hooks.heartbeat(Hook.TERMINATE);
                } catch (RuntimeException e) {
                    log.warn("terminate hook heartbeat failed (will try again): {}", e.getMessage());
                }
            } catch (ExecutionException e) {
                log.error("leaving the cluster failed: {}", e.getCause().toString());
                success = false;
                break;
            }
        }
        HookCompletion.complete(hooks, Hook.TERMINATE, success, policy);
        return success;
    }
}
