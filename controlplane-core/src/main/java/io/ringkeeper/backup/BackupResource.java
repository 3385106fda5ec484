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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/backups} (this node, now, as a job), the cluster's backups as their manifests say (a backup is listed
 * only once its manifest is written, which is its last step), and their checks.
 */
@Path("/v1/backups")
@Produces(MediaType.APPLICATION_JSON)
public final class BackupResource {
    private static final Set<String> TYPES = Set.of(BackupManifest.SNAPSHOT, BackupManifest.INCREMENTAL);
    private static final Set<String> DEPTHS = Set.of(VerifyReport.CHEAP, VerifyReport.DEEP, VerifyReport.DRILL);

    private final BackupRunner runner;
    private final VerifyRunner verifier;
    private final BackupRecord record;
    private final Manifests manifests;
    private final String cluster;

    @Inject
    BackupResource(BackupRunner runner, VerifyRunner verifier, BackupRecord record, io.ringkeeper.cloud.ObjectStore store,
                   RingkeeperConfig root) {
        this.runner = runner;
        this.verifier = verifier;
        this.record = record;
        this.manifests = new Manifests(store);
        this.cluster = root.clusterName();
    }

    /** One node's backup in a listing. */
    public record Summary(String backupId, String type, String instanceId, String dc, String rack, Instant startedAt,
                          Instant finishedAt, int files, long bytes, String cassandraVersion) {
        static Summary of(BackupManifest m) {
            return new Summary(m.backupId(), m.type(), m.instanceId(), m.dc(), m.rack(), m.startedAt(), m.finishedAt(),
                    m.files().size(), m.bytes(), m.cassandraVersion());
        }
    }

    public record Backups(List<Summary> backups) {
    }

    /** One node's manifest of a backup, with its last check when there was one. */
    public record Detail(BackupManifest manifest, VerifyReport lastCheck) {
    }

    @POST
    @Operation(summary = "Backs this node up now, as a job: ?type=snapshot (default) or incremental, with the backup"
            + " record's scope and throttle. 202 with the job (progress in GET /v1/jobs/{id}), 409 while another backup of"
            + " this node runs")
    public Response backupNow(@QueryParam("type") String type) {
        String t = type == null ? BackupManifest.SNAPSHOT : type;
        if (!TYPES.contains(t)) {
            throw ApiException.badRequest("type: \"" + clip(t) + "\" is not a backup type; snapshot or incremental");
        }
        try {
            return JobAnswers.accepted(runner.submit(record.onDemand(t)));
        } catch (JobRunner.ConflictException e) {
            throw JobAnswers.conflict("backup", e);
        } catch (IOException e) {
            throw JobAnswers.unrecorded(e);
        }
    }

    @GET
    @Operation(summary = "Every node's backups in the cluster, oldest first, from their manifests")
    public Backups list() {
        try {
            return new Backups(manifests.list(cluster).stream().map(Summary::of).toList());
        } catch (IOException e) {
            throw Manifests.unavailable(e);
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The manifests of one backup id (one per node that took it): every file and its blob, and each"
            + " one's last check")
    public List<Detail> get(@PathParam("id") String id) {
        try {
            List<Detail> out = new ArrayList<>();
            for (BackupManifest m : of(id)) {
                out.add(new Detail(m, verifier.last(m).orElse(null)));
            }
            return out;
        } catch (IOException e) {
            throw Manifests.unavailable(e);
        }
    }

    @POST
    @Path("{id}/verify")
    @Operation(summary = "Checks every node's manifest of the backup, as a job: ?depth=cheap (default: each blob is there"
            + " with its size), deep (each blob read back and re-hashed, each SSTable checked against Cassandra's Digest)"
            + " or drill (the same on files restored into a scratch directory). The job fails naming every fault")
    public Response verify(@PathParam("id") String id, @QueryParam("depth") String depth) {
        String d = depth == null ? VerifyReport.CHEAP : depth;
        if (!DEPTHS.contains(d)) {
            throw ApiException.badRequest("depth: \"" + clip(d) + "\" is not a check; cheap, deep or drill");
        }
        try {
            return JobAnswers.accepted(verifier.submit(of(id), d));
        } catch (IOException e) {
            throw Manifests.unavailable(e);
        }
    }

    private List<BackupManifest> of(String id) throws IOException {
        List<BackupManifest> found = manifests.withId(cluster, id);
        if (found.isEmpty()) {
            throw ApiException.notFound("no backup " + clip(id) + "; GET /v1/backups lists them");
        }
        return found;
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
