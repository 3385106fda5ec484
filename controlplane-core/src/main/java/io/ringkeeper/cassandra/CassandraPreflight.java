package io.ringkeeper.cassandra;

import io.ringkeeper.config.InvalidConfigValue;
import io.ringkeeper.daemon.Preflight;
import io.ringkeeper.files.SetupChecks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the {@code cassandra:} section needs of this machine before anything is rendered: the installation (its jar, of
 * the configured version), the wrapper the process supervisor runs, the java binary and base yaml when set, and
 * directories that are directories (or can become ones) where the daemon writes. The ports are checked later, when
 * the node's address is known ({@link CassandraPorts}).
 */
final class CassandraPreflight implements Preflight {
    /** Cassandra's own jar: apache-cassandra-5.0.2.jar in a tarball's lib/, cassandra-all-5.0.9.jar from Maven. */
    private static final Pattern CASSANDRA_JAR = Pattern.compile("(?:apache-cassandra|cassandra-all)-(\\d+)\\.(\\d+)[0-9A-Za-z.~+-]*\\.jar");

    private final CassandraConfig config;

    CassandraPreflight(CassandraConfig config) {
        this.config = config;
    }

    @Override
    public void check() {
        installation();
        if (!config.usesSystemd()) {
            SetupChecks.executable("cassandra.wrapper", config.wrapper(), "install the ringkeeper package, or point"
                    + " cassandra.wrapper at systemd/cassandra-wrapper of a source checkout");
        }
        if (config.java() != null) {
            SetupChecks.executable("cassandra.java", config.java(), "point it at a java binary, or remove the key to use"
                    + " the daemon's own");
        }
        if (config.baseYaml() != null) {
            SetupChecks.readableFile("cassandra.base_yaml", config.baseYaml(), "point it at a cassandra.yaml, or remove"
                    + " the key");
        }
        SetupChecks.directory("cassandra.conf_dir", config.confDir(), true);
        SetupChecks.directory("cassandra.log_dir", config.logDir(), true);
        // Cassandra creates and writes these (as its own user under systemd): they only must not be files.
        for (int i = 0; i < config.dataDirs().size(); i++) {
            SetupChecks.directory("cassandra.data_dirs[" + i + "]", config.dataDirs().get(i), false);
        }
        SetupChecks.directory("cassandra.commitlog_dir", config.commitlogDir(), false);
        SetupChecks.directory("cassandra.hints_dir", config.hintsDir(), false);
        SetupChecks.directory("cassandra.saved_caches_dir", config.savedCachesDir(), false);
        Path pidDir = config.pidfile().toAbsolutePath().getParent();
        if (pidDir != null) {
            SetupChecks.directory("cassandra.pidfile", pidDir, false);
        }
        if (Files.isDirectory(config.pidfile())) {
            throw new InvalidConfigValue("cassandra.pidfile", config.pidfile() + " is a directory; name a file, e.g. "
                    + "/run/cassandra/cassandra.pid");
        }
    }

    private void installation() {
        Path home = config.home().toAbsolutePath().normalize();
        String fix = "point cassandra.home at a Cassandra " + config.version() + " installation (the directory whose lib/"
                + " holds its jars, e.g. /usr/share/cassandra or an unpacked tarball)";
        if (!Files.isDirectory(home)) {
            throw new InvalidConfigValue("cassandra.home", home + " does not exist; " + fix);
        }
        Optional<Matcher> jar = cassandraJar(home.resolve("lib")).or(() -> cassandraJar(home));
        if (jar.isEmpty()) {
            throw new InvalidConfigValue("cassandra.home", home + " holds no Cassandra jar (apache-cassandra-*.jar or"
                    + " cassandra-all-*.jar, in lib/ or beside it); " + fix);
        }
        String found = jar.get().group(1) + "." + jar.get().group(2);
        if (!found.equals(config.version())) {
            throw new InvalidConfigValue("cassandra.version", "\"" + config.version() + "\" does not match the Cassandra in "
                    + home + " (" + jar.get().group() + "); set cassandra.version: \"" + found + "\" or " + fix);
        }
    }

    private static Optional<Matcher> cassandraJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Matcher> found = files.map(p -> CASSANDRA_JAR.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).toList();
            return found.stream().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
