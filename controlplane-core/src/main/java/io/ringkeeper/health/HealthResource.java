package io.ringkeeper.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.ringkeeper.http.ApiError;
import io.ringkeeper.http.ErrorResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Liveness (the daemon answers) and readiness (the node can serve: every {@link ReadinessCheck} passes). */
@Path("/v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final Set<ReadinessCheck> checks;

    @Inject
    HealthResource(Set<ReadinessCheck> checks) {
        this.checks = checks;
    }

    /**
     * @param status   "live" or "ready"
     * @param warnings what does not stop the node from serving but an operator should know, by check (only on ready)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public record HealthStatus(String status, Map<String, String> warnings) {
    }

    @GET
    @Path("live")
    @Operation(summary = "Whether the daemon is up and answering", responses =
            @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HealthStatus.class))))
    public HealthStatus live() {
        return new HealthStatus("live", Map.of());
    }

    @GET
    @Path("ready")
    @Operation(summary = "Whether the node is ready to serve; 503 with the reasons when not", responses = {
            @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HealthStatus.class))),
            @ApiResponse(responseCode = "503", content = @Content(schema = @Schema(implementation = ApiError.class)))})
    public Response ready() {
        Map<String, Object> failing = new LinkedHashMap<>();
        Map<String, String> warnings = new LinkedHashMap<>();
        checks.stream()
                .sorted(java.util.Comparator.comparing(ReadinessCheck::name))
                .forEach(c -> {
                    c.notReadyBecause().ifPresent(reason -> failing.put(c.name(), reason));
                    c.warning().ifPresent(w -> warnings.put(c.name(), w));
                });
        if (failing.isEmpty()) {
            return Response.ok(new HealthStatus("ready", warnings)).build();
        }
        String message = String.join("; ", failing.values().stream().map(String::valueOf).toList());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("checks", failing);
        if (!warnings.isEmpty()) {
            details.put("warnings", warnings);
        }
        return ErrorResponses.of(503, "not_ready", message, details);
    }
}
