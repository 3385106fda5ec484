package io.ringkeeper.e2e;

import java.nio.file.Path;

/** The java binary running the tests (Java 17), also used to run Cassandra's own tools. */
final class Path0 {
    private Path0() {
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
