package io.ringkeeper.logging;

import com.google.inject.AbstractModule;
import io.ringkeeper.desired.DesiredKinds;
import io.ringkeeper.http.HttpBindings;

/**
 * Logging: the level controls, {@code /v1/logging}, and the {@code logging} desired-state kind (cluster-wide levels
 * for daemons and Cassandra). Levels from the config are applied before the injector exists.
 */
public final class LoggingModule extends AbstractModule {
    private final LogLevels levels;

    public LoggingModule(LogLevels levels) {
        this.levels = levels;
    }

    @Override
    protected void configure() {
        bind(LogLevels.class).toInstance(levels);
        HttpBindings.components(binder()).addBinding().to(LoggingResource.class);
        DesiredKinds.register(binder(), LoggingLevelsHandler.class);
    }
}
