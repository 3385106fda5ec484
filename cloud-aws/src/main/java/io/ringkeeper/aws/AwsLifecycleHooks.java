package io.ringkeeper.aws;

import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.LifecycleHooks;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingException;

/**
 * Auto Scaling lifecycle hooks for this instance. A pending termination is read from instance metadata
 * ({@code autoscaling/target-lifecycle-state} turns {@code Terminated} when the group wants the instance
 * gone), which needs no API call and no SQS/EventBridge plumbing. Heartbeats and completion go to the
 * Auto Scaling API by hook name. A hook that is not configured is a no-op.
 */
@Singleton
public final class AwsLifecycleHooks implements LifecycleHooks {
    private static final Logger log = LoggerFactory.getLogger(AwsLifecycleHooks.class);
    static final String TARGET_STATE = "autoscaling/target-lifecycle-state";

    private final Imds imds;
    private final AwsApis apis;
    private final ImdsIdentity identity;
    private final HookSettings settings;

    @Inject
    AwsLifecycleHooks(Imds imds, AwsApis apis, ImdsIdentity identity, AwsSettings settings) {
        this.imds = imds;
        this.apis = apis;
        this.identity = identity;
        this.settings = settings.hooks();
    }

    @Override
    public Optional<Termination> pendingTermination() {
        return imds.metadata(TARGET_STATE)
                .filter(state -> state.equals("Terminated"))
                .map(state -> new Termination("Auto Scaling set this instance's target lifecycle state to " + state));
    }

    /**
     * The launch hook is held only when the group has one; termination is watched always, because instance metadata
     * says "Terminated" whether or not a terminate hook exists (without one there is just less time to drain).
     */
    @Override
    public Policy policy() {
        return new Policy(settings.launchHook() != null, true, settings.action(), settings.heartbeatInterval(),
                settings.pollInterval(), settings.timeout());
    }

    @Override
    public void heartbeat(Hook hook) {
        hookName(hook).ifPresent(name -> {
            Instance self = identity.self();
            String group = group(self);
            try {
                apis.autoScaling().recordLifecycleActionHeartbeat(b -> b.autoScalingGroupName(group)
                        .lifecycleHookName(name).instanceId(self.id()));
            } catch (SdkException e) {
                throw new CloudException("RecordLifecycleActionHeartbeat for hook " + name + " of group " + group
                        + " failed: " + e.getMessage() + "; check aws.hooks and the IAM policy (docs/aws.md)", e);
            }
        });
    }

    @Override
    public void complete(Hook hook, boolean success) {
        hookName(hook).ifPresent(name -> {
            Instance self = identity.self();
            String group = group(self);
            String result = success ? "CONTINUE" : "ABANDON";
            try {
                apis.autoScaling().completeLifecycleAction(b -> b.autoScalingGroupName(group).lifecycleHookName(name)
                        .instanceId(self.id()).lifecycleActionResult(result));
                log.info("completed lifecycle hook {} of group {} with {}", name, group, result);
            } catch (AutoScalingException e) {
                // After a daemon restart the action may be long finished (or timed out): nothing is held any more.
                if (e.getMessage() != null && e.getMessage().contains("No active Lifecycle Action found")) {
                    log.info("lifecycle hook {} holds nothing for {} any more; nothing to complete", name, self.id());
                    return;
                }
                throw new CloudException("CompleteLifecycleAction " + result + " for hook " + name + " of group "
                        + group + " failed: " + e.getMessage() + "; check aws.hooks and the IAM policy (docs/aws.md)", e);
            } catch (SdkException e) {
                throw new CloudException("CompleteLifecycleAction " + result + " for hook " + name + " of group "
                        + group + " failed: " + e.getMessage(), e);
            }
        });
    }

    private Optional<String> hookName(Hook hook) {
        return Optional.ofNullable(hook == Hook.LAUNCH ? settings.launchHook() : settings.terminateHook());
    }

    private static String group(Instance self) {
        String group = self.attributes().get(ImdsIdentity.AUTO_SCALING_GROUP);
        if (group == null) {
            throw new CloudException("instance " + self.id() + " is in no Auto Scaling group, yet aws.hooks names a hook; "
                    + "remove the hook names or launch the instance from its group");
        }
        return group;
    }
}
