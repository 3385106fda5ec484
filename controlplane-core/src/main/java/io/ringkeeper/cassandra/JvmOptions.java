package io.ringkeeper.cassandra;

import io.ringkeeper.config.DataSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs Cassandra: java, heap, the Java 17 flags the Cassandra version needs, the
 * paths of the rendered files, replacement and extra options, then the main class. Pure: the machine's
 * memory is an input, so tests pin it.
 */
public final class JvmOptions {
    public static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** Cassandra 5.0's Java 17 server flags (its conf/jvm17-server.options). */
    private static final List<String> JAVA17_EXPORTS = List.of(
            "java.base/jdk.internal.misc", "java.management.rmi/com.sun.jmx.remote.internal.rmi",
            "java.rmi/sun.rmi.registry", "java.rmi/sun.rmi.server", "java.sql/java.sql", "java.base/java.lang.ref",
            "jdk.unsupported/sun.misc", "jdk.compiler/com.sun.tools.javac.file", "jdk.attach/sun.tools.attach");
    private static final List<String> JAVA17_OPENS = List.of(
            "java.base/java.lang.module", "java.base/jdk.internal.loader", "java.base/jdk.internal.ref",
            "java.base/jdk.internal.reflect", "java.base/jdk.internal.math", "java.base/jdk.internal.module",
            "java.base/jdk.internal.util.jar", "java.base/sun.nio.ch", "java.base/java.io",
            "java.base/java.lang.reflect", "java.base/java.lang", "java.base/java.util",
            "jdk.management/com.sun.management.internal", "jdk.compiler/com.sun.tools.javac");
    /** 4.1 was not built for Java 17: it reaches into more of the JDK and fails at start without these. */
    private static final List<String> JAVA17_EXPORTS_41 = List.of("java.base/jdk.internal.ref", "java.base/sun.nio.ch");
    private static final List<String> JAVA17_OPENS_41 = List.of(
            "java.base/java.math", "java.base/java.net", "java.base/java.nio", "java.base/java.util.concurrent",
            "java.base/java.util.concurrent.atomic", "java.base/java.util.concurrent.locks", "java.base/sun.nio.cs");

    private JvmOptions() {
    }

    /** Where the rendered files are, as the command line names them. */
    public record Paths(Path java, Path yaml, Path logback, Path storageDir, Path jammAgent) {
    }

    public static List<String> command(CassandraConfig c, Paths paths, long machineMemoryBytes) {
        return command(c, Placement.of(c), paths, machineMemoryBytes, List.of());
    }

    /**
     * @param placement      the node's place in its ring (only the node it replaces is on the command line)
     * @param extraClasspath jars Cassandra loads besides its own (Ringkeeper's seed provider)
     */
    public static List<String> command(CassandraConfig c, Placement placement, Paths paths, long machineMemoryBytes,
                                       List<Path> extraClasspath) {
        List<String> cmd = new ArrayList<>();
        cmd.add(paths.java().toString());
        long heap = c.heap() != null ? c.heap().bytes() : autoHeap(machineMemoryBytes);
        String heapArg = DataSize.ofBytes(heap).toString();
        cmd.add("-Xms" + heapArg);
        cmd.add("-Xmx" + heapArg);
        cmd.add("-Xss256k");
        cmd.add("-XX:+AlwaysPreTouch");
        cmd.add("-XX:+HeapDumpOnOutOfMemoryError");
        cmd.add("-XX:+CrashOnOutOfMemoryError");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.addAll(java17Flags(c.version()));
        if (paths.jammAgent() != null) {
            // Cassandra measures memtable sizes with jamm; without its agent, 4.1 falls back to Unsafe, which
            // fails on Java 17's hidden classes at start. Cassandra's own launch scripts always add it.
            cmd.add("-javaagent:" + paths.jammAgent());
        }
        cmd.add("-Dcassandra.config=" + paths.yaml().toUri());
        cmd.add("-Dcassandra-rackdc.properties=" + paths.yaml().resolveSibling(CassandraFiles.RACKDC).toUri());
        cmd.add("-Dlogback.configurationFile=" + paths.logback());
        cmd.add("-Dcassandra.logdir=" + c.logDir());
        cmd.add("-Dcassandra.storagedir=" + paths.storageDir());
        cmd.add("-Dcassandra-foreground=yes");
        // Local JMX binds 127.0.0.1 only and needs no password: the daemon beside the node is its only client.
        cmd.add("-Dcassandra.jmx.local.port=" + c.jmxPort());
        if (placement.replaceAddress() != null) {
            // Cassandra ignores it once the node has bootstrapped, so leaving it set after the first boot is safe.
            cmd.add("-Dcassandra.replace_address_first_boot=" + placement.replaceAddress());
        }
        cmd.addAll(c.jvmOptions());
        cmd.add("-cp");
        // lib/ holds the jars of a tarball or Maven layout; Apache's deb and rpm keep apache-cassandra.jar beside lib/.
        StringBuilder classpath = new StringBuilder(c.home().resolve("lib") + "/*" + java.io.File.pathSeparatorChar + c.home() + "/*");
        extraClasspath.forEach(jar -> classpath.append(java.io.File.pathSeparatorChar).append(jar));
        cmd.add(classpath.toString());
        cmd.add(MAIN_CLASS);
        return List.copyOf(cmd);
    }

    /**
     * Half the memory up to 1G, or a quarter up to 8G, whichever is larger: small machines keep room for
     * the page cache and off-heap structures, large ones stop at a heap G1 still collects quickly.
     */
    static long autoHeap(long machineMemoryBytes) {
        long gib = 1L << 30;
        long half = Math.min(machineMemoryBytes / 2, gib);
        long quarter = Math.min(machineMemoryBytes / 4, 8 * gib);
        long heap = Math.max(half, quarter);
        return Math.max(heap - heap % (1L << 20), 64L << 20);
    }

    static List<String> java17Flags(String version) {
        List<String> f = new ArrayList<>(List.of("-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled",
                "-XX:MaxTenuringThreshold=1", "-XX:G1HeapRegionSize=16m", "-Djdk.attach.allowAttachSelf=true"));
        List<String> exports = new ArrayList<>(JAVA17_EXPORTS);
        List<String> opens = new ArrayList<>(JAVA17_OPENS);
        if (version.equals("4.1")) {
            JAVA17_EXPORTS_41.stream().filter(e -> !exports.contains(e)).forEach(exports::add);
            JAVA17_OPENS_41.stream().filter(o -> !opens.contains(o)).forEach(opens::add);
        }
        exports.forEach(e -> f.add("--add-exports=" + e + "=ALL-UNNAMED"));
        opens.forEach(o -> f.add("--add-opens=" + o + "=ALL-UNNAMED"));
        f.add("-Dio.netty.tryReflectionSetAccessible=true");
        f.add("-Dio.netty.allocator.useCacheForAllThreads=true");
        f.add("-Dio.netty.allocator.maxOrder=11");
        return f;
    }
}
