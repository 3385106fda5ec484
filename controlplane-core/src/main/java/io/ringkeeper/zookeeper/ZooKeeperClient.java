package io.ringkeeper.zookeeper;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.health.ReadinessCheck;
import io.ringkeeper.tokenprovider.zk.ClusterPaths;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one ZooKeeper session (Curator): to the cluster's ZooKeeper ({@code zookeeper.connect}) or, without
 * one, to a store inside the daemon ({@link LocalZooKeeper}, data under {@code <state_dir>/zookeeper}), so that
 * desired-state records, status and the leader latch take one code path either way. Started with the daemon; a ZooKeeper that is down does not
 * stop the daemon from starting: Curator keeps reconnecting and the features that need ZooKeeper wait for it.
 * Losing ZooKeeper never makes a serving node unready (readiness means "this Cassandra node serves"): it is a
 * warning on {@code /v1/health/ready} and {@code ringkeeper_zookeeper_connected 0} in metrics; a node that has not
 * joined yet is not ready because its join waits. Curator's own threads do the I/O.
 */
@Singleton
public final class ZooKeeperClient implements Service, ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperClient.class);

    private final ZooKeeperConfig config;
    private final ClusterPaths paths;
    private final java.nio.file.Path localDataDir;
    private volatile LocalZooKeeper local;
    private final PrometheusRegistry metrics;
    private volatile CuratorFramework curator;
    private volatile ConnectionState state = ConnectionState.LOST;
    private volatile Instant since = Instant.now();
    private final AtomicLong sessionsLost = new AtomicLong();

    @Inject
    ZooKeeperClient(ZooKeeperConfig config, RingkeeperConfig root, PrometheusRegistry metrics) {
        this.config = config;
        this.paths = new ClusterPaths(root.clusterName());
        this.localDataDir = root.stateDir().resolve("zookeeper");
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "zookeeper";
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    /**
     * Starts loading, on a side thread, what ZooKeeper's client loads first: its TLS defaults (the JDK's default
     * SSLContext, with the trust store), built even for a plain connection, about 0.4 s of CPU. Called as soon as the
     * config says ZooKeeper is used, it is done while the daemon wires itself, off the way to the slot claim. The
     * JVM's class initialisation makes the session's start wait for it if it is still running, so it is only order.
     */
    public static void preloadInBackground() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("org.apache.zookeeper.common.ClientX509Util", true, ZooKeeperClient.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                log.debug("preloading ZooKeeper's TLS defaults failed (the session's start will say why): {}", e.toString());
            }
        }, "ringkeeper-zookeeper-preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void start() throws Exception {
        String connect = config.connect();
        if (!config.enabled()) {
            local = LocalZooKeeper.start(localDataDir);
            connect = local.connectString();
            log.debug("no zookeeper.connect: desired-state records and status in this daemon's own store ({}, {})",
                    connect, localDataDir);
        }
        String target = connect;
        CuratorFramework c = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .sessionTimeoutMs((int) config.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) config.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(250, 6, 5000))
                .build();
        GaugeWithCallback.builder().name("ringkeeper_zookeeper_connected")
                .help("1 while the daemon's ZooKeeper session is connected, else 0")
                .callback(cb -> cb.call(state.isConnected() ? 1 : 0)).register(metrics);
        CounterWithCallback.builder().name("ringkeeper_zookeeper_sessions_lost")
                .help("ZooKeeper sessions this daemon lost (each is re-established; ephemeral znodes are recreated)")
                .callback(cb -> cb.call(sessionsLost.get())).register(metrics);
        c.getConnectionStateListenable().addListener((client, newState) -> {
            if (newState.isConnected() != state.isConnected()) {
                since = Instant.now();
            }
            if (newState == ConnectionState.LOST) {
                sessionsLost.incrementAndGet();
            }
            state = newState;
            if (newState == ConnectionState.CONNECTED || newState == ConnectionState.RECONNECTED) {
                log.info("ZooKeeper {}: {}", target, newState.name().toLowerCase());
            } else {
                log.warn("ZooKeeper {}: {}; retrying", target, newState.name().toLowerCase());
            }
        });
        c.start();
        curator = c;
        if (local != null && !c.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)) {
            // In this process, on loopback: not answering within seconds means it is broken, not slow.
            throw new IllegalStateException("the daemon's own store (a ZooKeeper in this process, " + localDataDir
                    + ") did not accept a connection within 10 s; see the log above");
        }
    }

    /**
     * The started client, to the cluster's ZooKeeper or, without {@code zookeeper.connect}, to this daemon's own store;
     * callers block on it through Curator's own retry (no call here waits forever).
     */
    public CuratorFramework curator() {
        CuratorFramework c = curator;
        if (c == null) {
            throw new IllegalStateException("the ZooKeeper session is not started yet (or the daemon is stopping)");
        }
        return c;
    }

    /**
     * Whether the cluster's ZooKeeper is configured ({@code zookeeper.connect}): what token slots, seeds and the join
     * flow need. Without it the session is to this daemon's own store, which has only this node's records.
     */
    public boolean enabled() {
        return config.enabled();
    }

    /** Where this cluster's znodes are. */
    public ClusterPaths paths() {
        return paths;
    }

    @Override
    public Optional<String> notReadyBecause() {
        return Optional.empty();
    }

    @Override
    public Optional<String> warning() {
        if (!config.enabled() || curator == null || state.isConnected()) {
            return Optional.empty();
        }
        return Optional.of("not connected to ZooKeeper at " + config.connect() + " since " + since + " (Cassandra serves"
                + " on; token claims, seeds refreshes and cluster status wait for it)");
    }

    /**
     * For an API request that needs ZooKeeper: answers at once, with a 503 a person can act on, rather than after
     * Curator's retries. A session lost between this check and the request's call is a 503 too (ErrorMap).
     */
    public void requireConnected() {
        if (!connected()) {
            throw io.ringkeeper.http.ApiException.unavailable("zookeeper_unavailable", "not connected to ZooKeeper"
                    + (config.enabled() ? " at " + config.connect() + " since " + since : " (the daemon's own store)")
                    + "; the daemon keeps reconnecting, and every node keeps what it runs meanwhile: try again shortly",
                    java.util.Map.of());
        }
    }

    /** Whether the session (to the cluster's ZooKeeper or to the daemon's own store) is connected now. */
    public boolean connected() {
        return curator != null && state.isConnected();
    }

    @Override
    public void stop() {
        CuratorFramework c = curator;
        if (c != null) {
            c.close();
            curator = null;
        }
        LocalZooKeeper l = local;
        if (l != null) {
            l.close();
            local = null;
        }
    }
}
