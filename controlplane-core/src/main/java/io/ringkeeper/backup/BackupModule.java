package io.ringkeeper.backup;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.http.HttpBindings;
import io.ringkeeper.jobs.ResumableJob;

/**
 * Backups: a node's backup as a resumable job (snapshot, content-addressed upload, manifest last), and
 * {@code /v1/backups}. The {@code backup} record that schedules them comes next (its schema is {@link BackupSpec}).
 */
public final class BackupModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ResumableJob.class).addBinding().to(BackupRunner.class);
        HttpBindings.components(binder()).addBinding().to(BackupResource.class);
    }
}
