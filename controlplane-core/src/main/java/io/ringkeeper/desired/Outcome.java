package io.ringkeeper.desired;

/**
 * What one step of a kind's handler left the node at.
 *
 * @param state   where the node stands for the kind
 * @param message for a person: what was done, or what is awaited and what would unblock it
 * @param done    units done (progress), or -1 when the kind has no units
 * @param total   units in all, or -1
 */
public record Outcome(State state, String message, long done, long total) {
    public enum State {
        /** The node runs what the record says (or, without a record, its own configuration). */
        CONVERGED,
        /** Part-way: more steps follow at once. */
        PROGRESSING,
        /** Waiting for something outside the handler (Cassandra to run, a lock); looked at again soon. */
        WAITING,
        /** The last step failed; retried with backoff. Set by the framework, not by handlers. */
        FAILING
    }

    public static Outcome converged(String message) {
        return new Outcome(State.CONVERGED, message, -1, -1);
    }

    public static Outcome waiting(String message) {
        return new Outcome(State.WAITING, message, -1, -1);
    }

    public static Outcome progressing(String message, long done, long total) {
        return new Outcome(State.PROGRESSING, message, done, total);
    }
}
