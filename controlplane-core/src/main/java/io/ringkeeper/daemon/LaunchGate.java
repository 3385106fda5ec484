package io.ringkeeper.daemon;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While the daemon is on its way to launching Cassandra (with ZooKeeper: claiming a slot, picking seeds, rendering),
 * the heavier parts of its own start that Cassandra does not need (the HTTP API's initialisation) wait here, so that
 * on a small machine they do not take CPU from the launch. Opened when Cassandra is launched, and as soon as the way
 * there waits on something else (ZooKeeper, the bootstrap lock, a retry) or ends. A gate is only a matter of order:
 * {@link #awaitOpen} never waits longer than it is told.
 */
public final class LaunchGate {
    private final CountDownLatch open;

    /** @param launchUnderWay whether the daemon starts with a launch to wait for */
    public LaunchGate(boolean launchUnderWay) {
        this.open = new CountDownLatch(launchUnderWay ? 1 : 0);
    }

    public void open() {
        open.countDown();
    }

    /** @return whether the gate opened (false: {@code max} passed first) */
    public boolean awaitOpen(Duration max) throws InterruptedException {
        return open.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }
}
