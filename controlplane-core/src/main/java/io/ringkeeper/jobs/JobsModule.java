package io.ringkeeper.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Services;
import io.ringkeeper.http.HttpBindings;

/**
 * Durable jobs: the store under state_dir/jobs (bounded by {@code jobs:}), the runner on the background pool, the
 * kinds that resume after a restart ({@link ResumableJob}, added by their features), and {@code /v1/jobs}.
 */
public final class JobsModule extends AbstractModule {
    @Override
    protected void configure() {
        Services.bind(binder()).addBinding().to(JobRunner.class);
        com.google.inject.multibindings.Multibinder.newSetBinder(binder(), ResumableJob.class);
        HttpBindings.components(binder()).addBinding().to(JobResource.class);
    }

    @Provides
    @Singleton
    JobStore store(RingkeeperConfig config) {
        return new JobStore(config.stateDir(), config.jobs());
    }
}
