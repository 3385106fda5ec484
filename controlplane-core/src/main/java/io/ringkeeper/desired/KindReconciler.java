package io.ringkeeper.desired;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.reconcile.Reconciler;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile loop of one kind on this daemon: read the record (from the watched copy), bind its spec, let the
 * kind's {@link KindHandler} take one step, publish the outcome as this node's status. Woken by {@link DesiredWatch}
 * when the record changes; otherwise it looks again every {@link #RESYNC} (missed watch events, drift such as a
 * restarted Cassandra), or every {@link #AGAIN} while the handler waits or progresses.
 */
public final class KindReconciler<T extends Record> implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(KindReconciler.class);
    static final Duration RESYNC = Duration.ofSeconds(30);
    static final Duration AGAIN = Duration.ofSeconds(2);

    private final KindHandler<T> handler;
    private final DesiredWatch watch;
    private final StatusStore status;
    private final NodeIdentity identity;
    private final SpecReader specs;
    private final java.time.Clock clock;
    private int converged = -1;

    KindReconciler(KindHandler<T> handler, DesiredWatch watch, StatusStore status, NodeIdentity identity, SpecReader specs,
                   java.time.Clock clock) {
        this.clock = clock;
        this.handler = handler;
        this.watch = watch;
        this.status = status;
        this.identity = identity;
        this.specs = specs;
    }

    public String kind() {
        return handler.kind().name();
    }

    @Override
    public String name() {
        return loopName(kind());
    }

    static String loopName(String kind) {
        return "desired/" + kind;
    }

    @Override
    public Duration reconcile() throws Exception {
        if (!watch.ready()) {
            return AGAIN; // the store is not reachable yet: the node keeps what it runs
        }
        Optional<DesiredRecord> record = watch.cached(kind());
        int version = record.map(DesiredRecord::version).orElse(-1);
        T spec = null;
        Outcome outcome;
        try {
            if (record.isPresent() && !record.get().deleted()) {
                spec = specs.read(record.get().spec(), handler.kind().specType());
            }
            outcome = handler.apply(spec);
        } catch (InvalidSpec e) {
            // Written by a newer daemon, or by hand past the API: keep what runs and say so.
            outcome = new Outcome(Outcome.State.FAILING, "version " + version + " of the record is not valid for this daemon at "
                    + e.pointer() + ": " + e.getMessage() + " (allowed: " + e.allowed() + "); keeping what runs", -1, -1);
        } catch (Exception e) {
            publish(version, new Outcome(Outcome.State.FAILING, e.getMessage() != null ? e.getMessage() : e.toString(), -1, -1));
            throw e;
        }
        if (outcome.state() == Outcome.State.CONVERGED && converged != version) {
            log.info("{}: converged to version {}: {}", kind(), version, outcome.message());
            converged = version;
        }
        publish(version, outcome);
        return outcome.state() == Outcome.State.CONVERGED || outcome.state() == Outcome.State.FAILING ? RESYNC : AGAIN;
    }

    private void publish(int version, Outcome outcome) throws Exception {
        Instance self = identity.require();
        status.publish(new NodeStatus(self.id(), self.dc(), self.rack(), kind(), version,
                outcome.state() == Outcome.State.CONVERGED ? version : converged, outcome.state(), outcome.message(),
                outcome.done() < 0 ? null : outcome.done(), outcome.total() < 0 ? null : outcome.total(),
                clock.instant(), null, outcome.detail()));
    }
}
