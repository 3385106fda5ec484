package io.ringkeeper.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the wrapper's pidfile. A pid alone proves nothing (pids are reused), so the process must also be
 * alive and be a Cassandra daemon, according to its command line in /proc.
 */
public final class CassandraPidFile {
    private CassandraPidFile() {
    }

    public static Optional<ProcessHandle> running(Path pidfile) {
        String text;
        try {
            text = Files.readString(pidfile, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!text.matches("\\d{1,10}")) {
            return Optional.empty();
        }
        long pid = Long.parseLong(text);
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isCassandra(pid));
    }

    static boolean isCassandra(long pid) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).contains(JvmOptions.MAIN_CLASS);
        } catch (IOException e) {
            return false;
        }
    }
}
