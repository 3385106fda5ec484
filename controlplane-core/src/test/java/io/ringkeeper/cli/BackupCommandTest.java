package io.ringkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.testing.InProcessDaemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ringkeeper backup} against a daemon whose Cassandra is not running: the errors an operator meets first. The
 * working path (a real backup, listed and shown) is in Cassandra50LifecycleIT.
 */
class BackupCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(InProcessDaemon d, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RingkeeperCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--url";
        all[args.length + 1] = d.uri().toString();
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void aBackupWithoutCassandraFailsSayingWhyAndListingAndShowingSayWhatIsThere() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            Run now = run(d, "backup", "now");
            assertThat(now.exit()).isEqualTo(1);
            assertThat(now.out()).contains("FAILED").contains("Cassandra is not running");

            Run list = run(d, "backup", "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out().lines().count()).as("the header alone").isEqualTo(1);
            assertThat(run(d, "backup", "list", "--json").out()).contains("\"backups\" : [ ]");

            Run show = run(d, "backup", "show", "20261202T000000Z-nothing");
            assertThat(show.exit()).isEqualTo(2);
            assertThat(show.err().strip()).startsWith("ringkeeper: no such backup (404): no backup 20261202T000000Z-nothing");

            Run started = run(d, "backup", "now", "--no-wait");
            assertThat(started.exit()).isZero();
            assertThat(started.out()).startsWith("backup job ").contains("/v1/jobs/");
        }
    }
}
