package io.ringkeeper.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedListFileTest {
    @TempDir
    Path dir;

    @Test
    void writesOneAddressPerLineAndReadsThemBack() throws Exception {
        SeedListFile file = new SeedListFile(dir.resolve("seeds"));
        assertThat(file.read()).isEmpty();
        assertThat(file.write(List.of("127.0.0.1", "127.0.0.2"))).isTrue();
        assertThat(file.read()).containsExactly("127.0.0.1", "127.0.0.2");
        assertThat(Files.readAllLines(file.path())).contains("127.0.0.1", "127.0.0.2");
    }

    @Test
    void anUnchangedListDoesNotRewriteTheFile() throws Exception {
        SeedListFile file = new SeedListFile(dir.resolve("seeds"));
        file.write(List.of("127.0.0.1"));
        assertThat(file.write(List.of("127.0.0.1"))).isFalse();
        assertThat(file.write(List.of("127.0.0.3"))).isTrue();
        assertThat(file.read()).containsExactly("127.0.0.3");
    }

    @Test
    void anEmptyListKeepsTheLastGoodOne() throws Exception {
        SeedListFile file = new SeedListFile(dir.resolve("seeds"));
        file.write(List.of("127.0.0.1"));
        assertThat(file.write(List.of())).isFalse();
        assertThat(file.read()).containsExactly("127.0.0.1");
    }
}
