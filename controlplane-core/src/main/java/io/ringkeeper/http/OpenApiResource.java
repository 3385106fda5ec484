package io.ringkeeper.http;

import io.ringkeeper.daemon.Version;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /openapi.json}, generated from the resource classes actually served, so it cannot drift from
 * them. Built on first request (not at start-up) and kept.
 */
@Path("/openapi.json")
public final class OpenApiResource {
    private final Provider<Set<Object>> components; // a Provider: this resource is itself in the set
    private volatile String document;

    @Inject
    OpenApiResource(@JaxRs Provider<Set<Object>> components) {
        this.components = components;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This API's OpenAPI 3 description")
    public String openApi() throws Exception {
        String doc = document;
        if (doc == null) {
            synchronized (this) {
                if (document == null) {
                    document = generate();
                }
                doc = document;
            }
        }
        return doc;
    }

    private String generate() throws Exception {
        Set<Class<?>> resources = new LinkedHashSet<>();
        for (Object c : components.get()) {
            if (c.getClass().isAnnotationPresent(Path.class)) {
                resources.add(c.getClass());
            }
        }
        OpenAPI base = new OpenAPI().info(new Info()
                .title("Ringkeeper admin API")
                .version(Version.current())
                .description("Node-local control plane for Apache Cassandra. Errors are JSON {error, message, details}."));
        OpenAPI api = new Reader(base).read(resources);
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(api);
    }
}
