package io.ringkeeper.lifecycle;

import io.ringkeeper.cloud.LifecycleHooks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cloud's lifecycle hooks in one class's tests (no cloud API runs here): a termination the test sets, completions
 * that fail a given number of times first, every call recorded. The AWS implementation is tested against WireMock in
 * cloud-aws.
 */
final class RecordingHooks implements LifecycleHooks {
    static final Duration FAST = Duration.ofMillis(20);

    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger failingCompletes = new AtomicInteger();
    volatile Termination termination;
    private final Policy policy;

    RecordingHooks(Policy policy) {
        this.policy = policy;
    }

    static Policy policy(LeaveAction action, Duration hookTimeout) {
        return new Policy(true, true, action, FAST, FAST, hookTimeout);
    }

    @Override
    public Optional<Termination> pendingTermination() {
        return Optional.ofNullable(termination);
    }

    @Override
    public void heartbeat(Hook hook) {
        calls.add("heartbeat " + hook);
    }

    @Override
    public void complete(Hook hook, boolean success) {
        calls.add("complete " + hook + " " + (success ? "CONTINUE" : "ABANDON"));
        if (failingCompletes.getAndDecrement() > 0) {
            throw new IllegalStateException("Rate exceeded");
        }
    }

    @Override
    public Policy policy() {
        return policy;
    }

    long completions(String what) {
        return calls.stream().filter(c -> c.equals("complete " + what)).count();
    }
}
