package io.ringkeeper.bench.tokens;

import io.ringkeeper.tokenprovider.Murmur3Ring;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.Claim;
import io.ringkeeper.tokenprovider.zk.ClaimRequest;
import io.ringkeeper.tokenprovider.zk.GossipView;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * Claims per second for N simultaneous claimers (one ZooKeeper session each) against raw ZooKeeper creates per
 * second by the same N sessions on the same in-process server, in the same run; then max/min token ownership of
 * the full ring; then, for reference, one create followed by one or two small reads per session. Usage:
 * {@code TokenClaimBenchmark [claimers, default 1000] [rounds, default 3]}.
 */
public final class TokenClaimBenchmark {
    private static final List<String> RACKS = List.of("a", "b", "c", "d", "e");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (n % RACKS.size() != 0) {
            throw new IllegalArgumentException("claimers must be a multiple of " + RACKS.size() + " (racks) for a full ring");
        }
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, -1, 0, Map.of("maxClientCnxns", "0"));
        try (TestingServer server = new TestingServer(spec, true)) {
            List<CuratorFramework> clients = connect(server.getConnectString(), n);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            try {
                System.out.printf("claimers=%d racks=%d ring_size=%d num_tokens=1 cores=%d%n", n, RACKS.size(), n,
                        Runtime.getRuntime().availableProcessors());
                for (int round = 1; round <= rounds; round++) {
                    String cluster = "bench" + round;
                    // The parent exists before the clock starts, so every raw create is exactly one create request
                    // (with a missing parent, the crowd's first creates fail and walk the parents, which made the
                    // anchor slower and its cost vary from round to round).
                    clients.get(0).create().creatingParentsIfNeeded().forPath("/raw/" + cluster);
                    ServerCounters before = ServerCounters.read(server.getPort());
                    double rawPerSecond = n / seconds(pool, n, i -> () -> {
                        clients.get(i).create().forPath("/raw/" + cluster + "/" + i);
                        return null;
                    });
                    ServerCounters afterRaw = ServerCounters.read(server.getPort());
                    RingLayout plan = RingLayout.plan("dc1", n, RACKS, 1);
                    Set<String> group = new HashSet<>();
                    for (int i = 0; i < n; i++) {
                        group.add("i-" + i);
                    }
                    double claimsPerSecond = n / seconds(pool, n, i -> () -> new TokenRegistry(clients.get(i), cluster)
                            .claim(new ClaimRequest("dc1", RACKS.get(i % RACKS.size()), "i-" + i, "10.9." + i / 250 + "." + i % 250),
                                    plan, group, GossipView.NOBODY_TO_ASK));
                    ServerCounters afterClaims = ServerCounters.read(server.getPort());
                    List<SlotEntry> ring = new TokenRegistry(clients.get(0), cluster).slots("dc1");
                    List<Long> tokens = ring.stream().map(e -> Long.parseLong(e.record().tokens().get(0))).toList();
                    double maxOverMin = Murmur3Ring.maxOverMin(Murmur3Ring.ownership(tokens).values());
                    System.out.printf("round %d: raw creates %.0f/s, claims %.0f/s, ratio %.2f; slots %d, distinct tokens %d,"
                                    + " ownership max/min %.6f%n", round, rawPerSecond, claimsPerSecond,
                            claimsPerSecond / rawPerSecond, ring.size(), new HashSet<>(tokens).size(), maxOverMin);
                    System.out.printf("  per raw create: %s; per claim: %s%n", afterRaw.minus(before).per(n),
                            afterClaims.minus(afterRaw).per(n));
                    // Reference, after the measured pair: what any protocol of one create and then one or two small
                    // reads, each waiting for its answer, gets on this server and machine now. A claim that needs a
                    // notification from another session (wait, then read) cannot do better than the second figure.
                    double createRead = n / seconds(pool, n, i -> () -> {
                        clients.get(i).create().forPath("/raw/" + cluster + "/r" + i);
                        return clients.get(i).getData().forPath("/raw/" + cluster + "/" + i);
                    });
                    double createExistsRead = n / seconds(pool, n, i -> () -> {
                        clients.get(i).create().forPath("/raw/" + cluster + "/e" + i);
                        clients.get(i).checkExists().forPath("/raw/" + cluster + "/missing" + i);
                        return clients.get(i).getData().forPath("/raw/" + cluster + "/" + i);
                    });
                    System.out.printf("  reference: create+getData %.0f/s (ratio %.2f), create+exists+getData %.0f/s"
                                    + " (ratio %.2f)%n", createRead, createRead / rawPerSecond, createExistsRead,
                            createExistsRead / rawPerSecond);
                }
            } finally {
                pool.shutdownNow();
                clients.parallelStream().forEach(CuratorFramework::close);
            }
        }
    }

    private interface Task {
        Callable<Object> of(int i);
    }

    /** Runs n tasks released at the same instant; returns the wall time until the last one finished. */
    private static double seconds(ExecutorService pool, int n, Task task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(n);
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Object> body = task.of(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return body.call();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Future<Object> f : futures) {
            f.get();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<CuratorFramework> connect(String connect, int n) throws Exception {
        ExecutorService connector = Executors.newFixedThreadPool(16);
        try {
            List<Future<CuratorFramework>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pending.add(connector.submit(() -> {
                    CuratorFramework c = CuratorFrameworkFactory.newClient(connect, 30_000, 10_000, new RetryNTimes(20, 250));
                    c.start();
                    if (!c.blockUntilConnected(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no session to " + connect);
                    }
                    return c;
                }));
            }
            List<CuratorFramework> clients = new ArrayList<>();
            for (Future<CuratorFramework> f : pending) {
                clients.add(f.get());
            }
            return clients;
        } finally {
            connector.shutdown();
        }
    }
}
