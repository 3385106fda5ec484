package io.ringkeeper.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.jobs.JobContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelFilesTest {
    private final BackgroundPool pool = new BackgroundPool();

    @AfterEach
    void stop() throws InterruptedException {
        pool.stop();
    }

    @Test
    void smallFilesGoWhileALargeOneIsStillInFlight() throws Exception {
        List<String> items = new ArrayList<>(List.of("large"));
        for (int i = 0; i < 20; i++) {
            items.add("small-" + i);
        }
        CountDownLatch smallOnesDone = new CountDownLatch(20);
        AtomicInteger sawThemAll = new AtomicInteger();
        ParallelFiles.run(pool, items, new Transfer(null, () -> false), mock(JobContext.class), item -> {
            if (item.equals("large")) {
                try {
                    // The large file is "uploading" until every small one is through: a free slot must not wait for it.
                    if (smallOnesDone.await(10, TimeUnit.SECONDS)) {
                        sawThemAll.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                smallOnesDone.countDown();
            }
        });
        assertThat(sawThemAll).hasValue(1);
    }

    @Test
    void theFirstFailureStopsTheRestAndIsWhatIsReported() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(i);
        }
        AtomicInteger ran = new AtomicInteger();
        Transfer transfer = new Transfer(null, () -> false);
        assertThatThrownBy(() -> ParallelFiles.run(pool, items, transfer, mock(JobContext.class), i -> {
            ran.incrementAndGet();
            if (i == 2) {
                throw new IOException("disk said no");
            }
            transfer.checkCancelled(); // the others stop at their next chunk
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isInstanceOf(IOException.class).hasMessage("disk said no");
        assertThat(transfer.isCancelled()).isTrue();
        assertThat(ran.get()).as("no new file starts after the failure").isLessThan(50);
    }
}
