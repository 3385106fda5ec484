package io.ringkeeper.aws;

import io.ringkeeper.files.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * One byte range of a file as an upload body. Each (re)try opens a fresh stream at the range's start, so a
 * retried part re-reads the file rather than holding the part in memory.
 */
final class FilePart implements ContentStreamProvider {
    private final Path file;
    private final long offset;
    private final long length;
    private InputStream open;

    FilePart(Path file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    long length() {
        return length;
    }

    @Override
    public synchronized InputStream newStream() {
        closeOpen();
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ch.position(offset);
            open = new BoundedInputStream(Channels.newInputStream(ch), length);
            return open;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to upload it", e);
        }
    }

    synchronized void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // a read-only file handle: nothing to lose
            }
            open = null;
        }
    }

    @Override
    public String name() {
        return "FilePart";
    }
}
