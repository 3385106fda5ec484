package io.ringkeeper.seeds;

import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Preflight;
import io.ringkeeper.files.SetupChecks;
import jakarta.inject.Inject;

/** With ZooKeeper, Cassandra loads Ringkeeper's seed provider: its jar must be there before Cassandra is configured. */
final class SeedsPreflight implements Preflight {
    private final RingkeeperConfig root;

    @Inject
    SeedsPreflight(RingkeeperConfig root) {
        this.root = root;
    }

    @Override
    public void check() {
        if (!root.zookeeper().enabled()) {
            return;
        }
        SetupChecks.readableFile("seeds.provider_jar", root.seeds().providerJar(), "install the ringkeeper package, or"
                + " point it at seed-provider/target/seed-provider-*.jar of a source checkout");
        if (root.seeds().file() != null) {
            SetupChecks.directory("seeds.file", root.seeds().file().toAbsolutePath().getParent(), true);
        }
    }
}
