package io.ringkeeper.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesCreateParentsAndReplaceWholeContents() throws IOException {
        Path target = dir.resolve("a/b/file.yaml");
        AtomicFiles.write(target, "first version, longer".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(leftovers()).as("no temp files left behind").containsExactly(target);
    }

    @Test
    void anUnchangedResultDoesNotTouchTheFile() throws IOException {
        Path target = dir.resolve("cassandra.yaml");
        byte[] contents = "cluster_name: x\n".getBytes(StandardCharsets.UTF_8);
        assertThat(AtomicFiles.writeIfChanged(target, contents)).isTrue();
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);
        Object inode = Files.getAttribute(target, "unix:ino");

        assertThat(AtomicFiles.writeIfChanged(target, contents)).isFalse();
        assertThat(Files.getLastModifiedTime(target)).isEqualTo(old);
        assertThat(Files.getAttribute(target, "unix:ino")).isEqualTo(inode);

        assertThat(AtomicFiles.writeIfChanged(target, "cluster_name: y\n".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Files.readString(target)).isEqualTo("cluster_name: y\n");
    }

    @Test
    void aWriterThatFailsLeavesTheOldFileAndNoTemp() throws IOException {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("{\"half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("{\"ok\":true}");
        assertThat(leftovers()).containsExactly(target);
    }

    private java.util.List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
