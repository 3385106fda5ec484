package io.ringkeeper.cassandra;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.health.ReadinessCheck;
import java.util.Optional;

/**
 * Cassandra management: the yaml renderer, JVM options, JMX client and supervisor arrive with the
 * Cassandra-node issue. Until then the node is never ready, and says why.
 */
public final class CassandraModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ReadinessCheck.class).addBinding().toInstance(new ReadinessCheck() {
            @Override
            public String name() {
                return "cassandra";
            }

            @Override
            public Optional<String> notReadyBecause() {
                return Optional.of("Cassandra is not managed yet");
            }
        });
    }
}
