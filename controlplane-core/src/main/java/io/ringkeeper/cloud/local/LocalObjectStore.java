package io.ringkeeper.cloud.local;

import io.ringkeeper.cloud.MeteredInputStream;
import io.ringkeeper.cloud.ObjectChecksums;
import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectKeys;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import io.ringkeeper.files.AtomicFiles;
import io.ringkeeper.files.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;

/**
 * An object store that is a directory: key {@code a/b/c} is the file {@code <root>/a/b/c}. Writes go to
 * {@code <root>/.tmp/} first and are renamed into place once complete and fsynced, so readers and
 * listings never see a partial object. Several daemons on one machine may share one root.
 *
 * <p>Each file carries the CRC32C of its contents in the user extended attribute {@value #CHECKSUM_ATTR},
 * set on the temp file before the rename so contents and checksum appear together; whole reads check it.
 * On a filesystem without user xattrs the checksum is not kept and reads are not checked.
 */
public final class LocalObjectStore implements ObjectStore {
    static final String TEMP_DIR = ".tmp";
    static final String CHECKSUM_ATTR = "ringkeeper.crc32c";

    private final Path root;

    public LocalObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public void put(String key, Path source, Transfer transfer) throws IOException {
        Path temp = newTemp();
        try {
            try (InputStream in = new MeteredInputStream(Files.newInputStream(source), transfer);
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
            fsync(temp);
            recordChecksum(temp, ObjectChecksums.crc32c(temp));
            publish(temp, key);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void put(String key, byte[] contents) throws IOException {
        Path temp = newTemp();
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Channels.newOutputStream(ch).write(contents);
                ch.force(true);
            }
            recordChecksum(temp, ObjectChecksums.crc32c(contents));
            publish(temp, key);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void get(String key, Path target, Transfer transfer) throws IOException {
        Path file = existing(key);
        Optional<String> expected = recordedChecksum(file);
        AtomicFiles.write(target, out -> {
            CRC32C crc = new CRC32C();
            try (InputStream in = new CheckedInputStream(new MeteredInputStream(Files.newInputStream(file), transfer), crc)) {
                in.transferTo(out);
            }
            // Throwing here makes AtomicFiles drop its temp file: the target is left as it was.
            check(key, expected, ObjectChecksums.format(crc.getValue()));
        });
    }

    @Override
    public byte[] getBytes(String key) throws IOException {
        Path file = existing(key);
        Optional<String> expected = recordedChecksum(file);
        byte[] contents = Files.readAllBytes(file);
        check(key, expected, ObjectChecksums.crc32c(contents));
        return contents;
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("range must not be negative: offset " + offset + ", length " + length);
        }
        FileChannel ch = FileChannel.open(existing(key), StandardOpenOption.READ);
        ch.position(offset);
        return new BoundedInputStream(Channels.newInputStream(ch), length);
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws IOException {
        Path file = fileFor(key);
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.isRegularFile() ? Optional.of(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant())) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        ObjectKeys.checkPrefix(prefix);
        // Walk only the deepest directory the prefix names; the rest of the tree cannot match.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String key = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (key.startsWith(TEMP_DIR + "/") || !key.startsWith(prefix)) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.add(new ObjectInfo(key, a.size(), a.lastModifiedTime().toInstant()));
                    }
                } catch (NoSuchFileException raced) {
                    // deleted while we walked: it is gone, which is what a listing should say
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(fileFor(key));
    }

    private Path fileFor(String key) {
        ObjectKeys.check(key);
        if (key.equals(TEMP_DIR) || key.startsWith(TEMP_DIR + "/")) {
            throw new IllegalArgumentException("object key must not start with " + TEMP_DIR + "/ (reserved): " + key);
        }
        return root.resolve(key);
    }

    private Path existing(String key) throws NoSuchObjectException {
        Path file = fileFor(key);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchObjectException(key);
        }
        return file;
    }

    private Path newTemp() throws IOException {
        Path dir = root.resolve(TEMP_DIR);
        Files.createDirectories(dir);
        return Files.createFile(dir.resolve(UUID.randomUUID().toString()));
    }

    private void publish(Path complete, String key) throws IOException {
        Path target = fileFor(key);
        Files.createDirectories(target.getParent());
        AtomicFiles.moveIntoPlace(complete, target);
    }

    private static void check(String key, Optional<String> expected, String actual) throws CorruptObjectException {
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new CorruptObjectException(key, expected.get(), actual);
        }
    }

    private static void recordChecksum(Path file, String crc32c) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            view.write(CHECKSUM_ATTR, StandardCharsets.US_ASCII.encode(crc32c));
        } catch (FileSystemException unsupported) {
            // e.g. a filesystem mounted without user xattrs: the object is stored, just not checkable later
        }
    }

    private static Optional<String> recordedChecksum(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer buf = ByteBuffer.allocate(view.size(CHECKSUM_ATTR));
            view.read(CHECKSUM_ATTR, buf);
            buf.flip();
            return Optional.of(StandardCharsets.US_ASCII.decode(buf).toString());
        } catch (FileSystemException noAttribute) {
            return Optional.empty();
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }
}
