package io.ringkeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkeeper.testing.InProcessDaemon;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ringkeeper desired ...} and {@code ringkeeper status [KIND]} against a daemon (its own store, no ZooKeeper). */
class DesiredCommandTest {
    @TempDir
    static Path dir;
    static InProcessDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = InProcessDaemon.start(dir.resolve("daemon"), "");
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RingkeeperCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = d.uri().toString();
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void setShowsTheChangeHistoryListsItRollbackAndEditWriteNewVersions() throws Exception {
        Path first = Files.writeString(dir.resolve("first.yaml"), "daemon:\n  io.ringkeeper.clitest: DEBUG\n");
        Run created = run("desired", "set", "logging", first.toString(), "-m", "first");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("+ daemon:").contains("+   io.ringkeeper.clitest: DEBUG").contains("version 0 written");

        Path second = Files.writeString(dir.resolve("second.json"), "{\"daemon\": {\"io.ringkeeper.clitest\": \"WARN\"}}");
        Run changed = run("desired", "set", "logging", second.toString());
        assertThat(changed.out()).contains("-   io.ringkeeper.clitest: DEBUG").contains("+   io.ringkeeper.clitest: WARN")
                .contains("  daemon:").contains("version 1 written");
        assertThat(run("desired", "set", "logging", second.toString()).out()).contains("no change");

        Run get = run("desired", "get", "logging");
        assertThat(get.out()).contains("# logging version 1").contains("io.ringkeeper.clitest: WARN");
        assertThat(run("desired", "get", "logging", "--json").out()).contains("\"version\" : 1");

        Run rollback = run("desired", "rollback", "logging", "0");
        assertThat(rollback.exit()).as(rollback.err()).isZero();
        assertThat(rollback.out()).contains("+   io.ringkeeper.clitest: DEBUG").contains("version 2 written");
        Run history = run("desired", "history", "logging");
        assertThat(history.out().lines().skip(1).map(l -> l.split("\\s+")[0]).toList()).containsExactly("2", "1", "0");
        assertThat(history.out()).contains("rollback to version 0").contains("first");
        assertThat(run("desired", "rollback", "logging", "99").err()).contains("not in the history; kept: [2, 1, 0]");

        // edit: the editor is any command; this one turns DEBUG into ERROR in place.
        Run edited = run("desired", "edit", "logging", "--editor", "sed -i s/DEBUG/ERROR/", "-m", "quieter");
        assertThat(edited.exit()).as(edited.err()).isZero();
        assertThat(edited.out()).contains("+   io.ringkeeper.clitest: ERROR").contains("version 3 written");

        // status KIND: exit 0 once every live node has converged on the latest version.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Run status = run("status", "logging");
        while (status.exit() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = run("status", "logging");
        }
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out()).contains("logging: version 3, 1 of 1 node(s) converged").contains("node1").contains("CONVERGED");
        assertThat(run("status").out()).contains("logging   version 3: 1 of 1 node(s) converged");
    }

    @Test
    void badInputIsExit2WithOneLineAndWritesNothing() throws Exception {
        Path invalid = Files.writeString(dir.resolve("invalid.yaml"), "daemon:\n  io.x: LOUD\n");
        Run r = run("desired", "set", "logging", invalid.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("ringkeeper: the logging spec is not valid at /daemon/io.x:").doesNotContain("\n")
                .contains("allowed: one of TRACE");
        Run missing = run("desired", "set", "logging", dir.resolve("no-such.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("ringkeeper: " + dir.resolve("no-such.yaml") + ": no such file");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "daemon: {io.x: [\n");
        Run unreadable = run("desired", "set", "logging", broken.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err().strip()).startsWith("ringkeeper: " + broken + ": not YAML or JSON").doesNotContain("\n");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThat(run("desired", "set", "logging", list.toString()).err()).contains("expected the record's spec, an object");
        Run unknown = run("desired", "get", "nosuchkind");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no kind \"nosuchkind\"; the kinds are backup, logging");
        assertThat(run("status", "nosuchkind").exit()).isEqualTo(2);
    }
}
