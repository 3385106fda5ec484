package io.ringkeeper.seeds;

import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cassandra.CassandraMonitor;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.SlotState;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.tokens.ControlPlane;
import io.ringkeeper.tokens.GossipViews;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the seed list current when ZooKeeper hands out tokens: every {@code seeds.refresh_interval} it
 * reads the token registry of every DC, picks the seeds ({@link SeedSelector}), writes the seeds file
 * (only when the list changed), tells a running Cassandra to reload its seeds, and publishes this node's
 * gossip view for replacement decisions. Runs on its own single scheduler thread ("ringkeeper-seeds").
 * Without ZooKeeper the seeds are the fixed {@code cassandra.seeds} (or this node alone).
 */
@Singleton
public final class SeedsService implements Service {
    private static final Logger log = LoggerFactory.getLogger(SeedsService.class);

    private final ControlPlane plane;
    private final GossipViews gossip;
    private final NodeIdentity identity;
    private final GroupMembership membership;
    private final CassandraMonitor monitor;
    private final CassandraJmx jmx;
    private final CassandraConfig cassandra;
    private final SeedsConfig config;
    private final SeedListFile file;
    private final SeedSelector selector = new SeedSelector();
    private ScheduledExecutorService timer;
    private volatile List<String> current = List.of();

    @Inject
    SeedsService(ControlPlane plane, GossipViews gossip, NodeIdentity identity, GroupMembership membership,
                 CassandraMonitor monitor, CassandraJmx jmx, RingkeeperConfig root) {
        this.plane = plane;
        this.gossip = gossip;
        this.identity = identity;
        this.membership = membership;
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
    public void start() {
        if (!plane.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ringkeeper-seeds");
            t.setDaemon(true);
            return t;
        });
        long every = config.refreshInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public SeedListFile file() {
        return file;
    }

    /** Whether {@code seeds}, as this service computes them, name the node at {@code address}. */
    public boolean names(List<String> seeds, String address) {
        return seeds.contains(address + ":" + cassandra.storagePort());
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

    /** Recomputes the seeds now; writes the file and reloads Cassandra's seeds when they changed. */
    public synchronized List<String> refresh() throws Exception {
        if (!plane.zookeeper().curator().getZookeeperClient().isConnected()) {
            return current;
        }
        TokenRegistry registry = plane.registry();
        TreeSet<String> dcs = new TreeSet<>();
        identity.current().map(Instance::dc).ifPresent(dcs::add);
        membership.members().forEach(m -> dcs.add(m.dc()));
        List<SeedCandidate> candidates = new ArrayList<>();
        for (String dc : dcs) {
            List<SlotEntry> slots = registry.slots(dc);
            boolean genesis = slots.stream().noneMatch(s -> s.record().state() == SlotState.NORMAL);
            Map<String, Integer> firstOfRack = new HashMap<>();
            for (SlotEntry s : slots) {
                firstOfRack.merge(s.record().rack(), s.slot(), Math::min);
            }
            for (SlotEntry s : slots) {
                boolean genesisSeed = genesis && firstOfRack.get(s.record().rack()) == s.slot();
                candidates.add(new SeedCandidate(s.record().address() + ":" + cassandra.storagePort(), dc, s.record().rack(),
                        s.slot(), s.record().state() == SlotState.NORMAL, genesisSeed));
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
            gossip.publish(self.get().id(), status.get());
        }
    }
}
