package io.ringkeeper.desired;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where desired-state records live (ZooKeeper: {@code desired/<kind>}, history beside). Every change is a
 * compare-and-set on the record's version; the store keeps the last {@value #HISTORY} versions of each kind.
 *
 * <p>Readers of a watched copy will not see every intermediate version (ZooKeeper's caveat: a watch reports that
 * something changed, then the reader reads the latest); converge on the latest, and write with the version read.
 */
public interface DesiredStore {
    /** Versions of each kind kept as history, the current one included. */
    int HISTORY = 20;

    /** What a change expects to find. */
    record Expect(Integer version, boolean absent) {
        /** Whatever is there (an operator's {@code ?force=true}). */
        public static final Expect ANY = new Expect(null, false);
        /** No record, or a deleted one ({@code If-None-Match: *}). */
        public static final Expect ABSENT = new Expect(null, true);

        public static Expect version(int version) {
            return new Expect(version, false);
        }
    }

    /** Who changes a record, when and why. */
    record Change(String changedBy, Instant at, String comment) {
    }

    /** The record is not at the version the change expected; nothing was written. */
    final class StaleVersion extends Exception {
        private final Integer current;

        public StaleVersion(String kind, Integer current) {
            super(current == null ? "there is no " + kind + " record" : "the " + kind + " record is at version " + current);
            this.current = current;
        }

        /** The version found, or null when there is no record. */
        public Integer current() {
            return current;
        }
    }

    /** The latest version, read from the store itself (a deleted record is returned with a null spec). */
    Optional<DesiredRecord> get(String kind) throws Exception;

    /** The latest version of every kind that has a record (deleted ones included). */
    List<DesiredRecord> list() throws Exception;

    /** Writes a new version. {@code spec} must already be valid for its kind. */
    DesiredRecord put(String kind, JsonNode spec, Expect expect, Change change) throws StaleVersion, Exception;

    /** Deletes the record: a new version without a spec, kept in the history like any other. */
    DesiredRecord delete(String kind, Expect expect, Change change) throws StaleVersion, Exception;

    /** The kept versions, newest first. */
    List<DesiredRecord> history(String kind) throws Exception;
}
