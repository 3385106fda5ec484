package io.ringkeeper.desired;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of a kind's desired-state record as stored: the spec (null once deleted), who changed it, when and why.
 * {@code version} is the znode's version: it only grows, deletions included (a deletion is a version without a spec),
 * so an ETag never comes back to mean another record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesiredRecord(String kind, int version, JsonNode spec, String changedBy, Instant changedAt, String comment) {
    public boolean deleted() {
        return spec == null || spec.isNull();
    }

    /** The stored form, without kind and version (those are the znode's path and version). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stored(JsonNode spec, String changedBy, Instant changedAt, String comment) {
    }

    Stored stored() {
        return new Stored(spec, changedBy, changedAt, comment);
    }

    static DesiredRecord of(String kind, int version, Stored s) {
        JsonNode spec = s.spec() == null || s.spec().isNull() ? null : s.spec();
        return new DesiredRecord(kind, version, spec, s.changedBy(), s.changedAt(), s.comment());
    }
}
