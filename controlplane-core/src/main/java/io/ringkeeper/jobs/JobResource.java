package io.ringkeeper.jobs;

import io.ringkeeper.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/jobs} (filtered, a page at a time, from memory), {@code GET /v1/jobs/{id}} and
 * {@code DELETE /v1/jobs/{id}} (cancel, where the job's kind allows it).
 */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {
    static final int DEFAULT_LIMIT = 50;
    static final int MOST = 1000;

    private final JobRunner runner;

    @Inject
    JobResource(JobRunner runner) {
        this.runner = runner;
    }

    /** @param next the {@code after} of the following page; absent on the last */
    public record Jobs(java.util.List<Job> jobs, String next) {
    }

    @GET
    @Operation(summary = "This daemon's jobs, newest first, a page at a time: ?kind=, ?state=, ?limit= (default 50, at most "
            + "1000), ?after=<the previous page's next>")
    public Jobs list(@QueryParam("kind") String kind, @QueryParam("state") String state, @QueryParam("limit") String limit,
                     @QueryParam("after") String after) {
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MOST) {
                throw ApiException.badRequest("limit: a whole number from 1 to " + MOST + ", got " + clip(limit));
            }
        }
        Predicate<Job> filter = j -> true;
        if (kind != null) {
            filter = filter.and(j -> j.kind().equals(kind));
        }
        if (state != null) {
            Job.State s;
            try {
                s = Job.State.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state: one of " + Arrays.stream(Job.State.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + ", got " + clip(state));
            }
            filter = filter.and(j -> j.state() == s);
        }
        JobStore.Page page = runner.page(filter, n, after);
        return new Jobs(page.jobs(), page.next());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One job: state (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), steps, progress, outcome, details")
    public Job get(@PathParam("id") String id) throws IOException {
        return runner.get(id).orElseThrow(() -> ApiException.notFound("no job " + clip(id) + "; GET /v1/jobs lists them"));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Cancels a running job whose kind allows it (202; it stops at its next step and ends CANCELLED); "
            + "409 when it has finished or cannot be cancelled")
    public Response cancel(@PathParam("id") String id) throws IOException {
        return switch (runner.cancelRequested(id, "DELETE /v1/jobs/" + id)) {
            case CANCELLING -> Response.accepted(runner.get(id).orElseThrow()).build();
            case NOT_FOUND -> throw ApiException.notFound("no job " + clip(id) + "; GET /v1/jobs lists them");
            case FINISHED -> throw ApiException.conflict("job " + id + " has already finished", Map.of("job", id));
            case NOT_CANCELLABLE -> throw ApiException.conflict("job " + id + " (" + runner.get(id).map(Job::kind).orElse("?")
                    + ") cannot be cancelled: stopping it half-way could leave the node half-done; wait for it", Map.of("job", id));
        };
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
