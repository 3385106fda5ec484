package io.ringkeeper.seeds;

import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seeds file Cassandra's seed provider falls back to when the daemon does not answer: one address per
 * line, '#' starts a comment. Written atomically, and only when the list changed, so the last good list
 * survives any crash and the provider never reads half a file.
 */
public final class SeedListFile {
    private final Path path;

    public SeedListFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** @return whether the file changed */
    public boolean write(List<String> seeds) throws IOException {
        if (seeds.isEmpty()) {
            // An empty file would leave the seed provider nothing to fall back on; keep the last good list.
            return false;
        }
        StringBuilder text = new StringBuilder("# Cassandra seeds, written by ringkeeper; read by Cassandra's seed provider.\n");
        seeds.forEach(s -> text.append(s).append('\n'));
        return AtomicFiles.writeIfChanged(path, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public List<String> read() throws IOException {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                    .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
