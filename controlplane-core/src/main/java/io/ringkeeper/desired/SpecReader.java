package io.ringkeeper.desired;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Binds a record's {@code spec} to its kind's immutable Java record, strictly: unknown fields, wrong types (no
 * "5" for 5, no 5 for "5", no 1.5 for an integer), nulls for required values and out-of-range values are refused with
 * the JSON pointer of the field at fault. The one mapper for spec documents; thread-safe once built.
 */
public final class SpecReader {
    private final ObjectMapper mapper;

    public SpecReader() {
        JsonMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        this.mapper = m;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** @throws InvalidSpec naming the field at fault */
    public <T> T read(JsonNode spec, Class<T> type) {
        if (spec == null || !spec.isObject()) {
            throw new InvalidSpec("", "not a JSON object", "an object with the fields documented for it");
        }
        try {
            return mapper.treeToValue(spec, type);
        } catch (JsonProcessingException e) {
            throw translate(e);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonProcessingException j) {
                throw translate(j);
            }
            throw new InvalidSpec("", e.getMessage(), "a spec of this kind");
        }
    }

    private static InvalidSpec translate(JsonProcessingException e) {
        String at = e instanceof JsonMappingException m ? pointer(m) : "";
        if (e instanceof ValueInstantiationException v && v.getCause() instanceof InvalidSpec inner) {
            return inner.under(at);
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof InvalidSpec inner) {
            return inner.under(at);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new InvalidSpec(at, "unknown field", "one of " + known(u.getKnownPropertyIds()));
        }
        if (e instanceof InvalidFormatException f) {
            return new InvalidSpec(at, "\"" + clip(String.valueOf(f.getValue())) + "\" is not valid here",
                    describe(f.getTargetType()));
        }
        if (e instanceof MismatchedInputException mi) {
            return new InvalidSpec(at, "wrong type or missing value", describe(mi.getTargetType()));
        }
        String message = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
        return new InvalidSpec(at, clip(message), "a value of the right type");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of the right type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a " + type.getSimpleName();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "(none)" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    static String pointer(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(InvalidSpec.segment(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('/').append(ref.getIndex());
            }
        }
        return out.toString();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
