package io.ringkeeper.desired;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.testing.InProcessDaemon;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desired-state API and one daemon converging on the {@code logging} kind, on a real ZooKeeper ({@code TestingServer})
 * and a daemon wired as {@code ringkeeper daemon} wires it (Cassandra not started). The scenarios share one daemon and
 * its record, in order: the first one starts from no record.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesiredRecordsTest {
    @TempDir
    static Path dir;
    static TestingServer zk;
    static InProcessDaemon d;

    @BeforeAll
    static void start() throws Exception {
        zk = new TestingServer(true);
        Files.writeString(dir.resolve("seed-provider.jar"), "");
        d = InProcessDaemon.start(dir, "", """
                zookeeper: {connect: "%s", session_timeout: 4s, connection_timeout: 1s}
                seeds: {provider_jar: seed-provider.jar}
                """.formatted(zk.getConnectString()));
    }

    @AfterAll
    static void stop() throws Exception {
        d.close();
        zk.close();
    }

    private static HttpResponse<String> put(String kind, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.uri().resolve("/v1/desired/" + kind))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return d.send(b);
    }

    private static HttpResponse<String> delete(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.uri().resolve(path)).DELETE();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return d.send(b);
    }

    /** Waits until this node's status for logging has converged on {@code version}; returns the entry. */
    private static JsonNode awaitConverged(int version) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode entry = null;
        while (System.nanoTime() < deadline) {
            JsonNode status = json(d.get("/v1/status/logging"));
            for (JsonNode e : status.path("entries")) {
                if (e.path("instanceId").asText().equals("node1")) {
                    entry = e;
                }
            }
            if (entry != null && entry.path("state").asText().equals("CONVERGED") && entry.path("convergedVersion").asInt() == version) {
                return entry;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("node1 did not converge on version " + version + ": " + entry);
    }

    @Test
    @Order(1)
    void aRecordIsChangedOnlyByCompareAndSetAndTheDaemonConvergesOnEachVersion() throws Exception {
        String spec = "{\"spec\": {\"daemon\": {\"io.ringkeeper.desiredtest\": \"DEBUG\"}}, \"comment\": \"incident 42\"}";

        HttpResponse<String> blind = put("logging", spec);
        assertThat(blind.statusCode()).isEqualTo(428);
        assertThat(json(blind).path("message").asText()).contains("If-Match").contains("If-None-Match: *").contains("force=true");
        assertThat(d.get("/v1/desired/logging").statusCode()).as("nothing written").isEqualTo(404);

        HttpResponse<String> created = put("logging", spec, "If-None-Match", "*", "X-Ringkeeper-User", "alice");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
        JsonNode record = json(d.get("/v1/desired/logging"));
        assertThat(record.path("version").asInt()).isZero();
        assertThat(record.path("changedBy").asText()).isEqualTo("alice@127.0.0.1");
        assertThat(record.path("comment").asText()).isEqualTo("incident 42");
        assertThat(record.path("spec").path("daemon").path("io.ringkeeper.desiredtest").asText()).isEqualTo("DEBUG");

        assertThat(put("logging", spec, "If-None-Match", "*").statusCode()).as("create twice").isEqualTo(412);

        JsonNode entry = awaitConverged(0);
        assertThat(entry.path("live").asBoolean()).isTrue();
        assertThat(entry.path("dc").asText()).isEqualTo("dc1");
        assertThat(json(d.get("/v1/logging")).path("levels").path("io.ringkeeper.desiredtest").asText()).isEqualTo("DEBUG");

        // A change based on a version that is no longer current changes nothing.
        String warn = "{\"spec\": {\"daemon\": {\"io.ringkeeper.desiredtest\": \"WARN\"}}}";
        HttpResponse<String> stale = put("logging", warn, "If-Match", "\"7\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(stale).path("error").asText()).isEqualTo("stale_version");
        assertThat(json(stale).path("details").path("currentVersion").asInt()).isZero();
        assertThat(json(d.get("/v1/desired/logging")).path("version").asInt()).isZero();

        HttpResponse<String> changed = put("logging", warn, "If-Match", "\"0\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"1\"");
        awaitConverged(1);
        assertThat(json(d.get("/v1/logging")).path("levels").path("io.ringkeeper.desiredtest").asText()).isEqualTo("WARN");

        // Deleting the record gives the logger back its own level (none: it inherits).
        assertThat(delete("/v1/desired/logging").statusCode()).as("a delete needs a precondition too").isEqualTo(428);
        HttpResponse<String> deleted = delete("/v1/desired/logging", "If-Match", "\"1\"");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(d.get("/v1/desired/logging").statusCode()).isEqualTo(404);
        awaitConverged(2); // the deletion is version 2
        assertThat(json(d.get("/v1/logging")).path("levels").has("io.ringkeeper.desiredtest")).isFalse();

        JsonNode history = json(d.get("/v1/desired/logging/history")).path("versions");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(history.get(0).has("spec")).as("the deletion is a version without a spec").isFalse();
        assertThat(history.get(2).path("comment").asText()).isEqualTo("incident 42");

        JsonNode openApi = json(d.get("/openapi.json")).path("paths");
        assertThat(openApi.has("/v1/desired/{kind}")).isTrue();
        assertThat(openApi.has("/v1/desired/{kind}/history")).isTrue();
        assertThat(openApi.has("/v1/status/{kind}")).isTrue();
        assertThat(openApi.path("/v1/jobs/{id}").has("delete")).isTrue();

        JsonNode listing = json(d.get("/v1/desired")).path("kinds");
        JsonNode logging = null;
        for (JsonNode k : listing) {
            if (k.path("kind").asText().equals("logging")) {
                logging = k;
            }
        }
        assertThat(logging).as(listing.toString()).isNotNull();
        assertThat(logging.path("version").asInt()).isEqualTo(2);
        assertThat(logging.path("deleted").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void anInvalidRecordIsA422NamingTheFieldAndChangesNothing() throws Exception {
        String[][] cases = {
                {"{\"spec\": {\"daemon\": {\"io.x\": \"LOUD\"}}}", "/daemon/io.x", "TRACE, DEBUG, INFO, WARN, ERROR, OFF"},
                {"{\"spec\": {\"daemons\": {}}}", "/daemons", "cassandra, daemon, overrides"},
                {"{\"spec\": {\"daemon\": {\"not a/logger\": \"DEBUG\"}}}", "/daemon/not a~1logger", "ROOT or a dotted name"},
                {"{\"spec\": {\"overrides\": 5}}", "/overrides", "an array"},
                {"{\"spec\": {\"overrides\": [{\"rack\": \"r1\"}]}}", "/overrides/0/dc", "a DC name"},
                {"{\"spec\": {\"overrides\": [{\"dc\": \"dc1\"}, {\"dc\": \"dc1\"}]}}", "/overrides/1", "one override per DC"},
                {"{\"spec\": {\"daemon\": {\"io.x\": 3}}}", "/daemon/io.x", "TRACE"},
                {"{\"spec\": []}", "", "an object"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = put("logging", c[0], "If-None-Match", "*");
            assertThat(r.statusCode()).as(c[0] + " -> " + r.body()).isEqualTo(422);
            assertThat(json(r).path("details").path("pointer").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(json(r).path("details").path("allowed").asText()).as(c[0]).contains(c[2]);
            assertThat(json(r).path("message").asText()).contains("nothing was changed");
        }
        assertThat(put("nosuchkind", "{\"spec\": {}}", "If-None-Match", "*").statusCode()).isEqualTo(404);
        assertThat(put("logging", "{\"spec\": {}, \"colour\": 1}", "If-None-Match", "*").statusCode())
                .as("unknown fields of the body itself").isEqualTo(400);
        assertThat(put("logging", "{\"spec\": {}}", "If-Match", "three").statusCode()).isEqualTo(400);
        assertThat(put("logging", "{\"spec\": {}}", "If-None-Match", "*", "X-Ringkeeper-User", "two words").statusCode())
                .isEqualTo(400);
    }

    @Test
    @Order(3)
    void cassandraLevelsWaitForCassandraAndSaySo() throws Exception {
        HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/desired/logging?force=true"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\": {\"cassandra\": {\"org.apache.cassandra.repair\": \"DEBUG\"}}}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        int version = json(r).path("version").asInt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode entry = null;
        while (System.nanoTime() < deadline) {
            entry = json(d.get("/v1/status/logging")).path("entries").get(0);
            if (entry != null && entry.path("desiredVersion").asInt() == version) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(entry.path("state").asText()).isEqualTo("WAITING");
        assertThat(entry.path("message").asText()).contains("Cassandra");
        JsonNode overview = null;
        for (JsonNode k : json(d.get("/v1/status")).path("kinds")) {
            if (k.path("kind").asText().equals("logging")) {
                overview = k;
            }
        }
        assertThat(overview).isNotNull();
        assertThat(overview.path("waiting").asInt()).isEqualTo(1);
        assertThat(overview.path("converged").asInt()).isZero();
        assertThat(delete("/v1/desired/logging?force=true").statusCode()).isEqualTo(200);
    }
}
