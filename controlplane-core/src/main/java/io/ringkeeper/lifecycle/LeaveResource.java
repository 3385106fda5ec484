package io.ringkeeper.lifecycle;

import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.LeaveAction;
import io.ringkeeper.http.ApiException;
import io.ringkeeper.jobs.JobAnswers;
import io.ringkeeper.jobs.JobRunner;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/node/leave}: the node leaves the cluster for good, as it does when the cloud's terminate hook fires:
 * for scaling in by hand, or on a cloud without hooks. One job; asking again returns the same job.
 */
@Path("/v1/node/leave")
@Produces(MediaType.APPLICATION_JSON)
public final class LeaveResource {
    private final HookService hooks;
    private final LifecycleHooks cloud;

    @Inject
    LeaveResource(HookService hooks, LifecycleHooks cloud) {
        this.hooks = hooks;
        this.cloud = cloud;
    }

    @POST
    @Operation(summary = "Leave the cluster for good as a job: ?action=decommission streams this node's data to the others,"
            + " leaves the ring and gives its token slot back; ?action=drain drains and stops (its slot waits for a"
            + " replacement). Default: the cloud's terminate action. 409 while another lifecycle job runs")
    public Response leave(@QueryParam("action") String action) throws InterruptedException {
        LeaveAction chosen = cloud.policy().leaveAction();
        if (action != null) {
            try {
                chosen = LeaveAction.valueOf(action.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_request", "action: \"" + (action.length() > 40 ? action.substring(0, 40) + "..." : action)
                        + "\" is not drain or decommission", Map.of("field", "action"));
            }
        }
        try {
            return JobAnswers.accepted(hooks.leave(chosen, "asked over the API (POST /v1/node/leave)", false));
        } catch (JobRunner.ConflictException e) {
            throw JobAnswers.conflict("lifecycle", e);
        } catch (IOException e) {
            throw JobAnswers.unrecorded(e);
        }
    }
}
