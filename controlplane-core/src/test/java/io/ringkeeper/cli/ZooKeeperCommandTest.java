package io.ringkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPortInUseIsOneLineNamingTheAddressAndTheFix() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int exit;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.run("zookeeper", "--port", Integer.toString(taken.getLocalPort()),
                    "--data-dir", dir.resolve("zk").toString());
            assertThat(err.toString(StandardCharsets.UTF_8).strip())
                    .isEqualTo("ringkeeper zookeeper: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + " (Address already in use); stop what uses that port or pick another with --port");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isEqualTo(ExitCodes.CONFIG);
    }
}
