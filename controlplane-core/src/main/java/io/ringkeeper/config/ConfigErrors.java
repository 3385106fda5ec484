package io.ringkeeper.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's failures into the one line an operator reads: file, key path, what is wrong, the fix. */
final class ConfigErrors {
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");

    private ConfigErrors() {
    }

    static ConfigException syntax(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? file : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
        // SnakeYAML's message spans lines: the context, an excerpt with a caret, then the actual problem.
        // Keep the lines that say something and fold them into one.
        String problem = Objects.requireNonNullElse(e.getOriginalMessage(), "unreadable").lines()
                .filter(l -> !l.isEmpty() && Character.isLetter(l.charAt(0))) // excerpts and positions are indented
                .filter(l -> !l.startsWith("at [Source"))
                .distinct()
                .reduce((a, b) -> a + "; " + b)
                .orElse("unreadable");
        return new ConfigException(where + ": not valid YAML: " + problem);
    }

    /**
     * @param prefix  the key path the bound tree sits at ("" for the root, "local" for a provider section)
     * @param given   the merged tree that was bound, to quote the offending value
     * @param example the defaults tree, to suggest a value of the right form
     */
    static ConfigException binding(String file, String prefix, JsonNode given, JsonNode example, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        InvalidConfigValue invalid = findCause(e, InvalidConfigValue.class);
        if (invalid != null) {
            String key = join(prefix, render(path));
            return new ConfigException(file + ": " + join(key, invalid.key()) + ": " + invalid.getMessage());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String key = join(prefix, render(path));
            return new ConfigException(file + ": " + key + ": unknown key" + suggestion(u.getPropertyName(), u.getKnownPropertyIds()));
        }
        Matcher missing = MISSING_PROPERTY.matcher(Objects.requireNonNullElse(e.getOriginalMessage(), ""));
        if (missing.find()) {
            String key = join(join(prefix, render(path)), missing.group(1));
            return new ConfigException(file + ": " + key + ": missing; this key is required here");
        }
        String key = join(prefix, render(path));
        JsonNode value = at(given, path);
        if (value == null || value.isMissingNode()) {
            return new ConfigException(file + ": " + key + ": missing; this key is required here");
        }
        JsonNode sample = at(example, path);
        String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
                ? describeType(m.getTargetType()) : "of the expected form";
        String hint = sample != null && sample.isValueNode() && !sample.isNull() ? "; use e.g. " + sample.asText() : "";
        return new ConfigException(file + ": " + (key.isEmpty() ? "(top level)" : key) + ": "
                + describeValue(value) + " is not " + expected + hint);
    }

    static String join(String left, String right) {
        if (right == null || right.isEmpty()) {
            return left;
        }
        if (left == null || left.isEmpty()) {
            return right;
        }
        return right.startsWith("[") ? left + right : left + "." + right;
    }

    private static String render(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    private static String describeValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "an empty value";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "\"" + value.asText() + "\"" : value.asText();
    }

    private static String describeType(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys";
        }
        return "of the expected form";
    }

    private static String suggestion(String unknown, Collection<Object> known) {
        if (known == null || known.isEmpty()) {
            return "; this section takes no keys";
        }
        List<String> names = known.stream().map(String::valueOf).sorted().toList();
        String didYouMean = Suggestions.closest(unknown, names).map(c -> " (did you mean " + c + "?)").orElse("");
        return didYouMean + "; known keys here: " + String.join(", ", names);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
