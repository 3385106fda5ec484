package io.ringkeeper.bench.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.client.FourLetterWordMain;

/**
 * A fleet of simulated daemons on one ZooKeeper server, each doing what a daemon does for desired-state records: its
 * own session, a Curator cache on {@code desired/}, and on a change its status written to
 * {@code status/<kind>/<id>} (only when what it says changes, as {@code StatusStore} does; its 10-minute heartbeat
 * does not fall in the window measured). Measured: how long a record change takes to reach every daemon (p50, p99,
 * max) and until every daemon's status shows it, and the ZooKeeper requests per second with nothing changing (from
 * the server's own {@code mntr} counters).
 */
public final class FleetBenchmark {
    private static final String ROOT = "/ringkeeper/fleet";

    public static void main(String[] args) throws Exception {
        int daemons = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int quietSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "mntr,srvr");
        // maxClientCnxns 0: every simulated daemon connects from 127.0.0.1, past ZooKeeper's default of 60 per address.
        org.apache.curator.test.InstanceSpec spec = new org.apache.curator.test.InstanceSpec(null, -1, -1, -1, true, -1, -1, 0);
        try (TestingServer server = new TestingServer(spec, true)) {
            int port = server.getPort();
            CuratorFramework admin = client(server.getConnectString());
            admin.create().creatingParentContainersIfNeeded().forPath(ROOT + "/desired/logging", version(-1));
            admin.create().creatingParentContainersIfNeeded().forPath(ROOT + "/status/logging");

            List<Daemon> fleet = new ArrayList<>();
            long t0 = System.nanoTime();
            ExecutorService starters = Executors.newFixedThreadPool(16);
            List<java.util.concurrent.Future<Daemon>> starting = new ArrayList<>();
            for (int i = 0; i < daemons; i++) {
                int id = i;
                starting.add(starters.submit(() -> new Daemon(id, server.getConnectString())));
            }
            for (var f : starting) {
                fleet.add(f.get());
            }
            starters.shutdown();
            for (Daemon d : fleet) {
                d.primed.await();
            }
            System.out.printf("%d simulated daemons connected and watching in %.1f s (%d threads in this JVM)%n", daemons,
                    (System.nanoTime() - t0) / 1e9, Thread.activeCount());

            for (int round = 0; round < rounds; round++) {
                for (Daemon d : fleet) {
                    d.reset();
                }
                long written = System.nanoTime();
                admin.setData().forPath(ROOT + "/desired/logging", version(round));
                for (Daemon d : fleet) {
                    if (!d.reported.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("daemon " + d.id + " did not converge on version " + round);
                    }
                }
                List<Long> seen = new ArrayList<>();
                long lastStatus = 0;
                for (Daemon d : fleet) {
                    seen.add(d.seenAt.get() - written);
                    lastStatus = Math.max(lastStatus, d.reportedAt.get() - written);
                }
                Collections.sort(seen);
                System.out.printf("round %d: change seen by all %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms; every status written"
                        + " after %.1f ms%n", round + 1, daemons, ms(pct(seen, 50)), ms(pct(seen, 99)), ms(seen.get(seen.size() - 1)),
                        ms(lastStatus));
            }
            int statuses = admin.getChildren().forPath(ROOT + "/status/logging").size();
            System.out.printf("status entries in ZooKeeper: %d%n", statuses);

            Thread.sleep(5000); // let the last writes and their watch events settle
            Map<String, Long> before = mntr(port);
            long start = System.nanoTime();
            Thread.sleep(quietSeconds * 1000L);
            Map<String, Long> after = mntr(port);
            double seconds = (System.nanoTime() - start) / 1e9;
            long packets = after.get("zk_packets_received") - before.get("zk_packets_received") - 1; // minus the mntr itself
            long writes = after.get("zxid") - before.get("zxid");
            System.out.printf("nothing changing, %d s: %.1f ZooKeeper requests/s (%.3f per daemon per s: the sessions' pings),"
                    + " %d writes%n", quietSeconds, packets / seconds, packets / seconds / daemons, writes);
            for (Daemon d : fleet) {
                d.close();
            }
            admin.close();
        }
    }

    /** One simulated daemon: its session, its watched copy of desired/, its status writes. */
    static final class Daemon implements AutoCloseable {
        final int id;
        final CuratorFramework zk;
        final CuratorCache cache;
        final CountDownLatch primed = new CountDownLatch(1);
        volatile CountDownLatch reported = new CountDownLatch(1);
        final AtomicLong seenAt = new AtomicLong();
        final AtomicLong reportedAt = new AtomicLong();
        private volatile int converged = -2;

        Daemon(int id, String connect) throws Exception {
            this.id = id;
            zk = client(connect);
            cache = CuratorCache.build(zk, ROOT + "/desired");
            cache.listenable().addListener(CuratorCacheListener.builder()
                    .forChanges((before, after) -> changed(after.getData()))
                    .forInitialized(primed::countDown).build());
            cache.start();
        }

        void reset() {
            reported = new CountDownLatch(1);
        }

        /** On Curator's event thread, as the daemon's watch does: note it, then publish status (the daemon hands this to
         * its background pool; here the event thread writes, in the background, without waiting). */
        private void changed(byte[] data) {
            int version = Integer.parseInt(new String(data, StandardCharsets.UTF_8));
            seenAt.set(System.nanoTime());
            if (version == converged) {
                return;
            }
            converged = version;
            try {
                zk.create().orSetData().inBackground((client, event) -> {
                    reportedAt.set(System.nanoTime());
                    reported.countDown();
                }).forPath(ROOT + "/status/logging/node-" + id, ("{\"convergedVersion\":" + version + "}").getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            cache.close();
            zk.close();
        }
    }

    static CuratorFramework client(String connect) throws InterruptedException {
        // The daemon's own settings: 30 s session, 15 s connection timeout (defaults.yaml).
        CuratorFramework c = CuratorFrameworkFactory.builder().connectString(connect).sessionTimeoutMs(30_000)
                .connectionTimeoutMs(15_000).retryPolicy(new ExponentialBackoffRetry(250, 6, 5000)).build();
        c.start();
        if (!c.blockUntilConnected(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected to " + connect);
        }
        return c;
    }

    private static byte[] version(int v) {
        return Integer.toString(v).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Long> mntr(int port) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (String line : FourLetterWordMain.send4LetterWord("127.0.0.1", port, "mntr").split("\\n")) {
            String[] kv = line.split("\\t", 2);
            if (kv.length == 2 && kv[0].equals("zk_packets_received")) {
                out.put(kv[0], Long.parseLong(kv[1].trim()));
            }
        }
        for (String line : FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr").split("\\n")) {
            if (line.startsWith("Zxid: ")) {
                out.put("zxid", Long.decode(line.substring("Zxid: ".length()).trim()));
            }
        }
        return out;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
