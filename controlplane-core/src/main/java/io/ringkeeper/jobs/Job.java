package io.ringkeeper.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A long operation the API started: its state, what it has done so far (steps, progress), and its outcome.
 * Immutable; every change makes a new record, which the store writes durably.
 *
 * @param details     facts of the outcome a client can act on (e.g. whether a drain completed)
 * @param progress    how far it is (null for jobs that do not count their work)
 * @param checkpoint  where a resumable job is: what it needs to go on after a daemon restart (see {@link ResumableJob})
 * @param attempts    how many times the job has been started: more than 1 when it resumed after a restart
 * @param cancellable whether {@code DELETE /v1/jobs/{id}} may cancel it
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record Job(
        String id,
        String kind,
        State state,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        List<String> steps,
        String outcome,
        Map<String, Object> details,
        Progress progress,
        Map<String, Object> checkpoint,
        int attempts,
        boolean cancellable) {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    public Job {
        steps = steps == null ? List.of() : List.copyOf(steps);
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        checkpoint = checkpoint == null || checkpoint.isEmpty() ? null
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkpoint));
    }

    public static Job queued(String id, String kind, Instant now, boolean cancellable) {
        return new Job(id, kind, State.QUEUED, now, null, null, List.of(), null, Map.of(), null, null, 0, cancellable);
    }

    public boolean finished() {
        return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED;
    }

    Job running(Instant now) {
        return new Job(id, kind, State.RUNNING, submittedAt, now, null, steps, null, details, progress, checkpoint, attempts + 1,
                cancellable);
    }

    Job step(String step) {
        List<String> s = new ArrayList<>(steps);
        s.add(step);
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, s, outcome, details, progress, checkpoint, attempts,
                cancellable);
    }

    Job detail(String key, Object value) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put(key, value);
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, steps, outcome, d, progress, checkpoint, attempts,
                cancellable);
    }

    Job progress(Progress p) {
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, steps, outcome, details, p, checkpoint, attempts,
                cancellable);
    }

    Job checkpoint(Map<String, Object> c) {
        return new Job(id, kind, state, submittedAt, startedAt, finishedAt, steps, outcome, details, progress, c, attempts,
                cancellable);
    }

    Job finish(State end, String outcome, Instant now) {
        return new Job(id, kind, end, submittedAt, startedAt, now, steps, outcome, details, progress, checkpoint, attempts,
                cancellable);
    }
}
