package io.ringkeeper.desired;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.http.ApiException;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/desired}: what the cluster should be, one record per kind, in ZooKeeper; every daemon converges on it.
 * A change is a compare-and-set: {@code If-Match} with the version read (its {@code ETag}), {@code If-None-Match: *} to
 * create, or {@code ?force=true}; a stale version is a 412 and a change without any of these a 428, and nothing is
 * written. A spec that breaks its kind's schema is a 422 naming the field as a JSON pointer.
 */
@Path("/v1/desired")
@Produces(MediaType.APPLICATION_JSON)
public final class DesiredResource {
    static final int LONGEST_COMMENT = 500;
    static final String USER_HEADER = "X-Ringkeeper-User";

    private final DesiredKinds kinds;
    private final ZooKeeperClient zk;
    private final DesiredStore store;
    private final SpecReader specs;
    private final Clock clock;

    @Context
    private HttpServletRequest request;

    @Inject
    DesiredResource(DesiredKinds kinds, DesiredStore store, SpecReader specs, ZooKeeperClient zk, Clock clock) {
        this.kinds = kinds;
        this.zk = zk;
        this.store = store;
        this.specs = specs;
        this.clock = clock;
    }

    /** One kind in the listing; version, changedAt and changedBy are absent while it has no record. */
    public record KindSummary(String kind, String summary, Integer version, Instant changedAt, String changedBy, boolean deleted) {
    }

    public record Kinds(List<KindSummary> kinds) {
    }

    /** The body of a change: the kind's spec, and why (shown in the history). */
    public record Change(JsonNode spec, String comment) {
    }

    public record History(String kind, int kept, List<DesiredRecord> versions) {
    }

    @GET
    @Operation(summary = "Every kind this daemon knows, with its record's version, when and by whom it was last changed")
    public Kinds list() throws Exception {
        zk.requireConnected();
        Map<String, DesiredRecord> records = new LinkedHashMap<>();
        for (DesiredRecord r : store.list()) {
            records.put(r.kind(), r);
        }
        List<KindSummary> out = new ArrayList<>();
        for (String name : kinds.names()) {
            DesiredRecord r = records.get(name);
            out.add(new KindSummary(name, kinds.find(name).orElseThrow().summary(), r == null ? null : r.version(),
                    r == null ? null : r.changedAt(), r == null ? null : r.changedBy(), r != null && r.deleted()));
        }
        return new Kinds(out);
    }

    @GET
    @Path("{kind}")
    @Operation(summary = "The kind's record: spec, version (also the ETag), changedBy, changedAt, comment")
    public Response get(@PathParam("kind") String kind) throws Exception {
        kind(kind);
        DesiredRecord r = store.get(kind).filter(x -> !x.deleted()).orElseThrow(() -> noRecord(kind));
        return Response.ok(r).tag(etag(r.version())).build();
    }

    @PUT
    @Path("{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replaces the kind's record (compare-and-set: If-Match with the version read, If-None-Match: * to "
            + "create, or ?force=true): 412 when stale, 428 without a precondition, 422 naming the invalid field")
    public Response put(@PathParam("kind") String kind, Change change, @HeaderParam("If-Match") String ifMatch,
                        @HeaderParam("If-None-Match") String ifNoneMatch, @QueryParam("force") String force,
                        @HeaderParam(USER_HEADER) String user) throws Exception {
        DesiredKind<?> k = kind(kind);
        if (change == null || change.spec() == null) {
            throw ApiException.badRequest("send a JSON body {\"spec\": {...}, \"comment\": \"why\"}; GET /v1/desired/" + kind
                    + " shows the current one");
        }
        comment(change.comment());
        try {
            specs.read(change.spec(), k.specType());
        } catch (InvalidSpec e) {
            throw e.unprocessable("the " + kind + " spec");
        }
        DesiredStore.Expect expect = expect(kind, ifMatch, ifNoneMatch, force, true);
        try {
            DesiredRecord r = store.put(kind, change.spec(), expect, changeBy(user, change.comment()));
            return Response.ok(r).tag(etag(r.version())).build();
        } catch (DesiredStore.StaleVersion e) {
            throw stale(kind, e);
        }
    }

