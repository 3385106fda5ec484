package io.ringkeeper.lifecycle;

import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.Hook;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the scaling group's launch hook while the node joins: heartbeats it so it does not time out during
 * a long bootstrap, completes it CONTINUE only once the node is NORMAL, ABANDON if joining fails. Cloud
 * agnostic: it drives whatever {@link LifecycleHooks} the cloud binds.
 */
public final class LaunchHookRunner {
    private static final Logger log = LoggerFactory.getLogger(LaunchHookRunner.class);

    private final LifecycleHooks hooks;
    private final LifecycleHooks.Policy policy;
    private final Duration heartbeatInterval;
    private final Duration pollInterval;

    public LaunchHookRunner(LifecycleHooks hooks, LifecycleHooks.Policy policy) {
        this.hooks = hooks;
        this.policy = policy;
        this.heartbeatInterval = policy.heartbeatInterval();
        this.pollInterval = policy.pollInterval();
    }

    /** Blocks until the node is NORMAL or FAILED; returns whether it joined. */
    public boolean holdUntilJoined(Supplier<JoinState> join) throws InterruptedException {
        long nextHeartbeat = System.nanoTime() + heartbeatInterval.toNanos();
        while (true) {
            JoinState state = join.get();
            if (state != JoinState.JOINING) {
                boolean joined = state == JoinState.NORMAL;
                HookCompletion.complete(hooks, Hook.LAUNCH, joined, policy);
                return joined;
            }
            if (System.nanoTime() - nextHeartbeat >= 0) {
                try {
                    hooks.heartbeat(Hook.LAUNCH);
                } catch (RuntimeException e) {
                    // A missed heartbeat is not fatal: the hook's timeout is several intervals long.
                    log.warn("launch hook heartbeat failed (will try again): {}", e.getMessage());
                }
                nextHeartbeat = System.nanoTime() + heartbeatInterval.toNanos();
            }
            Thread.sleep(pollInterval.toMillis());
        }
    }
}
