package io.ringkeeper.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads YAML files an operator writes and binds them into records, strictly: unknown keys, wrong types
 * and duplicate keys are errors, and every error is a {@link ConfigException} of one line naming the file
 * and the key path. Keys are snake_case; record components are camelCase.
 */
public final class YamlBinder {
    private final ObjectMapper binder;

    public YamlBinder() {
        this.binder = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new ConfigValueModule())
                .build();
    }

    /** Reads a whole file into a record; relative paths in it resolve against the file's directory. */
    public <T> T readFile(Path file, Class<T> type) {
        ObjectNode tree = readMapping(file);
        return bind(file.toString(), "", tree, JsonNodeFactory.instance.objectNode(), type, directoryOf(file));
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    public ObjectNode readMapping(Path file) {
        String shown = file.toString();
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(shown + ": is a directory; pass the config file itself, e.g. --config " + file.resolve("ringkeeper.yaml"));
            }
            if (Files.isRegularFile(file) && Files.size(file) > 4L * YamlTree.MAX_CHARS) {
                throw new ConfigException(shown + ": the file is " + Files.size(file) + " bytes long; a config file holds at most "
                        + YamlTree.MAX_CHARS + " characters");
            }
            text = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(shown + ": no such file; create it (see examples/local.yaml) or pass --config <file>");
        } catch (AccessDeniedException e) {
            throw new ConfigException(shown + ": permission denied; make it readable by the user running ringkeeper");
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage());
        }
        JsonNode tree = YamlTree.read(shown, text);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(shown + ": expected a mapping of keys at the top level (key: value), found "
                    + (tree.isArray() ? "a list" : "\"" + tree.asText() + "\""));
        }
        return (ObjectNode) tree;
    }

    /**
     * Binds {@code tree} into {@code type}.
     *
     * @param shown    the file name to put in errors
     * @param prefix   the key path {@code tree} sits at in that file ("" at the top)
     * @param defaults the defaults {@code tree} was merged over; their values serve as examples in errors
     */
    public <T> T bind(String shown, String prefix, JsonNode tree, JsonNode defaults, Class<T> type, Path baseDir) {
        ObjectReader reader = binder.readerFor(type).withAttribute(ConfigValueModule.BASE_DIR, baseDir);
        try {
            return reader.readValue(tree);
        } catch (JsonMappingException e) {
            throw ConfigErrors.binding(shown, prefix, tree, defaults, e);
        } catch (IOException e) {
            throw new ConfigException(shown + ": " + (prefix.isEmpty() ? "" : prefix + ": ") + e.getMessage());
        } catch (InvalidConfigValue e) {
            throw new ConfigException(shown + ": " + ConfigErrors.join(prefix, e.key()) + ": " + e.getMessage());
        }
    }

    /** A YAML resource bundled on the classpath (defaults files), read like a user's file. */
    public JsonNode readResource(String name) {
        try (InputStream in = YamlBinder.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing from the classpath: " + name);
            }
            JsonNode node = YamlTree.read(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return node == null ? JsonNodeFactory.instance.objectNode() : node;
        } catch (IOException e) {
            throw new UncheckedIOException("bundled resource unreadable: " + name, e);
        }
    }

    /** Lays {@code user} over {@code defaults}: mappings merge key by key, anything else replaces; null keeps the default. */
    public static JsonNode merge(JsonNode defaults, JsonNode user) {
        // YAML reads "key:" with nothing after it as an empty string: that too means "the default".
        if (user == null || user.isNull() || user.isMissingNode() || (user.isTextual() && user.asText().isEmpty())) {
            return defaults.deepCopy();
        }
        if (!defaults.isObject() || !user.isObject()) {
            return user.deepCopy();
        }
        ObjectNode out = ((ObjectNode) defaults).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode base = out.get(field.getKey());
            out.set(field.getKey(), base == null ? field.getValue().deepCopy() : merge(base, field.getValue()));
        }
        return out;
    }

    static Path directoryOf(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }
}
