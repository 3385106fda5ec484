package io.ringkeeper.files;

import io.ringkeeper.config.InvalidConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Read-only checks of the paths a config names, for preflights: each throws {@link InvalidConfigValue} naming the key
 * and the fix, and none creates or changes anything.
 */
public final class SetupChecks {
    private SetupChecks() {
    }

    /**
     * {@code dir} is a directory, or can be made one: the path is not a file, and its nearest existing ancestor is a
     * directory; when {@code writtenByUs}, that ancestor (or the directory) is writable by this process.
     */
    public static void directory(String key, Path dir, boolean writtenByUs) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidConfigValue(key, abs + " is a file, not a directory; point " + key + " at a directory");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidConfigValue(key, abs + " cannot be created: " + existing + " is a file, not a directory; point "
                    + key + " elsewhere");
        }
        if (writtenByUs && !Files.isWritable(existing)) {
            throw new InvalidConfigValue(key, (existing.equals(abs) ? abs + " is not writable"
                    : abs + " cannot be created: " + existing + " is not writable") + " by user "
                    + System.getProperty("user.name") + "; fix its owner or permissions, or point " + key + " elsewhere");
        }
    }

    /** {@code file} is a regular file this process can read. */
    public static void readableFile(String key, Path file, String fix) {
        if (!Files.exists(file)) {
            throw new InvalidConfigValue(key, file + " does not exist; " + fix);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigValue(key, file + " is not a regular file; " + fix);
        }
        if (!Files.isReadable(file)) {
            throw new InvalidConfigValue(key, file + " is not readable by user " + System.getProperty("user.name") + "; " + fix);
        }
    }

    /** {@code file} is a regular file this process can execute. */
    public static void executable(String key, Path file, String fix) {
        readableFile(key, file, fix);
        if (!Files.isExecutable(file)) {
            throw new InvalidConfigValue(key, file + " is not executable (chmod +x); " + fix);
        }
    }
}
