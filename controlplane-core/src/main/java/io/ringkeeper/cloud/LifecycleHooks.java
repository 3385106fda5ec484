package io.ringkeeper.cloud;

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
