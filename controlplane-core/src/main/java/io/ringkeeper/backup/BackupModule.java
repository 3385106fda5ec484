package io.ringkeeper.backup;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.desired.DesiredKinds;
import io.ringkeeper.http.HttpBindings;
import io.ringkeeper.jobs.ResumableJob;
import io.ringkeeper.reconcile.Reconcilers;

/**
 * Backup and restore:
 * <ul>
 *   <li>the {@code backup} kind ({@link BackupSchedule}): snapshots and incremental uploads on the record's schedule,
 *       checks, status;</li>
 *   <li>a node's backup ({@link BackupRunner}) and restore ({@link RestoreRunner}) as resumable jobs; checks
 *       ({@link VerifyRunner}); retention on the leader ({@link BackupRetention}, {@link RetentionRunner});</li>
 *   <li>the order of manifests and blob deletes ({@link BlobLock}, in ZooKeeper);</li>
 *   <li>{@code /v1/backups} and {@code /v1/restores}.</li>
 * </ul>
 */
public final class BackupModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder<ResumableJob> resumable = Multibinder.newSetBinder(binder(), ResumableJob.class);
        resumable.addBinding().to(BackupRunner.class);
        resumable.addBinding().to(RestoreRunner.class);
        bind(BlobLock.class).to(ZooKeeperBlobLock.class);
        DesiredKinds.register(binder(), BackupSchedule.class);
        Reconcilers.bind(binder()).addBinding().to(BackupRetention.class);
        HttpBindings.components(binder()).addBinding().to(BackupResource.class);
        HttpBindings.components(binder()).addBinding().to(RestoreResource.class);
    }
}
