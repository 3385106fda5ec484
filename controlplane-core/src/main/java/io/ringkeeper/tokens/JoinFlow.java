package io.ringkeeper.tokens;

import io.ringkeeper.cassandra.CassandraFiles;
import io.ringkeeper.cassandra.CassandraLifecycle;
import io.ringkeeper.cassandra.NodePlan;
import io.ringkeeper.cassandra.Supervisor;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.daemon.LaunchGate;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.http.HttpServer;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.seeds.SeedsService;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.BootstrapLock;
import io.ringkeeper.tokenprovider.zk.Claim;
import io.ringkeeper.tokenprovider.zk.ClaimRequest;
import io.ringkeeper.tokenprovider.zk.SlotState;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.tokenprovider.zk.TokenRegistryException;
import io.ringkeeper.zookeeper.ControlPlane;
import io.ringkeeper.zookeeper.GossipViews;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node joining its cluster, when ZooKeeper hands out tokens (DESIGN.md, "A fresh VM, start to finish"):
 * claim a token slot (or re-claim ours, or take over a gone node's) → compute seeds → render cassandra.yaml
 * with the slot's tokens and Ringkeeper's seed provider → wait for the DC's bootstrap lock (genesis seeds
 * skip it) → mark the slot BOOTSTRAPPING → start Cassandra and wait until it is ready → mark it NORMAL →
 * release the lock. Runs as one long task on the background pool so the daemon and its API are up meanwhile;
 * the node is not ready until it finishes. A registry error is retried; a Cassandra that fails to start
 * stops the flow and says why (readiness, log).
 */
