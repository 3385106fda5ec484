package io.ringkeeper.jobs;

import io.ringkeeper.http.ApiException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** The answers of every endpoint that starts a job: 202 with the job and where to follow it, or 409 naming the one in the way. */
public final class JobAnswers {
    private JobAnswers() {
    }

    /** A job just accepted. */
    public record JobAccepted(String id, String kind, Job.State state, String url) {
    }

    public static Response accepted(Job job) {
        String url = "/v1/jobs/" + job.id();
        return Response.accepted(new JobAccepted(job.id(), job.kind(), job.state(), url)).location(URI.create(url)).build();
    }

    /** @param what the kind of job in the way, for the message (e.g. "lifecycle") */
    public static ApiException conflict(String what, JobRunner.ConflictException e) {
        Job running = e.running();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runningJob", running.id());
        details.put("runningKind", running.kind());
        details.put("url", "/v1/jobs/" + running.id());
        return ApiException.conflict("another " + what + " job is running (" + running.kind() + " " + running.id()
                + "); wait for it (GET /v1/jobs/" + running.id() + ") and try again", details);
    }

    /** The job's first record could not be written (a full or read-only state_dir): nothing was started. */
    public static ApiException unrecorded(java.io.IOException e) {
        return ApiException.unavailable("state_unwritable", "the job could not be recorded under state_dir (" + e.getMessage()
                + "), so it was not started; check free space and permissions of the state directory", Map.of());
    }
}
