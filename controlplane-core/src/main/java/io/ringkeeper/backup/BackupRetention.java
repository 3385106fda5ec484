package io.ringkeeper.backup;

import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.reconcile.Reconciler;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * The cluster's retention chore, on the leader only: while a {@code backup} record exists, a retention job every
 * {@link #EVERY} (and at the leader's first pass). No record, no retention: backups are kept until one says otherwise.
 */
final class BackupRetention implements Reconciler {
    static final Duration EVERY = Duration.ofHours(1);

    private final BackupRecord record;
    private final RetentionRunner retention;

    @Inject
    BackupRetention(BackupRecord record, RetentionRunner retention) {
        this.record = record;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "backup-retention";
    }

    @Override
    public boolean leaderOnly() {
        return true;
    }

    @Override
    public Duration firstPass() {
        return Duration.ofMinutes(1); // not on the daemon's start path
    }

    @Override
    public Duration reconcile() throws Exception {
        Optional<BackupSpec> spec = record.current();
        if (spec.isEmpty() || retention.running().isPresent()) {
            return EVERY;
        }
        try {
            retention.submit(spec.get().retention());
        } catch (JobRunner.ConflictException e) {
            // one is running
        }
        return EVERY;
    }
}
