package io.ringkeeper.desired;

/**
 * What one step of a kind's handler left the node at.
 *
 * @param state   where the node stands for the kind
 * @param message for a person: what was done, or what is awaited and what would unblock it
 * @param done    units done (progress), or -1 when the kind has no units
 * @param total   units in all, or -1
 * @param detail  the kind's own facts for status (e.g. a backup's last run), JSON-shaped; empty when none
 */
public record Outcome(State state, String message, long done, long total, java.util.Map<String, Object> detail) {
    public Outcome {
        detail = detail == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detail));
    }

    public Outcome(State state, String message, long done, long total) {
        this(state, message, done, total, null);
    }

    public enum State {
        /** The node runs what the record says (or, without a record, its own configuration). */
        CONVERGED,
        /** Part-way: more steps follow at once. */
        PROGRESSING,
        /** Waiting for something outside the handler (Cassandra to run, a lock); looked at again soon. */
        WAITING,
        /**
         * The last step failed, retried with backoff (set by the framework); or the node runs the record but the work it
         * schedules fails (a handler's {@link #failing}), looked at again at the next resync.
         */
        FAILING
    }

    public static Outcome converged(String message) {
        return new Outcome(State.CONVERGED, message, -1, -1);
    }

    public static Outcome waiting(String message) {
        return new Outcome(State.WAITING, message, -1, -1);
    }

    /** The record is applied, but the work it asks for fails (e.g. the last backup): counted as failing in status. */
    public static Outcome failing(String message) {
        return new Outcome(State.FAILING, message, -1, -1);
    }

    /** The same outcome with the kind's own facts for status. */
    public Outcome with(java.util.Map<String, Object> facts) {
        return new Outcome(state, message, done, total, facts);
    }

    public static Outcome progressing(String message, long done, long total) {
        return new Outcome(State.PROGRESSING, message, done, total);
    }
}
