package io.ringkeeper.reconcile;

import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Reconciler} on the {@link BackgroundPool}: each on its own schedule, one pass of a reconciler at
 * a time, woken early by {@link #wake}, backed off when it fails, leader-only ones only on the {@link Leadership}
 * holder. Features own no threads.
 *
 * <p>Concurrency: each loop's state is guarded by the loop itself; a pass runs outside that lock, on a pool thread.
 * A wake during a pass is remembered and runs the next pass as soon as this one ends, so no change is missed and no
 * two passes overlap.
 */
@Singleton
public final class ReconcileRunner implements Service {
    private static final Logger log = LoggerFactory.getLogger(ReconcileRunner.class);

    /** A leader-only reconciler on a daemon that does not lead looks again this often. */
    static final Duration FOLLOWER_RECHECK = Duration.ofSeconds(5);

    /** What one loop last did, for status pages. */
    public record LoopStatus(String name, boolean leaderOnly, Instant lastPassAt, Instant nextPassAt, int failures,
                             String lastError) {
    }

    private final Map<Reconciler, Loop> loops = new java.util.LinkedHashMap<>();
    private final BackgroundPool pool;
    private final BooleanSupplier leader;
    private final Clock clock;
    private final Backoff backoff;
    private volatile boolean running;

    @Inject
    ReconcileRunner(Set<Reconciler> reconcilers, BackgroundPool pool, Leadership leadership, Clock clock) {
        this(reconcilers, pool, leadership::isLeader, clock, Backoff.DEFAULT);
    }

    ReconcileRunner(Set<Reconciler> reconcilers, BackgroundPool pool, BooleanSupplier leader, Clock clock, Backoff backoff) {
        this.pool = pool;
        this.leader = leader;
        this.clock = clock;
        this.backoff = backoff;
        for (Reconciler r : reconcilers) {
            loops.put(r, new Loop(r));
        }
    }

    @Override
    public String name() {
        return "reconcile-runner";
    }

    @Override
    public void start() {
        running = true;
        for (Loop loop : loops.values()) {
            loop.schedule(loop.reconciler.firstPass());
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Loop loop : loops.values()) {
            loop.cancel();
        }
    }

    /** Runs {@code reconciler}'s next pass now (or right after the one under way). Safe from any thread. */
    public void wake(Reconciler reconciler) {
        Loop loop = loops.get(reconciler);
        if (loop == null) {
            throw new IllegalArgumentException(reconciler.name() + " is not registered with the reconcile runner");
        }
        loop.wake();
    }

    /** Wakes the reconciler of that {@link Reconciler#name() name}, if there is one; returns whether there was. */
    public boolean wake(String name) {
        for (Map.Entry<Reconciler, Loop> e : loops.entrySet()) {
            if (e.getKey().name().equals(name)) {
                e.getValue().wake();
                return true;
            }
        }
        return false;
    }

    public List<LoopStatus> loops() {
        List<LoopStatus> out = new ArrayList<>();
        for (Loop loop : loops.values()) {
            out.add(loop.status());
        }
        out.sort(java.util.Comparator.comparing(LoopStatus::name));
        return out;
    }

    private final class Loop {
        final Reconciler reconciler;
        private ScheduledFuture<?> next;
        private Instant nextAt;
        private boolean passing;
        private boolean woken;
        private int failures;
        private String lastError;
        private Instant lastPassAt;

        Loop(Reconciler reconciler) {
            this.reconciler = reconciler;
        }

        synchronized void schedule(Duration delay) {
            if (!running) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            nextAt = clock.instant().plus(delay);
            next = pool.schedule(this::pass, delay);
        }

        synchronized void wake() {
            if (passing) {
                woken = true;
            } else {
                schedule(Duration.ZERO);
            }
        }

        synchronized void cancel() {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }

        synchronized LoopStatus status() {
            return new LoopStatus(reconciler.name(), reconciler.leaderOnly(), lastPassAt, nextAt, failures, lastError);
        }

        private void pass() {
            synchronized (this) {
                if (passing || !running) {
                    return; // a timer that fired while a woken pass ran: that pass schedules the next
                }
                passing = true;
                woken = false;
                next = null;
            }
            Duration after;
            try {
                if (reconciler.leaderOnly() && !leader.getAsBoolean()) {
                    after = FOLLOWER_RECHECK;
                } else {
                    after = reconciler.reconcile();
                    succeeded();
                }
            } catch (Exception | Error e) {
                after = failed(e);
            }
            synchronized (this) {
                passing = false;
                lastPassAt = clock.instant();
                schedule(woken ? Duration.ZERO : after);
            }
        }

        private synchronized void succeeded() {
            if (failures > 0) {
                log.info("{}: working again after {} failed pass(es)", reconciler.name(), failures);
            }
            failures = 0;
            lastError = null;
        }

        private synchronized Duration failed(Throwable e) {
            failures++;
            lastError = e.getMessage() != null ? e.getMessage() : e.toString();
            Duration wait = backoff.after(failures);
            if (failures == 1 || Long.bitCount(failures) == 1) { // 1, 2, 4, 8...: a long outage does not flood the log
                log.warn("{}: pass failed ({} in a row), next try in {} s: {}", reconciler.name(), failures,
                        wait.toSeconds(), lastError);
            }
            log.debug("{}: pass failed", reconciler.name(), e);
            return wait;
        }
    }
}
