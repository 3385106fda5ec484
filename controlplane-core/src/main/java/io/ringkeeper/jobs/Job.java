package io.ringkeeper.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long operation the API started: its state, what it has done so far (steps), and its outcome.
 * Immutable; every change makes a new record, which the store writes durably.
 *
 * @param details facts of the outcome a client can act on (e.g. whether a drain completed)
 */
public record Job(
        String id,
        String kind,
        State state,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        List<String> steps,
        String outcome,
        Map<String, Object> details) {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    public Job {
        steps = steps == null ? List.of() : List.copyOf(steps);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Job queued(String id, String kind, Instant now) {
        return new Job(id, kind, State.QUEUED, now, null, null, List.of(), null, Map.of());
    }

    public boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED;
    }

    Job running(Instant now) {
        return new Job(id, kind, State.RUNNING, submittedAt, now, null, steps, null, details);
    }

    Job step(String step) {
        List<String> s = new ArrayList<>(steps);
        s.add(step);
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, s, outcome, details);
    }

    Job detail(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, steps, outcome, d);
    }

    Job finish(State end, String outcome, Instant now) {
        return new Job(id, kind, end, submittedAt, startedAt, now, steps, outcome, details);
    }
}
