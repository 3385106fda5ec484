package io.ringkeeper.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
    @TempDir
    Path dir;

    @Test
    void aTreeGoesWithEverythingUnderItAndItsNeighboursStay() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "x");
        Files.writeString(dir.resolve("tree/top.txt"), "y");
        Files.writeString(dir.resolve("neighbour.txt"), "z");

        FileTrees.delete(dir.resolve("tree"));

        assertThat(dir.resolve("tree")).doesNotExist();
        assertThat(dir.resolve("neighbour.txt")).hasContent("z");
    }

    @Test
    void aMissingTreeIsNothingToDo() throws Exception {
        FileTrees.delete(dir.resolve("never-made"));
        assertThat(dir).isEmptyDirectory();
    }
}
