package io.ringkeeper.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A request body that is not JSON, or not JSON of the right shape: 400 naming the field and the problem. */
final class JsonBodyExceptionMapper implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
        Map<String, Object> details = new LinkedHashMap<>();
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            details.put("line", at.getLineNr());
            details.put("column", at.getColumnNr());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            details.put("field", path(u));
            return ErrorResponses.of(400, "invalid_body", "unknown field \"" + path(u) + "\" in the request body; known fields: "
                    + known, details);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            details.put("field", path(m));
            return ErrorResponses.of(400, "invalid_body", "field \"" + path(m) + "\" has the wrong type or form: "
                    + firstLine(m.getOriginalMessage()), details);
        }
        if (e instanceof JsonMappingException m) {
            return ErrorResponses.of(400, "invalid_body", "the request body has the wrong shape: "
                    + firstLine(m.getOriginalMessage()), details);
        }
        return ErrorResponses.of(400, "malformed_json", "the request body is not valid JSON: "
                + firstLine(e.getOriginalMessage()), details);
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        String line = s.lines().findFirst().orElse(s);
        // Jackson quotes the offending input; a hostile body must not echo kilobytes back.
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
