package io.ringkeeper.backup;

import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.http.ApiException;
import io.ringkeeper.jobs.JobAnswers;
import io.ringkeeper.jobs.JobRunner;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /v1/backups} (this node, now, as a job) and the cluster's backups as their manifests say: a backup is
 * listed only once its manifest is written, which is its last step.
 */
@Path("/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public final class BackupResource {
    private final BackupRunner runner;
    private final Manifests manifests;
    private final String cluster;

    @Inject
    BackupResource(BackupRunner runner, io.ringkeeper.cloud.ObjectStore store, RingkeeperConfig root) {
        this.runner = runner;
        this.manifests = new Manifests(store);
        this.cluster = root.clusterName();
    }

    /** One node's backup in a listing. */
    public record Summary(String backupId, String instanceId, String dc, String rack, Instant startedAt, Instant finishedAt,
                          int files, long bytes, String cassandraVersion) {
        static Summary of(BackupManifest m) {
            return new Summary(m.backupId(), m.instanceId(), m.dc(), m.rack(), m.startedAt(), m.finishedAt(), m.files().size(),
                    m.bytes(), m.cassandraVersion());
        }
    }

    public record Backups(List<Summary> backups) {
    }

    @POST
    @Operation(summary = "Backs this node up now, as a job: 202 with the job (progress in GET /v1/jobs/{id}), 409 while "
            + "another backup of this node runs")
    public Response backupNow() {
        try {
            return JobAnswers.accepted(runner.submit());
        } catch (JobRunner.ConflictException e) {
            throw JobAnswers.conflict("backup", e);
        } catch (IOException e) {
            throw JobAnswers.unrecorded(e);
        }
    }

    @GET
    @Operation(summary = "Every node's backups in the cluster, oldest first, from their manifests")
    public Backups list() throws IOException {
        return new Backups(manifests.list(cluster).stream().map(Summary::of).toList());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The manifests of one backup id (one per node that took it): every file and its blob")
    public List<BackupManifest> get(@PathParam("id") String id) throws IOException {
        List<BackupManifest> found = manifests.list(cluster).stream().filter(m -> m.backupId().equals(id)).toList();
        if (found.isEmpty()) {
            throw ApiException.notFound("no backup " + (id.length() > 60 ? id.substring(0, 60) + "..." : id)
                    + "; GET /v1/backups lists them");
        }
        return found;
    }
}
