package io.ringkeeper.cassandra;

import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a ringkeeper.yaml through the real loader, so tests see exactly what the daemon sees. */
final class TestConfigs {
    private TestConfigs() {
    }

    static LoadedConfig load(Path dir, String cassandraSection) throws IOException {
        return load(dir, cassandraSection, "");
    }

    /** @param otherSections top-level sections besides {@code cassandra:} (e.g. {@code zookeeper:}) */
    static LoadedConfig load(Path dir, String cassandraSection, String otherSections) throws IOException {
        Path file = dir.resolve("ringkeeper.yaml");
        Files.writeString(file, """
                cluster_name: test-cluster
                cloud: local
                state_dir: state
                local:
                  inventory:
                    - {id: n1, address: 127.0.0.7, dc: dc-east, rack: rack-b}
                cassandra:
                  home: cassandra-home
                  conf_dir: conf
                  data_dirs: [data1, data2]
                  commitlog_dir: commitlog
                  hints_dir: hints
                  saved_caches_dir: caches
                  log_dir: logs
                """ + cassandraSection.indent(2) + otherSections);
        return ConfigLoader.withInstalledProviders().load(file);
    }
}
