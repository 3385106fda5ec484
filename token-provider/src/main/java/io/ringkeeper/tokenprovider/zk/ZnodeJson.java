package io.ringkeeper.tokenprovider.zk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for znode data. Unknown fields are ignored so that a newer daemon's records can be read by an older one.
 *
 * <p>One mapper for the whole process: an ObjectMapper is thread-safe once configured, and building one (and its
 * serializer caches) per registry cost more CPU than the claim's ZooKeeper requests.
 */
final class RegistryJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ObjectMapper mapper = MAPPER;

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(byte[] data, Class<T> type, String path) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new IllegalStateException("znode " + path + " does not hold a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
