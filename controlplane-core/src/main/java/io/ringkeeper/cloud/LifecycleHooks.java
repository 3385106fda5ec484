package io.ringkeeper.cloud;

import java.time.Duration;
import java.util.Optional;

/**
 * A scaling group's lifecycle hooks: the launch hook holds a new instance in service-pending until the node
 * has joined; the terminate hook holds a leaving instance until it has drained or decommissioned.
 * Clouds without hooks use {@link #NONE}.
 */
public interface LifecycleHooks {

    /** Whether a terminate hook holds this instance now (the cloud wants it gone). Polled. */
    Optional<Termination> pendingTermination();

    /** Keeps a launch or terminate hook from timing out while long work (bootstrap, drain) goes on. */
    void heartbeat(Hook hook);

    /** Lets the cloud go on: CONTINUE when {@code success}, ABANDON otherwise. */
    void complete(Hook hook, boolean success);

    enum Hook { LAUNCH, TERMINATE }

    /** What a node the cloud takes away does before it lets go. */
    enum LeaveAction {
        /** Drain and stop: the data stays on the ring's books, and a replacement takes the slot over. */
        DRAIN,
        /** Stream the data to the others and leave the ring; the token slot is given back. */
        DECOMMISSION
    }

    /** How the daemon drives these hooks (see io.ringkeeper.lifecycle). The default drives nothing. */
    default Policy policy() {
        return Policy.NONE;
    }

    /**
     * @param holdLaunch        hold the launch hook until the node has joined (the group has one)
     * @param watchTermination  poll {@link #pendingTermination()} and leave when the cloud wants the instance gone
     * @param leaveAction       what leaving means
     * @param heartbeatInterval how often a held hook is heartbeated
     * @param pollInterval      how often join progress and pending termination are looked at
     * @param hookTimeout       the hook's own timeout: completing it is retried, with backoff, for this long (after it
     *                          the cloud applies the hook's default result anyway)
     */
    record Policy(boolean holdLaunch, boolean watchTermination, LeaveAction leaveAction, Duration heartbeatInterval,
                  Duration pollInterval, Duration hookTimeout) {
        public static final Policy NONE = new Policy(false, false, LeaveAction.DRAIN, Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofHours(1));
    }

    /** @param reason what the cloud said, for logs and status */
    record Termination(String reason) {
    }

    /** For clouds (and the local cloud) that have no lifecycle hooks: nothing is ever pending, nothing to complete. */
    LifecycleHooks NONE = new LifecycleHooks() {
        @Override
        public Optional<Termination> pendingTermination() {
            return Optional.empty();
        }

        @Override
        public void heartbeat(Hook hook) {
        }

        @Override
        public void complete(Hook hook, boolean success) {
        }
    };
}
