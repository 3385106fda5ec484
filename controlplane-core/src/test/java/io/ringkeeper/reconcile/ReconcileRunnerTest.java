package io.ringkeeper.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringkeeper.daemon.BackgroundPool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcileRunnerTest {
    private final BackgroundPool pool = new BackgroundPool();
    private final List<ReconcileRunner> runners = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        runners.forEach(ReconcileRunner::stop);
        pool.stop();
    }

    private ReconcileRunner start(BooleanSupplier leader, Reconciler... reconcilers) {
        ReconcileRunner runner = new ReconcileRunner(new LinkedHashSet<>(List.of(reconcilers)), pool, leader,
                Clock.systemUTC(), new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)));
        runners.add(runner);
        runner.start();
        return runner;
    }

    /** A reconciler that counts its passes and how many ran at once. */
    static class Counting implements Reconciler {
        final AtomicInteger passes = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile Duration passTakes = Duration.ZERO;
        volatile Duration next = UNTIL_WOKEN;
        volatile RuntimeException failWith;
        final boolean leaderOnly;

        Counting(boolean leaderOnly) {
            this.leaderOnly = leaderOnly;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public boolean leaderOnly() {
            return leaderOnly;
        }

        @Override
        public Duration reconcile() throws Exception {
            mostAtOnce.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(passTakes.toMillis());
                passes.incrementAndGet();
                if (failWith != null) {
                    throw failWith;
                }
                return next;
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void theFirstPassRunsAtStartAndTheNextWhenTheReconcilerAsks() throws Exception {
        Counting r = new Counting(false);
        r.next = Duration.ofMillis(30);
        start(() -> true, r);
        await("three passes, 30 ms apart", () -> r.passes.get() >= 3);
    }

    @Test
    void aWakeRunsAPassAtOnceAndWakesDuringAPassAreNotLostNorOverlap() throws Exception {
        Counting r = new Counting(false);
        ReconcileRunner runner = start(() -> true, r);
        await("the first pass", () -> r.passes.get() == 1);

        r.passTakes = Duration.ofMillis(50);
        runner.wake(r);
        await("the woken pass is under way", () -> r.inside.get() == 1);
        // Many wakes while it runs: exactly one more pass follows, and none runs beside another.
        for (int i = 0; i < 20; i++) {
            runner.wake(r);
        }
        await("the pass owed to the wakes", () -> r.passes.get() == 3);
        Thread.sleep(200);
        assertThat(r.passes.get()).as("twenty wakes during one pass make one pass, not twenty").isEqualTo(3);
        assertThat(r.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void aFailingPassBacksOffSaysWhyAndRecovers() throws Exception {
        Counting r = new Counting(false);
        r.failWith = new IllegalStateException("ZooKeeper is away");
        ReconcileRunner runner = start(() -> true, r);
        await("three failed passes", () -> r.passes.get() >= 3);
        ReconcileRunner.LoopStatus failing = runner.loops().get(0);
        assertThat(failing.failures()).isGreaterThanOrEqualTo(2);
        assertThat(failing.lastError()).isEqualTo("ZooKeeper is away");

        r.failWith = null;
        await("working again", () -> runner.loops().get(0).failures() == 0);
        assertThat(runner.loops().get(0).lastError()).isNull();
        int passes = r.passes.get();
        Thread.sleep(300);
        assertThat(r.passes.get()).as("a recovered reconciler waits until woken, it does not keep retrying").isEqualTo(passes);
    }

    @Test
    void backoffDoublesUpToItsBound() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(List.of(b.after(1), b.after(2), b.after(3), b.after(4), b.after(5), b.after(1000)))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeaderOnlyChoreRunsOnlyWhileThisDaemonLeads() throws Exception {
        AtomicBoolean leading = new AtomicBoolean(false);
        Counting chore = new Counting(true);
        Counting local = new Counting(false);
        ReconcileRunner runner = start(leading::get, chore, local);
        await("the node-local loop ran", () -> local.passes.get() == 1);
        runner.wake(chore);
        Thread.sleep(200);
        assertThat(chore.passes.get()).as("not the leader: the chore is skipped").isZero();

        leading.set(true);
        runner.wake(chore);
        await("the chore runs once this daemon leads", () -> chore.passes.get() == 1);
    }

    @Test
    void stoppingEndsEveryLoop() throws Exception {
        Counting r = new Counting(false);
        r.next = Duration.ofMillis(10);
        ReconcileRunner runner = start(() -> true, r);
        await("running", () -> r.passes.get() >= 2);
        runner.stop();
        Thread.sleep(50);
        int passes = r.passes.get();
        Thread.sleep(200);
        assertThat(r.passes.get()).isEqualTo(passes);
    }

    @Test
    void wakingAnUnknownReconcilerIsABug() {
        ReconcileRunner runner = start(() -> true);
        assertThatThrownBy(() -> runner.wake(new Counting(false))).isInstanceOf(IllegalArgumentException.class);
    }
}
