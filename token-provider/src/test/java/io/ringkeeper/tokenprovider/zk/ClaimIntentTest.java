package io.ringkeeper.tokenprovider.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

class ClaimIntentTest {
    private static final String QUEUE = "/ringkeeper/test/token-intents/dc1/0";

    @Test
    void rankCountsOnlyEarlierClaimersThatHoldNoSlotYet() throws Exception {
        try (TestingServer server = Zk.server(); CuratorFramework zk = Zk.client(server.getConnectString())) {
            zk.create().creatingParentsIfNeeded().forPath(QUEUE);
            ClaimIntent first = ClaimIntent.register(zk, QUEUE, "i-a");
            ClaimIntent leftover = ClaimIntent.register(zk, QUEUE, "i-b");
            ClaimIntent mineOld = ClaimIntent.register(zk, QUEUE, "i-c");
            ClaimIntent mine = ClaimIntent.register(zk, QUEUE, "i-c");
            ClaimIntent later = ClaimIntent.register(zk, QUEUE, "i-d");
            List<String> queue = zk.getChildren().forPath(QUEUE);
            assertThat(queue).hasSize(5).contains(mine.name(), later.name());

            assertThat(first.rank(queue, Set.of())).isZero();
            assertThat(later.rank(queue, Set.of())).isEqualTo(3); // i-a, i-b, i-c (twice queued, counted once)
            // i-b already holds a slot: its intent is left over and holds nobody back; my own older intent neither.
            assertThat(mine.rank(queue, Set.of("i-b"))).isEqualTo(1);
            assertThat(mineOld.rank(queue, Set.of())).isEqualTo(2);

            // Withdrawing twice is harmless (the claim transaction may already have deleted it).
            leftover.withdraw(zk);
            leftover.withdraw(zk);
            assertThat(zk.getChildren().forPath(QUEUE)).hasSize(4).doesNotContain(leftover.name());
        }
    }

    @Test
    void namesThatAreNotIntentsAreIgnored() throws Exception {
        try (TestingServer server = Zk.server(); CuratorFramework zk = Zk.client(server.getConnectString())) {
            zk.create().creatingParentsIfNeeded().forPath(QUEUE);
            ClaimIntent mine = ClaimIntent.register(zk, QUEUE, "i-z");
            assertThat(mine.rank(List.of("junk", "-0000000000", "x_0000000000", mine.name()), Set.of())).isZero();
        }
    }
}
