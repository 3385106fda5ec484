package io.ringkeeper.lifecycle;

import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.Hook;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a lifecycle hook, retrying on failure with backoff (from a second, doubling up to the heartbeat interval)
 * until the hook's own timeout: a completion lost to a network blip or API throttling would otherwise leave the
 * instance waiting for the cloud's default result, up to an hour later. The SDK's own few retries are not enough
 * for that.
 */
final class HookCompletion {
    private static final Logger log = LoggerFactory.getLogger(HookCompletion.class);

    private HookCompletion() {
    }

    /** @return whether the cloud took the completion (false: gave up at the hook's timeout) */
    static boolean complete(LifecycleHooks hooks, Hook hook, boolean success, LifecycleHooks.Policy policy)
            throws InterruptedException {
        long deadline = System.nanoTime() + policy.hookTimeout().toNanos();
        Duration cap = policy.heartbeatInterval();
        Duration wait = cap.compareTo(Duration.ofSeconds(1)) < 0 ? cap : Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                hooks.complete(hook, success);
                return true;
            } catch (RuntimeException e) {
                if (System.nanoTime() + wait.toNanos() - deadline >= 0) {
                    log.error("gave up completing the {} hook with {} after {} attempts ({}); the hook's timeout ({}) applies"
                            + " its default result", hook.name().toLowerCase(), success ? "CONTINUE" : "ABANDON", attempt,
                            e.getMessage(), policy.hookTimeout());
                    return false;
                }
                log.warn("completing the {} hook failed (attempt {}; retrying in {} ms): {}", hook.name().toLowerCase(),
                        attempt, wait.toMillis(), e.getMessage());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(cap) > 0 ? cap : wait.multipliedBy(2);
            }
        }
    }
}
