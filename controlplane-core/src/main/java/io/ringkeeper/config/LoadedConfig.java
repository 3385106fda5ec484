package io.ringkeeper.config;

import java.nio.file.Path;

/**
 * Everything read from one config file: where it came from, the daemon-wide keys, and the selected cloud
 * provider's own section (a record type the provider owns, e.g. the local cloud's inventory).
 */
public record LoadedConfig(Path source, RingkeeperConfig settings, Object cloudSettings) {
}
