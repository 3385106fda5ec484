package io.ringkeeper.backup;

import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.Transfer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A store that passes every call on: tests override the calls they want to slow down or watch. */
class ForwardingStore implements ObjectStore {
    private final ObjectStore inner;

    ForwardingStore(ObjectStore inner) {
        this.inner = inner;
    }

    @Override
    public void put(String key, Path source, Transfer transfer) throws IOException {
        inner.put(key, source, transfer);
    }

    @Override
    public void put(String key, byte[] contents) throws IOException {
        inner.put(key, contents);
    }

    @Override
    public void get(String key, Path target, Transfer transfer) throws IOException {
        inner.get(key, target, transfer);
    }

    @Override
    public byte[] getBytes(String key) throws IOException {
        return inner.getBytes(key);
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        return inner.openRange(key, offset, length);
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws IOException {
        return inner.head(key);
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        return inner.list(prefix);
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public void delete(String key) throws IOException {
        inner.delete(key);
    }
}
