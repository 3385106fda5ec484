package io.ringkeeper.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmOptionsTest {
    @TempDir
    Path dir;

    private List<String> command(String section, long memory) throws Exception {
        CassandraConfig c = TestConfigs.load(dir, section).settings().cassandra();
        return JvmOptions.command(c, new JvmOptions.Paths(Path.of("/opt/java/bin/java"), dir.resolve("conf/cassandra.yaml"),
                dir.resolve("conf/logback.xml"), dir, Path.of("/opt/cassandra/lib/jamm-0.3.2.jar")), memory);
    }

    @Test
    void heapFollowsMachineMemoryUnlessSet() throws Exception {
        assertThat(command("", 24L << 30)).contains("-Xms6G", "-Xmx6G");
        assertThat(command("", 64L << 30)).contains("-Xmx8G");
        assertThat(command("", 2L << 30)).contains("-Xmx1G");
        assertThat(command("", 1L << 30)).contains("-Xmx512M");
        assertThat(command("heap: 512M\n", 24L << 30)).contains("-Xms512M", "-Xmx512M").doesNotContain("-Xmx6G");
    }

    @Test
    void cassandra41GetsTheExtraOpensItNeedsOnJava17() throws Exception {
        List<String> five = command("", 8L << 30);
        List<String> four = command("version: \"4.1\"\n", 8L << 30);
        String extra = "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED";
        assertThat(five).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED").doesNotContain(extra);
        assertThat(four).contains(extra, "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
        assertThat(four).doesNotHaveDuplicates();
    }

    @Test
    void commandStartsWithJavaAndEndsWithTheDaemonClassAfterExtraOptions() throws Exception {
        List<String> cmd = command("""
                jmx_port: 17199
                replace_address: 10.1.2.3
                jvm_options: [-Dcassandra.ring_delay_ms=1000, -Xmx700M]
                """, 8L << 30);
        assertThat(cmd.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(cmd.get(cmd.size() - 1)).isEqualTo(JvmOptions.MAIN_CLASS);
        assertThat(cmd.get(cmd.size() - 2)).as("lib/ (tarball, Maven), then the home itself (Apache's deb and rpm)")
                .isEqualTo(dir.resolve("cassandra-home/lib") + "/*:" + dir.resolve("cassandra-home") + "/*");
        assertThat(cmd).contains("-javaagent:/opt/cassandra/lib/jamm-0.3.2.jar", "-Dcassandra.jmx.local.port=17199", "-Dcassandra.replace_address_first_boot=10.1.2.3",
                "-Dcassandra.config=" + dir.resolve("conf/cassandra.yaml").toUri());
        // Extra options come after the computed heap, so the JVM takes the operator's value.
        assertThat(cmd.indexOf("-Xmx700M")).isGreaterThan(cmd.indexOf("-Xmx2G"));
        assertThat(command("", 8L << 30)).noneMatch(a -> a.contains("replace_address"));
    }
}
