package io.ringkeeper.cassandra;

import io.ringkeeper.config.Addresses;
import io.ringkeeper.config.DataSize;
import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code cassandra:} section of ringkeeper.yaml: which Cassandra to run, where its files go, how it is
 * supervised and stopped. Defaults live in {@code config/defaults.yaml}; docs/configuration.md explains each key.
 *
 * @param version        the Cassandra release line: picks the bundled base yaml and the JVM flag set
 * @param home           the installed Cassandra: {@code lib/} holds its jars, {@code conf/} (optional) its own yaml
 * @param java           the java binary that runs Cassandra; null means the daemon's own
 * @param baseYaml       the yaml the rendering starts from; null means {@code <home>/conf/cassandra.yaml} when it
 *                       exists, else the template bundled for {@code version}
 * @param confDir        where cassandra.yaml, cassandra-rackdc.properties, logback.xml and the launch command are written
 * @param dataDirs       one or more data directories
 * @param seeds          seed addresses; empty means this node alone (it is its own seed)
 * @param numTokens      tokens per node (never changes once the node has joined)
 * @param initialToken   explicit tokens, comma separated; null lets Cassandra allocate
 * @param yaml           operator overrides laid over the base yaml: any key, nested maps and lists
 * @param heap           the JVM heap; null sizes it from the machine's memory
 * @param jvmOptions     extra JVM options appended last (they win over computed ones)
 * @param replaceAddress when set, the node replaces the dead node at this address on its first boot
 * @param supervisor     {@code systemd}, {@code process} or {@code auto} (systemd when it is PID 1)
 * @param drainTimeout   the budget for a JMX drain before the process is stopped anyway
 * @param stopTimeout    after SIGTERM, how long until SIGKILL (the unit's TimeoutStopSec)
 * @param restartDelay   after an unexpected exit, how long until the restart (the unit's RestartSec)
 * @param readyTimeout   how long a start job waits for the node to be ready before it fails
 * @param startOnBoot    whether the daemon starts Cassandra when the daemon starts (if it is not running already)
 */
public record CassandraConfig(
        String version,
        Path home,
        Path java,
        Path baseYaml,
        Path confDir,
        List<Path> dataDirs,
        Path commitlogDir,
        Path hintsDir,
        Path savedCachesDir,
        Path logDir,
        List<String> seeds,
        int numTokens,
        String initialToken,
        int nativePort,
        int storagePort,
        int jmxPort,
        Map<String, Object> yaml,
        DataSize heap,
        List<String> jvmOptions,
        String replaceAddress,
        String supervisor,
        String unit,
        Path wrapper,
        Path pidfile,
        Path pagecacheHook,
        Duration drainTimeout,
        Duration stopTimeout,
        Duration restartDelay,
        Duration readyTimeout,
        boolean startOnBoot) {

    public static final Set<String> VERSIONS = Set.of("5.0", "4.1");
    public static final Set<String> SUPERVISORS = Set.of("auto", "systemd", "process");
    /** A drain's budget, from the config or from {@code ?drain_timeout=}: the same bounds, so a stop is always bounded. */
    public static final Durations.Range DRAIN_TIMEOUT = Durations.Range.of("1ms", "1h", "120s");
    public static final Durations.Range STOP_TIMEOUT = Durations.Range.of("1s", "1h", "180s");
    /** Long enough for a node that bootstraps terabytes. */
    public static final Durations.Range READY_TIMEOUT = Durations.Range.of("1s", "2d", "10m");
    public static final Durations.Range RESTART_DELAY = Durations.Range.of("0s", "1h", "10s");

    public CassandraConfig {
        if (!VERSIONS.contains(version)) {
            throw new InvalidConfigValue("version", "\"" + version + "\" is not a supported Cassandra version; use \"5.0\" or \"4.1\"");
        }
        requirePath("home", home, "/usr/share/cassandra");
        requirePath("conf_dir", confDir, "/etc/cassandra");
        if (dataDirs == null || dataDirs.isEmpty()) {
            throw new InvalidConfigValue("data_dirs", "is empty; list at least one directory, e.g. [/var/lib/cassandra/data]");
        }
        dataDirs = List.copyOf(dataDirs);
        requirePath("commitlog_dir", commitlogDir, "/var/lib/cassandra/commitlog");
        requirePath("hints_dir", hintsDir, "/var/lib/cassandra/hints");
        requirePath("saved_caches_dir", savedCachesDir, "/var/lib/cassandra/saved_caches");
        requirePath("log_dir", logDir, "/var/log/cassandra");
        requirePath("wrapper", wrapper, "/usr/lib/ringkeeper/cassandra-wrapper");
        requirePath("pidfile", pidfile, "/run/cassandra/cassandra.pid");
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        for (int i = 0; i < seeds.size(); i++) {
            Addresses.checkAddressAndPort("seeds[" + i + "]", seeds.get(i));
        }
        if (replaceAddress != null) {
            Addresses.parseLiteral("replace_address", replaceAddress);
        }
        if (numTokens < 1 || numTokens > 1536) {
            throw new InvalidConfigValue("num_tokens", numTokens + " is out of range; use 1-1536, e.g. 16");
        }
        if (initialToken != null && initialToken.split(",").length != numTokens) {
            throw new InvalidConfigValue("initial_token", "lists " + initialToken.split(",").length
                    + " tokens but num_tokens is " + numTokens + "; give exactly num_tokens comma-separated tokens");
        }
        checkPort("native_port", nativePort);
        checkPort("storage_port", storagePort);
        checkPort("jmx_port", jmxPort);
        yaml = yaml == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(yaml));
        for (String key : CassandraYamlRenderer.COMPUTED_KEYS.keySet()) {
            if (yaml.containsKey(key)) {
                throw new InvalidConfigValue("yaml." + key, "is computed by Ringkeeper; "
                        + CassandraYamlRenderer.COMPUTED_KEYS.get(key));
            }
        }
        if (heap != null && heap.bytes() < (64L << 20)) {
            throw new InvalidConfigValue("heap", heap + " is too small; use at least 64M, e.g. 8G (or leave it empty to size from memory)");
        }
        jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        if (!SUPERVISORS.contains(supervisor)) {
            throw new InvalidConfigValue("supervisor", "\"" + supervisor + "\" is not a supervisor; use auto, systemd or process");
        }
        if (unit == null || !unit.endsWith(".service")) {
            throw new InvalidConfigValue("unit", "\"" + unit + "\" is not a systemd service name; use e.g. cassandra.service");
        }
        DRAIN_TIMEOUT.check("drain_timeout", drainTimeout);
        STOP_TIMEOUT.check("stop_timeout", stopTimeout);
        READY_TIMEOUT.check("ready_timeout", readyTimeout);
        RESTART_DELAY.check("restart_delay", restartDelay);
    }

    /** systemd supervises when asked to, or on {@code auto} when it is the init system (it made /run/systemd/system). */
    public boolean usesSystemd() {
        return supervisor.equals("systemd")
                || (supervisor.equals("auto") && Files.isDirectory(Path.of("/run/systemd/system")));
    }

    private static void requirePath(String key, Path p, String example) {
        if (p == null) {
            throw new InvalidConfigValue(key, "is empty; use a path such as " + example);
        }
    }

    private static void checkPort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidConfigValue(key, port + " is not a TCP port; use 1-65535");
        }
    }

}
