package io.ringkeeper.tokenprovider.zk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The one reader and writer of JSON znodes: values with the znode version they were read at (what a compare-and-set
 * writes with), a clear error naming the znode when one does not hold what it should, and unknown fields ignored so
 * that a newer daemon's records can be read by an older one.
 *
 * <p>One mapper per instance, thread-safe once configured; the registry's is shared by the whole process (building one
 * and its serializer caches per registry cost more CPU than the claim's ZooKeeper requests).
 */
public final class ZnodeJson {
    private static final ObjectMapper REGISTRY = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A value and the version of the znode it was read from. */
    public record Versioned<T>(T value, int version) {
    }

    private final ObjectMapper mapper;

    /** The registry's JSON (no time types). */
    ZnodeJson() {
        this(REGISTRY);
    }

    /** @param mapper configured as the caller's records need (e.g. with Java time); unknown fields are ignored on read */
    public ZnodeJson(ObjectMapper mapper) {
        this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(byte[] data, Class<T> type, String path) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new IllegalStateException("znode " + path + " does not hold a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The znode's value and version; empty when there is no such znode. */
    public <T> Optional<Versioned<T>> read(CuratorFramework zk, String path, Class<T> type) throws Exception {
        Stat stat = new Stat();
        try {
            byte[] data = zk.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned<>(read(data, type, path), stat.getVersion()));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        }
    }
}
