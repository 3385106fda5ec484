package io.ringkeeper.seeds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seeds file the daemon writes (atomically: temp file + rename) beside its state: UTF-8 text, one address per
 * line ({@code 10.0.0.1}, {@code 10.0.0.2:7000}, {@code [2001:db8::1]:7000}); blank lines are ignored and
 * {@code #} starts a comment that runs to the end of the line.
 */
final class SeedsFile {
    private SeedsFile() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (!value.isEmpty()) {
                seeds.add(value);
            }
        }
        return seeds;
    }
}
