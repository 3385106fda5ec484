package io.ringkeeper.cassandra;

import io.ringkeeper.config.InvalidConfigValue;
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
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/cassandra} (what the daemon last saw of the node) and the lifecycle operations
 * {@code POST /v1/cassandra/{start,stop,restart,drain}}: each answers 202 with a job at once, or 409
 * while another lifecycle job runs.
 */
@Path("/v1/cassandra")
@Produces(MediaType.APPLICATION_JSON)
public final class CassandraResource {
    private static final Set<String> OPERATIONS = Set.of("start", "stop", "restart", "drain");

    private final CassandraLifecycle lifecycle;
    private final CassandraMonitor monitor;
    private final Supervisor supervisor;
    private final CassandraConfig config;

    @Inject
    CassandraResource(CassandraLifecycle lifecycle, CassandraMonitor monitor, Supervisor supervisor, CassandraConfig config) {
        this.lifecycle = lifecycle;
        this.monitor = monitor;
        this.supervisor = supervisor;
        this.config = config;
    }

    /** The node as last observed (at most a second old). */
    public record CassandraView(String version, String supervisor, boolean ready, String notReadyBecause,
                                CassandraMonitor.Observation observation) {
    }

    @GET
    @Operation(summary = "The managed Cassandra node: pid, operation mode, joined, native transport, peers, tokens, version")
    public CassandraView view() {
        CassandraMonitor.Observation o = monitor.last().orElse(null);
        return new CassandraView(config.version(), supervisor.name(), o != null && o.ready(),
                o == null ? "not checked yet" : o.notReadyBecause(), o);
    }

    @POST
    @Path("{operation}")
    @Operation(summary = "Start, stop, restart or drain Cassandra as a job: 202 with the job, 409 while another lifecycle job runs. "
            + "stop/restart/drain take ?drain_timeout=30s (default cassandra.drain_timeout)")
    public Response operate(@PathParam("operation") String operation, @QueryParam("drain_timeout") String drainTimeout) {
        if (!OPERATIONS.contains(operation)) {
            throw ApiException.notFound("no operation " + operation + "; use start, stop, restart or drain");
        }
        Duration budget = null;
        if (drainTimeout != null) {
            try {
                budget = CassandraConfig.DRAIN_TIMEOUT.parse("drain_timeout", drainTimeout);
            } catch (InvalidConfigValue e) {
                throw ApiException.badRequest("drain_timeout: " + e.getMessage());
            }
        }
        try {
            return JobAnswers.accepted(lifecycle.submit(operation, budget));
        } catch (CassandraFiles.NotPlannedYet e) {
            throw ApiException.conflict(e.getMessage(), Map.of("reason", "joining"));
        } catch (DataSwap.InProgress e) {
            throw ApiException.conflict(e.getMessage(), Map.of("reason", "restoring"));
        } catch (JobRunner.ConflictException e) {
            throw JobAnswers.conflict("lifecycle", e);
        } catch (IOException e) {
            throw JobAnswers.unrecorded(e);
        }
    }
}
