package io.ringkeeper.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How config values are read: durations as {@code 30s}, and paths relative to the config file's own
 * directory, so a config means the same thing whatever directory the daemon was started from.
 */
final class ConfigValueModule extends SimpleModule {
    /** Reader attribute holding the directory relative paths are resolved against. */
    static final String BASE_DIR = "ringkeeper.config.baseDir";

    ConfigValueModule() {
        super("ringkeeper-config-values");
        addDeserializer(Duration.class, new DurationDeserializer());
        addDeserializer(Path.class, new RelativePathDeserializer());
    }

    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new InvalidConfigValue(p.getText() + " has no unit; use e.g. 500ms, 30s, 5m or 2h");
            }
            return Durations.parse(p.getText());
        }
    }

    private static final class RelativePathDeserializer extends StdScalarDeserializer<Path> {
        RelativePathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (p.currentToken() != JsonToken.VALUE_STRING || text == null || text.isBlank()) {
                throw new InvalidConfigValue(p.getText() + " is not a path; use e.g. /var/lib/ringkeeper");
            }
            Path path;
            try {
                path = Path.of(text);
            } catch (InvalidPathException e) {
                throw new InvalidConfigValue("\"" + text + "\" is not a path: " + e.getReason());
            }
            Object base = ctxt.getAttribute(BASE_DIR);
            return path.isAbsolute() || base == null ? path : ((Path) base).resolve(path).normalize();
        }
    }
}
