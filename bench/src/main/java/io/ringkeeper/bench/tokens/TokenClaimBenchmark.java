package io.ringkeeper.bench.tokens;

import io.ringkeeper.tokenprovider.Murmur3Ring;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.ClaimRequest;
import io.ringkeeper.tokenprovider.zk.GossipView;
import io.ringkeeper.tokenprovider.zk.SlotEntry;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * second by the same N sessions on the same in-process server, in the same run, which of the two goes first
 * alternating by round. The measured claims go into a DC laid out before the clock starts (as the raw creates go
 * into a parent made beforehand), each claimer knowing the group and its racks: the genesis claim. Then max/min
 * token ownership of the full ring; then, for comparison, a crowd that must lay out a new DC first and a crowd
 * through the claim queue; then one create followed by one or two small reads per session. Usage:
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
                    // The measured claims: a crowd claiming in a DC that is laid out and forming, as the daemons of a
                    // group launched at once do after laying out (TokenRegistry.layOut, like the raw creates' parent,
                    // done before the clock starts). Every claimer knows the group and its racks, as from the cloud.
                    RingLayout plan = RingLayout.plan("dc1", n, RACKS, 1);
                    new TokenRegistry(clients.get(0), cluster).layOut("dc1", () -> plan);
                    Map<String, String> group = new HashMap<>();
                    for (int i = 0; i < n; i++) {
                        group.put("i-" + i, RACKS.get(i % RACKS.size()));
                    }
                    Phase raw = new Phase(server.getPort(), pool, n, i -> () ->
                            clients.get(i).create().forPath("/raw/" + cluster + "/" + i));
                    Phase claims = new Phase(server.getPort(), pool, n, i -> () -> new TokenRegistry(clients.get(i), cluster)
                            .claim(request("dc1", i), plan, group, GossipView.NOBODY_TO_ASK));
                    // Which goes first alternates, so that warming up (the JIT, the server's caches) favours neither.
                    if (round % 2 == 1) {
                        raw.run();
                        claims.run();
                    } else {
                        claims.run();
                        raw.run();
                    }
                    double rawPerSecond = raw.perSecond;
                    double claimsPerSecond = claims.perSecond;
                    List<SlotEntry> ring = new TokenRegistry(clients.get(0), cluster).slots("dc1");
                    List<Long> tokens = ring.stream().map(e -> Long.parseLong(e.record().tokens().get(0))).toList();
                    double maxOverMin = Murmur3Ring.maxOverMin(Murmur3Ring.ownership(tokens).values());
                    System.out.printf("round %d: raw creates %.0f/s, claims %.0f/s, ratio %.2f; slots %d, distinct tokens %d,"
                                    + " ownership max/min %.6f%n", round, rawPerSecond, claimsPerSecond,
                            claimsPerSecond / rawPerSecond, ring.size(), new HashSet<>(tokens).size(), maxOverMin);
                    System.out.printf("  %s first; per raw create: %s, %.2f ms CPU; per claim: %s, %.2f ms CPU%n",
                            round % 2 == 1 ? "raw creates" : "claims", raw.server.per(n), raw.cpuSeconds * 1000 / n,
                            claims.server.per(n), claims.cpuSeconds * 1000 / n);
                    // Two more crowds, for comparison: one that must lay out a new DC first (each claimer calls
                    // layOut, the first one writes it), and one through the claim queue (the group without racks,
                    // which is what a claim falls back to when the genesis claim does not apply).
                    RingLayout plan2 = RingLayout.plan("dc2", n, RACKS, 1);
                    ServerCounters beforeNewDc = ServerCounters.read(server.getPort());
                    double newDcPerSecond = n / seconds(pool, n, i -> () -> {
                        TokenRegistry registry = new TokenRegistry(clients.get(i), cluster);
                        RingLayout recorded = registry.layOut("dc2", () -> plan2);
                        return registry.claim(request("dc2", i), recorded, group, GossipView.NOBODY_TO_ASK);
                    });
                    ServerCounters afterNewDc = ServerCounters.read(server.getPort());
                    RingLayout plan3 = RingLayout.plan("dc3", n, RACKS, 1);
                    new TokenRegistry(clients.get(0), cluster).layOut("dc3", () -> plan3);
                    ServerCounters beforeQueue = ServerCounters.read(server.getPort());
                    double queuePerSecond = n / seconds(pool, n, i -> () -> new TokenRegistry(clients.get(i), cluster)
                            .claim(request("dc3", i), plan3, group.keySet(), GossipView.NOBODY_TO_ASK));
                    ServerCounters afterQueue = ServerCounters.read(server.getPort());
                    for (String dc : List.of("dc2", "dc3")) {
                        List<SlotEntry> other = new TokenRegistry(clients.get(0), cluster).slots(dc);
                        if (other.size() != n || other.stream().map(e -> e.record().tokens().get(0)).distinct().count() != n) {
                            throw new IllegalStateException(dc + ": " + other.size() + " slots, not " + n + " distinct");
                        }
                    }
                    System.out.printf("  new DC (layOut + claim): %.0f/s, ratio %.2f, per claim %s; claim queue: %.0f/s,"
                                    + " ratio %.2f, per claim %s%n", newDcPerSecond, newDcPerSecond / rawPerSecond,
                            afterNewDc.minus(beforeNewDc).per(n), queuePerSecond, queuePerSecond / rawPerSecond,
                            afterQueue.minus(beforeQueue).per(n));
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

    private static ClaimRequest request(String dc, int i) {
        return new ClaimRequest(dc, RACKS.get(i % RACKS.size()), "i-" + i, "10.9." + i / 250 + "." + i % 250);
    }

    /** CPU seconds of this process (server and clients both): the bench is CPU-bound on small machines. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** One timed crowd: its rate, the server's counters over it and this process's CPU seconds. */
    private static final class Phase {
        private final int port;
        private final ExecutorService pool;
        private final int n;
        private final Task task;
        double perSecond;
        ServerCounters server;
        double cpuSeconds;

        Phase(int port, ExecutorService pool, int n, Task task) {
            this.port = port;
            this.pool = pool;
            this.n = n;
            this.task = task;
        }

        void run() throws Exception {
            ServerCounters before = ServerCounters.read(port);
            double cpu = cpuSeconds();
            perSecond = n / seconds(pool, n, task);
            cpuSeconds = cpuSeconds() - cpu;
            server = ServerCounters.read(port).minus(before);
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