@Singleton
public final class JoinFlow implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(JoinFlow.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final ControlPlane plane;
    private final GossipViews gossip;
    private final NodeIdentity identity;
    private final GroupMembership membership;
    private final SeedsService seeds;
    private final CassandraFiles files;
    private final CassandraLifecycle lifecycle;
    private final Supervisor supervisor;
    private final Provider<HttpServer> http; // a Provider: the server depends on readiness checks, this among them
    private final TokensConfig tokens;
    private final RingkeeperConfig root;
    private final LaunchGate launch;
    private volatile String state = "not started";
    private volatile boolean joined;
    private volatile boolean failed;
    private volatile String abandoned;
    private final BackgroundPool pool;
    private volatile Future<?> task;
    private final CountDownLatch ended = new CountDownLatch(1);

    @Inject
    JoinFlow(ControlPlane plane, GossipViews gossip, NodeIdentity identity, GroupMembership membership, SeedsService seeds,
             CassandraFiles files, CassandraLifecycle lifecycle, Supervisor supervisor, Provider<HttpServer> http, RingkeeperConfig root,
             LaunchGate launch, BackgroundPool pool) {
        this.launch = launch;
        this.pool = pool;
        this.plane = plane;
        this.gossip = gossip;
        this.identity = identity;
        this.membership = membership;
        this.seeds = seeds;
        this.files = files;
        this.lifecycle = lifecycle;
        this.supervisor = supervisor;
        this.http = http;
        this.tokens = root.tokens();
        this.root = root;
    }

    @Override
    public String name() {
        return "join";
    }

    @Override
    public void start() {
        if (!plane.enabled()) {
            return;
        }
        task = pool.submit(this::run);
    }

    @Override
    public void stop() throws InterruptedException {
        Future<?> t = task;
        if (t != null) {
            t.cancel(true);
            ended.await(2, TimeUnit.SECONDS);
        }
    }

    @Override
    public Optional<String> notReadyBecause() {
        return !plane.enabled() || joined ? Optional.empty() : Optional.of("joining the cluster: " + state());
    }

    /** Whether the node is in the ring serving (true), still on its way (empty), or stopped on a failure (false). */
    public Optional<Boolean> outcome() {
        return joined ? Optional.of(true) : failed || abandoned != null ? Optional.of(false) : Optional.empty();
    }

    /** Where the flow is, for status pages. */
    public String state() {
        return joined ? "joined" : abandoned != null ? "abandoned: " + abandoned : state;
    }

    /**
     * Stops a join in progress for good (the cloud is taking the instance away): the flow ends where it is, releasing
     * the bootstrap lock if it held it. A Cassandra start it had submitted is not its to stop; the caller's leave
     * action deals with the node. Returns whether a join was in progress.
     */
    public boolean abandon(String why) throws InterruptedException {
        Future<?> t = task;
        if (joined || failed || t == null || ended.getCount() == 0) {
            return false;
        }
        abandoned = why;
        t.cancel(true);
        ended.await(10, TimeUnit.SECONDS);
        log.warn("joining the cluster abandoned: {}", why);
        return true;
    }

    private void run() {
        try {
            loop();
        } finally {
            launch.open(); // however the join ended, nothing waits for its launch any more
            ended.countDown();
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                join();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (TokenRegistryException e) {
                if (e.reason() == TokenRegistryException.Reason.LAYOUT_MISMATCH) {
                    // The config contradicts the cluster: no retry can fix that, only an operator.
                    fail("token registry: " + e.getMessage());
                    return;
                }
                if (abandoned != null) {
                    return;
                }
                state = "token registry: " + e.getMessage() + " (retrying every " + RETRY.toSeconds() + " s)";
                log.warn("joining the cluster: {}; retrying in {} s", e.getMessage(), RETRY.toSeconds());
            } catch (CassandraDidNotStart e) {
                fail(e.getMessage());
                return;
            } catch (Exception e) {
                if (abandoned != null) {
                    return;
                }
                state = "failed: " + e + " (retrying every " + RETRY.toSeconds() + " s)";
                log.warn("joining the cluster failed: {}; retrying in {} s", e.toString(), RETRY.toSeconds());
            }
            launch.open(); // a retry is a wait: the rest of the daemon's start need not hold back
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void fail(String why) {
        state = why;
        failed = true;
        log.error("joining the cluster stopped: {}", why);
    }

    private void join() throws Exception {
        state = "waiting for ZooKeeper";
        if (!plane.zookeeper().curator().blockUntilConnected(2, java.util.concurrent.TimeUnit.SECONDS)) {
            launch.open(); // ZooKeeper is away: this may take a while
            while (!plane.zookeeper().curator().blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
                log.info("waiting for ZooKeeper before claiming a token slot");
            }
        }
        Instance self = identity.require();
        List<Instance> members = membership.members();
        TokenRegistry registry = plane.registry();
        // Laid out before claiming: a crowd launching a new DC then writes the layout once, and each claim can be the
        // one-transaction genesis claim (see TokenRegistry).
        RingLayout layout = registry.layOut(self.dc(), () ->
                RingLayout.plan(self.dc(), tokens.ringSize(), racks(self, members), tokens.numTokens()));
        checkLayout(self.dc(), layout);

        state = "claiming a token slot";
        Map<String, String> group = new HashMap<>();
        members.stream().filter(m -> m.dc().equals(self.dc())).forEach(m -> group.put(m.id(), m.rack()));
        group.put(self.id(), self.rack());
        Claim claim = registry.claim(new ClaimRequest(self.dc(), self.rack(), self.id(), self.address()), layout, group,
                gossip.view(self.id()));
        log.info("token slot {} in {} ({}, {}, tokens {}{}{})", claim.slot(), self.dc(), claim.outcome(), claim.state(),
                claim.initialToken(), claim.replaceAddress().map(a -> ", replaces " + a).orElse(""),
                claim.genesisSeed() ? ", genesis seed" : "");

        // Read from ZooKeeper itself, not the watched copy: the seeds must already see this node's own claim.
        List<String> seedList = seeds.refreshFromRegistry();
        NodePlan plan = new NodePlan(seedList, claim.numTokens(), claim.initialToken(), claim.replaceAddress().orElse(null),
                root.seeds().providerJar(), seedProviderParameters());

        // A genesis seed (GenesisSeeds: the lowest slot held in its rack while no slot of the DC is NORMAL) starts at
        // once, without the bootstrap lock: nobody has data yet, and the seed lists name it by the same rule.
        boolean genesisSeed = claim.genesisSeed();
        boolean alreadyRunning = supervisor.pid().isPresent();
        BootstrapLock.BootstrapLease lease = null;
        try {
            if (alreadyRunning) {
                launch.open(); // nothing to launch: Cassandra already runs
            }
            if (claim.state() != SlotState.NORMAL && !genesisSeed && !alreadyRunning) {
                launch.open(); // the lock may take minutes
                state = "waiting for the bootstrap lock of " + self.dc() + " (one node joins at a time)";
                lease = plane.bootstrapLock().acquire(self.dc(), self.id() + " " + self.address(), tokens.bootstrapLockTimeout());
            }
            if (claim.state() == SlotState.CLAIMED) {
                // Before Cassandra ever runs with these tokens: replacement rules rely on CLAIMED meaning "never started".
                // A genesis seed says so, and stays in the seed lists until it is NORMAL.
                if (genesisSeed) {
                    registry.markBootstrappingAsSeed(self.dc(), self.id());
                } else {
                    registry.markBootstrapping(self.dc(), self.id());
                }
            }
            state = "starting Cassandra with slot " + claim.slot() + "'s tokens";
            // Handed over only now, holding the lock with the slot BOOTSTRAPPING: until here a start over HTTP is
            // refused (nothing to render), so no Cassandra ever runs on tokens the registry has not seen start.
            files.usePlan(plan);
            Job job = startAndAwait();
            if (job.state() != Job.State.SUCCEEDED) {
                throw new CassandraDidNotStart("Cassandra did not start (job " + job.id() + "): " + job.outcome());
            }
            if (claim.state() != SlotState.NORMAL) {
                registry.markNormal(self.dc(), self.id());
            }
        } finally {
            if (lease != null) {
                lease.release();
            }
        }
        joined = true;
        state = "joined";
        seeds.refreshFromRegistry(); // this node is NORMAL now: it may be a seed
        log.info("joined the cluster: slot {} in {} is NORMAL", claim.slot(), self.dc());
    }

    /** Starts Cassandra and waits for the outcome; a lifecycle job already running (a start over HTTP) is waited out. */
    private Job startAndAwait() throws Exception {
        return lifecycle.runToCompletion(() -> lifecycle.submit("start", null), root.cassandra().readyTimeout().plusMinutes(1));
    }

    /** Parameters of Ringkeeper's seed provider inside Cassandra: ask this daemon, fall back to the file. */
    private Map<String, String> seedProviderParameters() throws InterruptedException {
        URI uri = http.get().uri();
        while (uri == null) { // the API starts right after this service; the flow runs on the background pool
            Thread.sleep(50);
            uri = http.get().uri();
        }
        return Map.of("daemon_url", uri.toString(), "seeds_file", seeds.file().path().toAbsolutePath().toString(),
                "timeout_ms", "2000");
    }

    /**
     * The recorded layout wins over this node's view of its group (which may not see every rack yet), but not over
     * what its config states outright: a different {@code tokens.num_tokens}, or {@code tokens.racks} when set.
     */
    private void checkLayout(String dc, RingLayout recorded) {
        List<String> problems = new java.util.ArrayList<>();
        if (recorded.numTokens() != tokens.numTokens()) {
            problems.add("tokens.num_tokens is " + tokens.numTokens() + " here but " + recorded.numTokens() + " in the registry");
        }
        if (!tokens.racks().isEmpty() && !recorded.racks().equals(tokens.racks())) {
            problems.add("tokens.racks is " + tokens.racks() + " here but " + recorded.racks() + " in the registry");
        }
        if (!problems.isEmpty()) {
            throw new TokenRegistryException(TokenRegistryException.Reason.LAYOUT_MISMATCH, "dc " + dc + " was laid out"
                    + " differently from this node's config: " + String.join("; ", problems) + ". A DC's layout cannot"
                    + " change once nodes have joined: set this node's config to the registry's values");
        }
    }

    /** The DC's racks in ring order: from config, else the racks its members are in, sorted. */
    private List<String> racks(Instance self, List<Instance> members) {
        if (!tokens.racks().isEmpty()) {
            return tokens.racks();
        }
        java.util.TreeSet<String> racks = new java.util.TreeSet<>();
        racks.add(self.rack());
        members.stream().filter(m -> m.dc().equals(self.dc())).forEach(m -> racks.add(m.rack()));
        return List.copyOf(racks);
    }

    private static final class CassandraDidNotStart extends Exception {
        CassandraDidNotStart(String message) {
            super(message);
        }
    }
}
