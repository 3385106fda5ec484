package io.ringkeeper.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes files so that a crash at any moment leaves either the old contents or the new, never a mix:
 * write a temp file beside the target, fsync it, rename it over the target, fsync the directory.
 */
public final class AtomicFiles {

    /** Writes the bytes the callback produces. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] contents) throws IOException {
        write(target, out -> out.write(contents));
    }

    /**
     * Writes only when the contents differ from what is there, so an unchanged result does not touch the
     * file (its mtime, its inode, anyone watching it).
     *
     * @return whether the file was written
     */
    public static boolean writeIfChanged(Path target, byte[] contents) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == contents.length
                && Arrays.equals(Files.readAllBytes(target), contents)) {
            return false;
        }
        write(target, contents);
        return true;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                writer.writeTo(out);
                out.flush();
                ch.force(true);
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames a complete, fsynced file over {@code target} and makes the rename itself durable. */
    public static void moveIntoPlace(Path complete, Path target) throws IOException {
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + complete + " to " + target
                    + " atomically; keep both on one filesystem", e);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
