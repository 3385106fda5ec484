package io.ringkeeper.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    @Test
    void oneSecondsWorthGoesAtOnceAndTheRestWaits() throws Exception {
        Throttle t = new Throttle(1000);
        long t0 = System.nanoTime();
        t.acquire(1000); // the burst
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(0.5);
        t.acquire(500);
        assertThat((System.nanoTime() - t0) / 1e9).as("500 bytes past the burst at 1000 B/s").isGreaterThanOrEqualTo(0.45);
    }

    @Test
    void aWaitingCallerCanBeInterrupted() throws Exception {
        Throttle t = new Throttle(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                t.acquire(1_000_000);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        waiter.start();
        Thread.sleep(100);
        waiter.interrupt();
        waiter.join(5000);
        assertThat(waiter.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
        assertThatThrownBy(() -> new Throttle(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMeteredStreamCountsWhatItReadsAndStopsWhenCancelled() throws Exception {
        Transfer transfer = Transfer.unlimited();
        try (MeteredInputStream in = new MeteredInputStream(new ByteArrayInputStream(new byte[10_000]), transfer)) {
            assertThat(in.readNBytes(4000)).hasSize(4000);
            assertThat(transfer.bytes()).isEqualTo(4000);
            transfer.cancel("enough");
            assertThatThrownBy(in::read).isInstanceOf(Transfer.Cancelled.class).hasMessage("transfer cancelled: enough");
        }
    }

    @Test
    void aTransferStopsWhenWhatItWorksForAsksItTo() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean jobCancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Transfer transfer = new Transfer(null, jobCancelled::get);
        try (MeteredInputStream in = new MeteredInputStream(new ByteArrayInputStream(new byte[10_000]), transfer)) {
            assertThat(in.readNBytes(100)).hasSize(100);
            jobCancelled.set(true);
            assertThat(transfer.isCancelled()).isTrue();
            assertThatThrownBy(in::read).isInstanceOf(Transfer.Cancelled.class).hasMessageContaining("its job was cancelled");
        }
    }
}
