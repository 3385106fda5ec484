package io.ringkeeper.cassandra;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes everything Cassandra reads at start: cassandra.yaml, cassandra-rackdc.properties, logback.xml (when
 * the installation has none) and the command line the wrapper execs. Every write is atomic and skipped
 * when nothing changed; the yaml is read back and compared before Cassandra is allowed to see it.
 *
 * <p>Data, commit log, hints and cache directories are left to Cassandra to create: under systemd it runs as
 * its own user, and directories made by the daemon (root) would not be writable by it.
 */
public final class CassandraFiles {
    public static final String YAML = "cassandra.yaml";
    public static final String RACKDC = "cassandra-rackdc.properties";
    public static final String COMMAND = "cassandra.cmdline";

    private final String clusterName;
    private final CassandraConfig config;
    private final JoinedNodeGuard guard;
    private final long machineMemoryBytes;
    private final boolean plannedByControlPlane;
    private final DataSwap swap;
    private volatile NodePlan plan;

    /**
     * @param plannedByControlPlane the node's tokens, seeds and replacement come from ZooKeeper: nothing is rendered
     *                              until the join flow hands over its {@link NodePlan}
     */
    public CassandraFiles(String clusterName, CassandraConfig config, JoinedNodeGuard guard, long machineMemoryBytes,
                          boolean plannedByControlPlane) {
        this(clusterName, config, guard, machineMemoryBytes, plannedByControlPlane, DataSwap.NONE);
    }

    /** @param swap refuses every render (so every start) while a whole-node restore moves the data */
    public CassandraFiles(String clusterName, CassandraConfig config, JoinedNodeGuard guard, long machineMemoryBytes,
                          boolean plannedByControlPlane, DataSwap swap) {
        this.swap = swap;
        this.clusterName = clusterName;
        this.config = config;
        this.guard = guard;
        this.machineMemoryBytes = machineMemoryBytes;
        this.plannedByControlPlane = plannedByControlPlane;
    }

    /** Thrown by {@link #render} while the control plane has not planned the node yet: nothing was written. */
    public static final class NotPlannedYet extends IllegalStateException {
        public NotPlannedYet() {
            super("Cassandra's tokens and seeds come from ZooKeeper's token registry, and this node has no token slot yet;"
                    + " the join flow configures and starts Cassandra once it has one (see GET /v1/health/ready)");
        }
    }

    /** The whole-node restore moving the data now, if any: nothing starts Cassandra until it is done. */
    public java.util.Optional<String> swapInProgress() throws IOException {
        return swap.holder();
    }

    /** What a render produced: the yaml as Cassandra will read it, the command line, and which files changed. */
    public record Rendered(Map<String, Object> yaml, List<String> command, List<Path> changed) {
    }

    public Path yamlFile() {
        return config.confDir().resolve(YAML);
    }

    public Path commandFile() {
        return config.confDir().resolve(COMMAND);
    }

    /** From now on, render the control plane's decisions instead of the fixed tokens, seeds and replacement. */
    public void usePlan(NodePlan plan) {
        this.plan = plan;
    }

    public Optional<NodePlan> plan() {
        return Optional.ofNullable(plan);
    }

    /** Whether Cassandra can be configured now (always, unless its plan comes from ZooKeeper and has not come yet). */
    public boolean planned() {
        return !plannedByControlPlane || plan != null;
    }

    /**
     * Renders every file. With ZooKeeper, only once the join flow has handed over its plan: before that, the fixed
     * {@code cassandra.*} tokens and seeds would be rendered, and a Cassandra started on them would join with tokens
     * that did not come from the registry. This is the one guard: every path to a start goes through here.
     *
     * @throws NotPlannedYet when the plan is awaited
     * @throws DataSwap.InProgress while a whole-node restore moves the data
     */
    public Rendered render(Instance self) throws IOException {
        swap.check();
        NodePlan p = plan;
        if (p == null && plannedByControlPlane) {
            throw new NotPlannedYet();
        }
        Placement placement = p == null ? Placement.of(config) : p.placement();
        Map<String, Object> yaml = verified(self, p);
        String yamlText = CassandraYamlRenderer.toYaml(yaml);
        // Read back what we are about to write: a value the yaml writer mangled must never reach Cassandra.
        if (!CassandraYamlRenderer.parse(yamlText).equals(yaml)) {
            throw new IllegalStateException("the rendered cassandra.yaml does not read back to the intended values");
        }

        Path logback = config.home().resolve("conf").resolve("logback.xml");
        List<Path> changed = new ArrayList<>();
        if (!Files.isRegularFile(logback)) {
            logback = config.confDir().resolve("logback.xml");
            write(logback, resource("logback.xml"), changed);
        }
        Path java = config.java() != null ? config.java() : Path.of(System.getProperty("java.home"), "bin", "java");
        Path storageDir = config.dataDirs().get(0).toAbsolutePath().getParent();
        List<String> command = JvmOptions.command(config, placement,
                new JvmOptions.Paths(java, yamlFile(), logback, storageDir, jammAgent()), machineMemoryBytes,
                p == null ? List.of() : List.of(p.seedProviderJar()));

        write(yamlFile(), yamlText, changed);
        write(config.confDir().resolve(RACKDC), RackDcProperties.render(self), changed);
        write(commandFile(), String.join("\n", command) + "\n", changed);
        return new Rendered(yaml, command, List.copyOf(changed));
    }

    /**
     * What {@link #render} checks before it writes, without writing: the values a joined node must keep. For the
     * daemon's start checks, when the files come from the config alone (no plan awaited).
     */
    public void verify(Instance self) throws IOException {
        if (plan == null && !plannedByControlPlane) {
            verified(self, null);
        }
    }

    /** The yaml from explicit inputs: the config, the node's placement (the plan's, or the config's), the seed provider. */
    private Map<String, Object> verified(Instance self, NodePlan p) throws IOException {
        Map<String, Object> yaml = CassandraYamlRenderer.render(baseYaml(), new CassandraYamlRenderer.Inputs(clusterName, self, config,
                p == null ? Placement.of(config) : p.placement(), p == null ? null : p.seedProvider()));
        guard.check(yaml);
        return yaml;
    }

    /** The jamm jar Cassandra ships in lib/, used as a java agent; null when there is none. */
    private Path jammAgent() throws IOException {
        Path lib = config.home().resolve("lib");
        if (!Files.isDirectory(lib)) {
            return null;
        }
        try (var jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().matches("jamm-[0-9.]+\\.jar")).sorted().findFirst().orElse(null);
        }
    }

    private String baseYaml() throws IOException {
        Path base = config.baseYaml();
        if (base == null) {
            Path installed = config.home().resolve("conf").resolve(YAML);
            if (Files.isRegularFile(installed)) {
                base = installed;
            }
        }
        if (base == null) {
            return resource("cassandra-" + config.version() + ".yaml");
        }
        if (!Files.isRegularFile(base)) {
            throw new ConfigException("cassandra.base_yaml: " + base + " does not exist; point it at a cassandra.yaml or remove the key");
        }
        return Files.readString(base);
    }

    private static void write(Path file, String text, List<Path> changed) throws IOException {
        if (AtomicFiles.writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8))) {
            changed.add(file);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CassandraFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: io/ringkeeper/cassandra/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
