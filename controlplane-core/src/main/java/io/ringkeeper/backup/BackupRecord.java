package io.ringkeeper.backup;

import io.ringkeeper.desired.DesiredRecord;
import io.ringkeeper.desired.DesiredWatch;
import io.ringkeeper.desired.InvalidSpec;
import io.ringkeeper.desired.SpecReader;
import jakarta.inject.Inject;
import java.util.Optional;

/** The cluster's {@code backup} record as this daemon last saw it, for the parts that are not its reconcile loop. */
final class BackupRecord {
    private final DesiredWatch watch;
    private final SpecReader specs;

    @Inject
    BackupRecord(DesiredWatch watch, SpecReader specs) {
        this.watch = watch;
        this.specs = specs;
    }

    /** The spec, or empty when there is no record, it is deleted, or it is not valid for this daemon. */
    Optional<BackupSpec> current() {
        Optional<DesiredRecord> r = watch.cached(BackupSchedule.KIND.name()).filter(x -> !x.deleted());
        try {
            return r.map(x -> specs.read(x.spec(), BackupSpec.class));
        } catch (InvalidSpec e) {
            return Optional.empty(); // the kind's loop says why in status
        }
    }

    /** An on-demand backup as the record would take it: its scope and throttle (unpaced); every user table without one. */
    BackupRunner.Request onDemand(String type) {
        return current().map(s -> new BackupRunner.Request(type, BackupScope.of(s.keyspaces()), s.throttleBytesPerSecond(), null,
                "on demand")).orElse(new BackupRunner.Request(type, BackupScope.EVERYTHING, 0, null, "on demand"));
    }
}
