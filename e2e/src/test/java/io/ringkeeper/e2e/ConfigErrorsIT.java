package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad config stops the daemon with one line naming the file and the key, and exit code 2: no stack trace. */
class ConfigErrorsIT {
    @TempDir
    Path dir;

    private DaemonProcess.Result daemonWith(String yaml) throws Exception {
        Path config = dir.resolve("ringkeeper.yaml");
        Files.writeString(config, yaml);
        return DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--config", config.toString());
    }

    private static void assertOneLineError(DaemonProcess.Result r, String expected) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().lines().toList()).as("stderr").containsExactly(expected);
        assertThat(r.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownKey() throws Exception {
        DaemonProcess.Result r = daemonWith("""
                local:
                  inventory: [{id: n1, address: 127.0.0.1, dc: dc1, rack: r1}]
                http:
                  prot: 8080
                """);
        assertOneLineError(r, dir.resolve("ringkeeper.yaml") + ": http.prot: unknown key (did you mean port?); "
                + "known keys here: auth_token_file, bind, body_timeout, max_request_bytes, port, threads");
    }

    @Test
    void aWrongType() throws Exception {
        DaemonProcess.Result r = daemonWith("""
                local:
                  inventory: [{id: n1, address: 127.0.0.1, dc: dc1, rack: r1}]
                shutdown_timeout: soon
                """);
        assertOneLineError(r, dir.resolve("ringkeeper.yaml")
                + ": shutdown_timeout: \"soon\" is not a duration; use e.g. 500ms, 30s, 5m or 2h");
    }

    @Test
    void aMissingFile() throws Exception {
        Path missing = dir.resolve("absent.yaml");
        DaemonProcess.Result r = DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--config", missing.toString());
        assertOneLineError(r, missing + ": no such file; create it (see examples/local.yaml) or pass --config <file>");
    }

    @Test
    void aBadCommandLineIsAUsageError() throws Exception {
        DaemonProcess.Result r = DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--no-such-flag");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("Unknown option: '--no-such-flag'");
    }

    @Test
    void aConfDirThatIsAFileIsOneLineAndExitCode2() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "x");
        Path config = DaemonProcess.writeConfig(dir, "");
        Files.writeString(config, Files.readString(config).replace("conf_dir: cassandra/conf", "conf_dir: not-a-dir"));
        DaemonProcess.Result r = DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--config", config.toString());
        assertOneLineError(r, config + ": cassandra.conf_dir: " + dir.resolve("not-a-dir")
                + " is a file, not a directory; point cassandra.conf_dir at a directory");
        assertThat(r.stdout()).as("nothing ran before the refusal, so nothing was logged").isEmpty();
        assertThat(dir.resolve("state")).as("nothing written").doesNotExist();
    }

    @Test
    void aBadTokenFileIsTheOnlyThingPrinted() throws Exception {
        Files.writeString(dir.resolve("token"), "too-short");
        Path config = DaemonProcess.writeConfig(dir, "");
        Files.writeString(config, Files.readString(config).replace("http:\n  port: 0\n",
                "http:\n  port: 0\n  bind: 0.0.0.0\n  auth_token_file: token\n"));
        DaemonProcess.Result r = DaemonProcess.run(Duration.ofSeconds(60), "daemon", "--config", config.toString());
        assertOneLineError(r, config + ": http.auth_token_file: " + dir.resolve("token")
                + ": the token is shorter than 16 characters; use e.g. openssl rand -hex 32");
        assertThat(r.stdout()).isEmpty();
        assertThat(dir.resolve("cassandra/conf")).as("nothing rendered").doesNotExist();
    }
}
