package io.ringkeeper.tokenprovider.zk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/** Real ZooKeeper for tests: servers that accept any number of sessions from 127.0.0.1, and clients. */
final class Zk {
    private Zk() {
    }

    /** maxClientCnxns=0: ZooKeeper's default (60 per IP) would leave the 61st local session unconnected. */
    static InstanceSpec unlimitedSpec(int serverId) {
        return new InstanceSpec(null, -1, -1, -1, true, serverId, -1, 0, Map.of("maxClientCnxns", "0"));
    }

    static TestingServer server() {
        try {
            return new TestingServer(unlimitedSpec(-1), true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CuratorFramework client(String connectString) {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .retryPolicy(new RetryNTimes(20, 250))
                .sessionTimeoutMs(30_000)
                .connectionTimeoutMs(10_000)
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("no ZooKeeper session to " + connectString);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client;
    }

    static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
