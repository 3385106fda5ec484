package io.ringkeeper.desired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringkeeper.tokenprovider.zk.ClusterPaths;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's compare-and-set rules and its history, on a real ZooKeeper. */
class ZooKeeperDesiredStoreTest {
    private TestingServer server;
    private CuratorFramework curator;
    private ZooKeeperDesiredStore store;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        curator = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryNTimes(3, 100));
        curator.start();
        ZooKeeperClient zk = mock(ZooKeeperClient.class);
        when(zk.curator()).thenReturn(curator);
        when(zk.paths()).thenReturn(new ClusterPaths("store-test"));
        store = new ZooKeeperDesiredStore(zk, new SpecReader());
    }

    @AfterEach
    void stop() throws Exception {
        curator.close();
        server.close();
    }

    private JsonNode spec(int n) throws Exception {
        return json.readTree("{\"n\": " + n + "}");
    }

    private DesiredStore.Change by(String who) {
        return new DesiredStore.Change(who, Instant.parse("2026-12-02T09:00:00Z"), "why " + who);
    }

    @Test
    void versionsOnlyGrowAndEveryChangeChecksTheVersionItWasBasedOn() throws Exception {
        assertThat(store.get("k")).isEmpty();
        assertThatThrownBy(() -> store.put("k", spec(1), DesiredStore.Expect.version(0), by("a")))
                .isInstanceOf(DesiredStore.StaleVersion.class);
        assertThatThrownBy(() -> store.delete("k", DesiredStore.Expect.ANY, by("a")))
                .as("nothing to delete").isInstanceOf(DesiredStore.StaleVersion.class);

        assertThat(store.put("k", spec(1), DesiredStore.Expect.ABSENT, by("a")).version()).isZero();
        assertThatThrownBy(() -> store.put("k", spec(2), DesiredStore.Expect.ABSENT, by("b")))
                .isInstanceOf(DesiredStore.StaleVersion.class).hasMessageContaining("version 0");
        assertThat(store.put("k", spec(2), DesiredStore.Expect.version(0), by("b")).version()).isEqualTo(1);
        assertThatThrownBy(() -> store.put("k", spec(3), DesiredStore.Expect.version(0), by("c")))
                .isInstanceOf(DesiredStore.StaleVersion.class);

        DesiredRecord deleted = store.delete("k", DesiredStore.Expect.version(1), by("d"));
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(store.get("k").orElseThrow().deleted()).isTrue();
        // A deleted record is created again as if absent, and its version goes on from the deletion's.
        assertThat(store.put("k", spec(4), DesiredStore.Expect.ABSENT, by("e")).version()).isEqualTo(3);
        DesiredRecord now = store.get("k").orElseThrow();
        assertThat(now.spec().path("n").asInt()).isEqualTo(4);
        assertThat(now.changedBy()).isEqualTo("e");
        assertThat(now.comment()).isEqualTo("why e");
        assertThat(store.list()).extracting(DesiredRecord::kind).containsExactly("k");
    }

    @Test
    void theHistoryKeepsTheLastTwentyVersionsNewestFirst() throws Exception {
        for (int i = 0; i < 25; i++) {
            store.put("k", spec(i), DesiredStore.Expect.ANY, by("w" + i));
        }
        List<DesiredRecord> history = store.history("k");
        assertThat(history).hasSize(DesiredStore.HISTORY);
        assertThat(history.get(0).version()).isEqualTo(24);
        assertThat(history.get(19).version()).isEqualTo(5);
        assertThat(history.get(0).spec().path("n").asInt()).isEqualTo(24);
    }

    @Test
    void concurrentCompareAndSetsFromOneVersionLetExactlyOneWin() throws Exception {
        store.put("k", spec(0), DesiredStore.Expect.ABSENT, by("first"));
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    store.put("k", spec(100 + n), DesiredStore.Expect.version(0), by("w" + n));
                    return true;
                } catch (DesiredStore.StaleVersion lost) {
                    return false;
                }
            }));
        }
        go.countDown();
        int won = 0;
        for (Future<Boolean> f : results) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);
        assertThat(store.get("k").orElseThrow().version()).isEqualTo(1);
        assertThat(store.history("k")).hasSize(2);

        // Forced writes never lose: each lands on top of the one before.
        List<Future<DesiredRecord>> forced = new ArrayList<>();
        ExecutorService pool2 = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            int n = i;
            forced.add(pool2.submit(() -> store.put("k", spec(200 + n), DesiredStore.Expect.ANY, by("f" + n))));
        }
        for (Future<DesiredRecord> f : forced) {
            f.get();
        }
        pool2.shutdown();
        assertThat(store.get("k").orElseThrow().version()).isEqualTo(5);
    }
}
