package io.ringkeeper.jobs;

import io.ringkeeper.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;

/** {@code GET /v1/jobs} and {@code GET /v1/jobs/{id}}: state, steps and outcome of long operations. */
@Path("/v1/jobs")
@Produces(MediaType.APPLICATION_JSON)
public final class JobResource {
    private final JobRunner runner;

    @Inject
    JobResource(JobRunner runner) {
        this.runner = runner;
    }

    @GET
    @Operation(summary = "All jobs this daemon has run, newest first")
    public List<Job> list() throws IOException {
        return runner.store().list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One job: state (QUEUED, RUNNING, SUCCEEDED, FAILED), steps so far, outcome and details")
    public Job get(@PathParam("id") String id) throws IOException {
        return runner.get(id).orElseThrow(() -> ApiException.notFound("no job " + id + "; GET /v1/jobs lists them"));
    }
}
