package io.ringkeeper.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A flat key → bytes store (S3, GCS, a directory). Keys are '/'-separated relative paths without empty,
 * "." or ".." segments. Every write is all-or-nothing: an object is visible under its key only once it is
 * complete, so a crash mid-upload never leaves something that looks whole.
 */
public interface ObjectStore {

    /** Stores the file's bytes under {@code key}, replacing any object there. */
    default void put(String key, Path source) throws IOException {
        put(key, source, Transfer.unlimited());
    }

    /**
     * Stores the file's bytes under {@code key}, reporting the bytes sent to {@code transfer}, staying under its throttle,
     * and stopping with {@link Transfer.Cancelled} when it is cancelled (nothing is then left under the key). Bytes sent
     * again after a failed attempt are counted again.
     */
    void put(String key, Path source, Transfer transfer) throws IOException;

    /** Stores small contents (manifests, markers) under {@code key}, replacing any object there. */
    void put(String key, byte[] contents) throws IOException;

    /** Writes the object to {@code target} atomically (temp file, fsync, rename). */
    default void get(String key, Path target) throws IOException {
        get(key, target, Transfer.unlimited());
    }

    /** As {@link #get(String, Path)}, under {@code transfer}: progress, throttle, cancellation (the target is then untouched). */
    void get(String key, Path target, Transfer transfer) throws IOException;

    /** Sees every byte of a downloaded object once, in order (a hash the caller checks). */
    interface ByteSink {
        void update(byte[] bytes, int offset, int length) throws IOException;
    }

    /**
     * As {@link #get(String, Path, Transfer)}, and hands every byte of the object to {@code sink}, in order, before
     * returning. A store that downloads in parallel ranges feeds each range as soon as the ranges before it are in, so
     * the caller's hash runs beside the download instead of after it. This default reads the file again afterwards.
     */
    default void get(String key, Path target, Transfer transfer, ByteSink sink) throws IOException {
        get(key, target, transfer);
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = java.nio.file.Files.newInputStream(target)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                transfer.checkCancelled();
                sink.update(buf, 0, n);
            }
        }
    }

    /** Reads a small object whole. */
    byte[] getBytes(String key) throws IOException;

    /** Streams {@code length} bytes starting at {@code offset} (fewer at the end of the object). */
    InputStream openRange(String key, long offset, long length) throws IOException;

    /** The object's size and time, or empty when there is none. */
    Optional<ObjectInfo> head(String key) throws IOException;

    /** Every object whose key starts with {@code prefix}, in key order. Paging is the store's business. */
    List<ObjectInfo> list(String prefix) throws IOException;

    /** Where the objects are, for messages and to tell stores apart ({@code s3://bucket/prefix}, {@code file:/dir}). */
    String location();

    /** Removes the object; removing a missing key is not an error. */
    void delete(String key) throws IOException;

    /**
     * Thrown by whole-object reads ({@link #get(String, Path)}, {@link #getBytes(String)}) when the bytes read
     * back do not match the checksum recorded when the object was written: the copy in the store (or the
     * transfer) is damaged. Nothing is written to the target. Ranged reads are not checked.
     */
    final class CorruptObjectException extends IOException {
        public CorruptObjectException(String key, String expected, String actual) {
            super("object " + key + " is damaged: its CRC32C is " + actual + " but was " + expected
                    + " when written; write it again from a good copy (or restore from an older backup)");
        }
    }

    /** Thrown by every call of a store that is not configured (no bucket): features that need one say so. */
    final class NotConfigured extends IllegalStateException {
        public NotConfigured(String message) {
            super(message);
        }
    }

    /** Thrown by reads of a key that holds no object. */
    final class NoSuchObjectException extends java.io.FileNotFoundException {
        public NoSuchObjectException(String key) {
            super("no object at key " + key);
        }
    }
}
