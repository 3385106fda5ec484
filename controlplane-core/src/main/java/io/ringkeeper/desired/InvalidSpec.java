package io.ringkeeper.desired;

/**
 * A desired-state record that breaks its kind's schema. {@code pointer} is the JSON pointer (RFC 6901) of the field at
 * fault, from the record's {@code spec} ("/retention/days"); {@code allowed} says what would be accepted. Thrown by a
 * spec record's compact constructor with a pointer relative to itself; {@link SpecReader} makes it absolute.
 */
public final class InvalidSpec extends RuntimeException {
    private final String pointer;
    private final String allowed;

    public InvalidSpec(String pointer, String problem, String allowed) {
        super(problem, null, false, false);
        this.pointer = pointer;
        this.allowed = allowed;
    }

    /** The field at fault, as a JSON pointer ("" for the whole spec). */
    public String pointer() {
        return pointer;
    }

    public String allowed() {
        return allowed;
    }

    /** As an API answer: 422 naming the field, for a request body or record described as {@code what}. */
    public io.ringkeeper.http.ApiException unprocessable(String what) {
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("pointer", pointer);
        details.put("allowed", allowed);
        return io.ringkeeper.http.ApiException.unprocessable(what + " is not valid at " + (pointer.isEmpty() ? "its root" : pointer)
                + ": " + getMessage() + " (allowed: " + allowed + "); nothing was changed", details);
    }

    InvalidSpec under(String parent) {
        return new InvalidSpec(parent + pointer, getMessage(), allowed);
    }

    /** Escapes one pointer segment (RFC 6901: {@code ~} and {@code /}). */
    public static String segment(String name) {
        return "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
