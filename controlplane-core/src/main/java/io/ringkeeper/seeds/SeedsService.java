package io.ringkeeper.seeds;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.reconcile.Reconciler;
import java.time.Duration;
import io.ringkeeper.tokenprovider.zk.GenesisSeeds;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.SlotsCache;
import io.ringkeeper.tokenprovider.zk.SlotState;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.zookeeper.ControlPlane;
import io.ringkeeper.zookeeper.GossipViews;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the seed list current when ZooKeeper hands out tokens: every {@code seeds.refresh_interval} it
 * looks at every DC of the token registry (through its watched copy, {@link SlotsCache}: no ZooKeeper request),
 * picks the seeds ({@link SeedSelector}, genesis seeds by {@link GenesisSeeds}), writes the seeds file
 * (only when the list changed), tells a running Cassandra to reload its seeds, and publishes this node's
 * gossip view for replacement decisions. A reconciler: runs on the background pool.
 * Without ZooKeeper the seeds are the fixed {@code cassandra.seeds} (or this node alone).
 */
@Singleton
public final class SeedsService implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(SeedsService.class);

    private final ControlPlane plane;
    private final GossipViews gossip;
    private final NodeIdentity identity;
    private final CassandraMonitor monitor;
    private final CassandraJmx jmx;
    private final CassandraConfig cassandra;
    private final SeedsConfig config;
    private final SeedListFile file;
    private final SeedSelector selector = new SeedSelector();
    private volatile List<String> current = List.of();

    @Inject
    SeedsService(ControlPlane plane, GossipViews gossip, NodeIdentity identity,
                 CassandraMonitor monitor, CassandraJmx jmx, RingkeeperConfig root) {
        this.plane = plane;
        this.gossip = gossip;
        this.identity = identity;
        this.monitor = monitor;
        this.jmx = jmx;
        this.cassandra = root.cassandra();
        this.config = root.seeds();
        this.file = new SeedListFile(config.file() != null ? config.file() : root.stateDir().resolve("seeds"));
    }

    @Override
    public String name() {
        return "seeds";
    }

    @Override
    public Duration reconcile() {
        if (!plane.enabled()) {
            return UNTIL_WOKEN; // the fixed seeds never change
        }
        tick();
        return config.refreshInterval();
    }

    public SeedListFile file() {
        return file;
    }

    /** The seeds as last computed; without ZooKeeper, the fixed ones. */
    public List<String> current() {
        if (!plane.enabled()) {
            List<String> fixed = cassandra.seeds();
            return fixed.isEmpty() ? identity.current().map(i -> List.of(i.address())).orElse(List.of()) : fixed;
        }
        return current;
    }

    private void tick() {
        try {
            refresh();
        } catch (Exception e) {
            log.warn("seeds not refreshed this round (will try again): {}", e.toString());
        }
        try {
            publishGossip();
        } catch (Exception e) {
            log.debug("gossip view not published: {}", e.toString());
        }
    }

    /**
     * Recomputes the seeds from the watched copy of the registry (no ZooKeeper request); writes the file and reloads
     * Cassandra's seeds when they changed. What the refresh loop runs.
     */
    public List<String> refresh() throws Exception {
        SlotsCache cache = plane.slots();
        if (!cache.primed()) {
            return refreshFromRegistry(); // the first full read of the watch is not in yet
        }
        return apply(cache.dcs().values().stream().map(dc -> new DcSlots(dc.name(), dc.slots())).toList());
    }

    /**
     * Recomputes the seeds from ZooKeeper itself: for a decision that must see the latest writes (the join flow,
     * right after its own claim, before it configures Cassandra).
     */
    public List<String> refreshFromRegistry() throws Exception {
        if (!plane.zookeeper().curator().getZookeeperClient().isConnected()) {
            return current;
        }
        TokenRegistry registry = plane.registry();
        List<DcSlots> dcs = new ArrayList<>();
        for (String dc : registry.dcs()) {
            dcs.add(new DcSlots(dc, registry.slots(dc)));
        }
        return apply(dcs);
    }

    private record DcSlots(String dc, List<SlotEntry> slots) {
    }

    /** The DCs are the registry's (every region that claimed a slot), not the ones this node's cloud lists. */
    private synchronized List<String> apply(List<DcSlots> dcs) throws Exception {
        List<SeedCandidate> candidates = new ArrayList<>();
        for (DcSlots dc : dcs) {
            for (SlotEntry s : dc.slots()) {
                candidates.add(new SeedCandidate(s.record().address() + ":" + cassandra.storagePort(), dc.dc(), s.record().rack(),
                        s.slot(), s.record().state() == SlotState.NORMAL, GenesisSeeds.isSeedWhileStarting(dc.slots(), s)));
            }
        }
        List<String> seeds = selector.select(candidates);
        if (!seeds.equals(current)) {
            log.info("seeds now {}", seeds);
            current = List.copyOf(seeds);
            file.write(seeds);
            if (monitor.last().map(o -> o.jmx() != null).orElse(false)) {
                try {
                    jmx.reloadSeeds();
                } catch (Exception e) {
                    log.warn("Cassandra did not reload its seeds ({}); it will use them at its next start", e.toString());
                }
            }
        }
        return current;
    }

    private void publishGossip() throws Exception {
        Optional<Instance> self = identity.current();
        Optional<CassandraJmx.NodeStatus> status = monitor.last().map(CassandraMonitor.Observation::jmx);
        if (self.isPresent() && status.isPresent()) {
            gossip.publish(self.get().id(), status.get().liveNodes(), status.get().unreachableNodes());
        }
    }
}