    @DELETE
    @Path("{kind}")
    @Operation(summary = "Deletes the kind's record (If-Match or ?force=true): every node goes back to its own configuration")
    public Response delete(@PathParam("kind") String kind, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("force") String force, @HeaderParam(USER_HEADER) String user) throws Exception {
        kind(kind);
        DesiredStore.Expect expect = expect(kind, ifMatch, null, force, false);
        try {
            DesiredRecord r = store.delete(kind, expect, changeBy(user, null));
            return Response.ok(r).tag(etag(r.version())).build();
        } catch (DesiredStore.StaleVersion e) {
            if (e.current() == null) {
                throw noRecord(kind);
            }
            throw stale(kind, e);
        }
    }

    @GET
    @Path("{kind}/history")
    @Operation(summary = "The kept versions of the kind's record (the last 20), newest first; deletions included")
    public History history(@PathParam("kind") String kind) throws Exception {
        kind(kind);
        return new History(kind, DesiredStore.HISTORY, store.history(kind));
    }

    private DesiredKind<?> kind(String kind) {
        DesiredKind<?> k = kinds.require(kind);
        zk.requireConnected();
        return k;
    }


    private static ApiException noRecord(String kind) {
        return ApiException.notFound("there is no " + kind + " record; create one with PUT /v1/desired/" + kind
                + " and If-None-Match: *");
    }

    private static ApiException stale(String kind, DesiredStore.StaleVersion e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("currentVersion", e.current());
        return new ApiException(412, "stale_version", e.getMessage() + ", not the one this change was based on; "
                + "GET /v1/desired/" + kind + ", redo the change on it, and send its ETag as If-Match; nothing was changed", details);
    }

    private static DesiredStore.Expect expect(String kind, String ifMatch, String ifNoneMatch, String force, boolean creating) {
        boolean forced = force != null;
        if (forced && !force.equals("true")) {
            throw ApiException.badRequest("force takes only true");
        }
        if (ifMatch != null && ifNoneMatch != null) {
            throw ApiException.badRequest("send If-Match or If-None-Match, not both");
        }
        if (ifMatch != null) {
            return DesiredStore.Expect.version(version(ifMatch));
        }
        if (ifNoneMatch != null) {
            if (!creating || !ifNoneMatch.strip().equals("*")) {
                throw ApiException.badRequest("If-None-Match takes only * (create the record only if there is none)");
            }
            return DesiredStore.Expect.ABSENT;
        }
        if (forced) {
            return DesiredStore.Expect.ANY;
        }
        throw new ApiException(428, "precondition_required", "a change of the " + kind + " record must say what it is based on: "
                + "If-Match with the ETag of GET /v1/desired/" + kind + (creating ? ", If-None-Match: * to create it," : "")
                + " or ?force=true to overwrite whatever is there", Map.of());
    }

    private static int version(String ifMatch) {
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("If-Match takes the record's ETag, e.g. \"3\", got " + clip(ifMatch));
    }

    private static void comment(String comment) {
        if (comment != null && (comment.length() > LONGEST_COMMENT || comment.chars().anyMatch(c -> c < 0x20 && c != '\t'))) {
            throw ApiException.unprocessable("comment: at most " + LONGEST_COMMENT + " characters on one line",
                    Map.of("pointer", "/comment"));
        }
    }

    /** Who: the user the client names (the CLI sends $USER), at the address the request came from. */
    private DesiredStore.Change changeBy(String user, String comment) {
        String who = user == null ? "api" : user.strip();
        if (who.isEmpty() || who.length() > 64 || !who.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(USER_HEADER + " takes a user name: up to 64 visible ASCII characters");
        }
        String from = request == null ? "unknown" : request.getRemoteAddr();
        return new DesiredStore.Change(who + "@" + from, clock.instant(), comment);
    }

    private static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
