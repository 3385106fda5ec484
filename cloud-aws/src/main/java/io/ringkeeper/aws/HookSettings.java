package io.ringkeeper.aws;

import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.config.InvalidConfigValue;
import java.time.Duration;
import java.util.Locale;

/**
 * Auto Scaling lifecycle hooks, by the names given when they were created on the group(s).
 *
 * @param launchHook        the {@code autoscaling:EC2_INSTANCE_LAUNCHING} hook; empty when the group has none
 * @param terminateHook     the {@code autoscaling:EC2_INSTANCE_TERMINATING} hook; empty when the group has none
 * @param terminateAction   what a terminating node does before it lets go: {@code drain} or {@code decommission}
 * @param heartbeatInterval how often a held hook is heartbeated; keep it well under the hook's heartbeat timeout
 * @param pollInterval      how often instance metadata is asked whether a termination is pending
 * @param timeout           the hooks' heartbeat timeout as set on the group (AWS's default is 1h): completing a hook
 *                          is retried, with backoff, for this long, since after it Auto Scaling moves on anyway
 */
public record HookSettings(String launchHook, String terminateHook, String terminateAction,
                           Duration heartbeatInterval, Duration pollInterval, Duration timeout) {

    public HookSettings {
        launchHook = Endpoints.blankToNull(launchHook);
        terminateHook = Endpoints.blankToNull(terminateHook);
        terminateAction = terminateAction == null ? "drain" : terminateAction.trim().toLowerCase(Locale.ROOT);
        if (!terminateAction.equals("drain") && !terminateAction.equals("decommission")) {
            throw new InvalidConfigValue("hooks.terminate_action", "\"" + terminateAction + "\" is not drain or decommission");
        }
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new InvalidConfigValue("hooks.heartbeat_interval", "must be positive, e.g. 60s");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new InvalidConfigValue("hooks.poll_interval", "must be positive, e.g. 5s");
        }
        // Auto Scaling takes 30 s to 7200 s (2 h) for a hook's heartbeat timeout.
        io.ringkeeper.config.Durations.Range.of("30s", "2h", "1h").check("hooks.timeout", timeout);
    }

    public LifecycleHooks.LeaveAction action() {
        return LifecycleHooks.LeaveAction.valueOf(terminateAction.toUpperCase(Locale.ROOT));
    }
}
