package io.ringkeeper.zookeeper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.DatadirCleanupManager;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;

/**
 * The store of a daemon that runs without the cluster's ZooKeeper ({@code zookeeper.connect} empty): a standalone
 * ZooKeeper server inside the daemon, on a loopback port the kernel picks, with its data under
 * {@code <state_dir>/zookeeper}. Desired-state records, status and jobs then take the same code path as in a cluster;
 * only this node sees them. Durable like any ZooKeeper: each change is in the transaction log (fsynced) before it is
 * acknowledged.
 */
final class LocalZooKeeper implements AutoCloseable {
    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;
    private final DatadirCleanupManager purge;

    private LocalZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections, DatadirCleanupManager purge) {
        this.server = server;
        this.connections = connections;
        this.purge = purge;
    }

    static LocalZooKeeper start(Path dataDir) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        // One daemon's records make a small log: 1 MiB log files instead of ZooKeeper's 64 MiB.
        FileTxnLog.setPreallocSize(1024 * 1024);
        FileTxnSnapLog log = new FileTxnSnapLog(dataDir.toFile(), dataDir.toFile());
        ZooKeeperServer server = new ZooKeeperServer(log, 2000, "");
        ServerCnxnFactory connections = ServerCnxnFactory.createFactory(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        connections.startup(server);
        // Keeps the last 3 snapshots and their logs, looking once an hour (ZooKeeper's own purge task).
        DatadirCleanupManager purge = new DatadirCleanupManager(dataDir.toFile(), dataDir.toFile(), 3, 1);
        purge.start();
        return new LocalZooKeeper(server, connections, purge);
    }

    String connectString() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + connections.getLocalPort();
    }

    @Override
    public void close() {
        purge.shutdown();
        connections.shutdown();
        server.shutdown();
    }
}
