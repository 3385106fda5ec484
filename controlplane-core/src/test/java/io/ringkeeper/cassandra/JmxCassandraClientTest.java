package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deadlines: a JMX port that accepts connections but never answers must not hang the caller. */
class JmxCassandraClientTest {

    @Test
    void aSilentJmxPortFailsWithinTheDeadlineInsteadOfHanging() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, then say nothing
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (JmxCassandraClient client = new JmxCassandraClient("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(800))) {
                long t0 = System.nanoTime();
                assertThatThrownBy(client::status).isInstanceOf(CassandraJmx.JmxUnavailableException.class)
                        .hasMessageContaining("did not answer in time");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

                long t1 = System.nanoTime();
                CassandraJmx.DrainResult drain = client.drain(Duration.ofMillis(500));
                assertThat(drain.completed()).isFalse();
                assertThat(drain.error()).contains("budget of 500 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void nothingListeningIsAnErrorNotAHang() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (JmxCassandraClient client = new JmxCassandraClient("127.0.0.1", port, Duration.ofSeconds(5))) {
            assertThatThrownBy(client::operationMode).isInstanceOf(CassandraJmx.JmxUnavailableException.class);
        }
    }
}
