package io.ringkeeper.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.desired.InvalidSpec;
import io.ringkeeper.desired.SpecReader;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.http.ApiException;
import io.ringkeeper.jobs.JobAnswers;
import io.ringkeeper.jobs.JobRunner;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code POST /v1/restores}: restore this node, or some of its tables, from a backup, as a job (progress in
 * {@code GET /v1/jobs/{id}}); and {@code POST /v1/restores/clean}: remove what finished restores kept aside.
 */
@Path("/v1/restores")
@Produces(MediaType.APPLICATION_JSON)
public final class RestoreResource {
    private final RestoreRunner runner;
    private final JobRunner jobs;
    private final SpecReader reader;
    private final java.nio.file.Path root;
    private final io.ringkeeper.cassandra.DataSwap swap;

    @Inject
    RestoreResource(RestoreRunner runner, JobRunner jobs, SpecReader reader, RingkeeperConfig config) {
        this.swap = new io.ringkeeper.cassandra.DataSwap(config.stateDir());
        this.runner = runner;
        this.jobs = jobs;
        this.reader = reader;
        this.root = RestoreRunner.root(config.cassandra());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restores this node from a backup as a job: {\"mode\": \"node\"|\"tables\", \"backupId\" or \"at\","
            + " \"tables\": [...], \"sourceCluster\", \"sourceInstance\"}. 202 with the job; 404 for an unknown backup id;"
            + " 422 for an invalid request or a time with no backup; 409 while a backup or restore runs")
    public Response restore(JsonNode body) {
        RestoreRequest request;
        try {
            request = reader.read(body, RestoreRequest.class);
        } catch (InvalidSpec e) {
            throw e.unprocessable("the restore request");
        }
        try {
            return JobAnswers.accepted(runner.submit(request));
        } catch (IOException e) {
            throw Manifests.unavailable(e);
        }
    }

    /** What a clean removed. */
    public record Cleaned(List<String> removed, long bytes, List<String> kept) {
    }

    @POST
    @Path("clean")
    @Operation(summary = "Removes what finished restores left on disk: the data a whole-node restore replaced, and staging"
            + " directories; those of running jobs, and of a restore that stopped mid-swap, are kept (with the reason)")
    public Cleaned clean() throws IOException {
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        long bytes = 0;
        if (Files.isDirectory(root)) {
            java.util.Optional<String> swapping = swap.holder();
            try (Stream<java.nio.file.Path> dirs = Files.list(root)) {
                for (java.nio.file.Path dir : dirs.sorted().toList()) {
                    String jobId = dir.getFileName().toString().replaceFirst("^drill-", "");
                    java.util.Optional<io.ringkeeper.jobs.Job> job = jobs.get(jobId);
                    if (job.isPresent() && !job.get().finished()) {
                        kept.add(dir + ": its job is running");
                        continue;
                    }
                    if (swapping.isPresent() && swapping.get().equals(jobId)) {
                        // A whole-node restore that stopped mid-swap: this holds the node's data, old and restored.
                        kept.add(dir + ": restore " + jobId + " stopped while moving data; put it in place first");
                        continue;
                    }
                    bytes += FileTrees.size(dir);
                    FileTrees.delete(dir);
                    removed.add(dir.toString());
                }
            }
        }
        return new Cleaned(removed, bytes, kept);
    }
}
