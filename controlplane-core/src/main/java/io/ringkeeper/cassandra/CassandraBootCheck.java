package io.ringkeeper.cassandra;

import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * What must hold before the daemon writes anything, once the node's identity is known: Cassandra's ports free on the
 * node's address (when it is to be launched now: {@code start_on_boot} and not running already), and a config that keeps the values this node joined its ring with.
 * Without ZooKeeper only: with it, nothing is rendered before the join flow's plan, which checks the same then.
 */
final class CassandraBootCheck implements Service {
    private final CassandraConfig config;
    private final CassandraFiles files;
    private final Supervisor supervisor;
    private final NodeIdentity identity;
    private final Path configFile;
    private final boolean plannedByControlPlane;

    @Inject
    CassandraBootCheck(CassandraConfig config, CassandraFiles files, Supervisor supervisor, NodeIdentity identity,
                       LoadedConfig loaded) {
        this.config = config;
        this.files = files;
        this.supervisor = supervisor;
        this.identity = identity;
        this.configFile = loaded.source();
        this.plannedByControlPlane = loaded.settings().zookeeper().enabled();
    }

    @Override
    public String name() {
        return "cassandra-checks";
    }

    @Override
    public Phase phase() {
        return Phase.CHECKS;
    }

    @Override
    public void start() throws Exception {
        if (plannedByControlPlane) {
            return;
        }
        if (config.startOnBoot() && supervisor.pid().isEmpty()) {
            // Only when it is about to launch: a later start (POST /v1/cassandra/start) checks them again then.
            CassandraPorts.checkFree(config, identity.require().address(), configFile);
        }
        files.verify(identity.require());
    }
}
