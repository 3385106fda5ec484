package io.ringkeeper.http;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.config.ConfigException;
import io.ringkeeper.testing.InProcessDaemon;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HttpApiTest {
    @TempDir
    Path dir;

    @Test
    void liveAnswersAndReadySaysWhyNot() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> live = d.get("/v1/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(json(live).path("status").asText()).isEqualTo("live");

            HttpResponse<String> ready = d.get("/v1/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode error = json(ready);
            assertThat(error.path("error").asText()).isEqualTo("not_ready");
            assertThat(error.path("message").asText()).isIn("Cassandra is not running", "Cassandra has not been checked yet");
            assertThat(error.path("details").path("checks").path("cassandra").asText()).isEqualTo(error.path("message").asText());
        }
    }

    @Test
    void nodeShowsIdentityAndConfigButNoSecrets() throws Exception {
        String token = "s3cret-token-0123456789abcdef";
        try (InProcessDaemon d = startWithAuth(token)) {
            HttpResponse<String> r = d.get("/v1/node");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode node = json(r);
            assertThat(node.path("clusterName").asText()).isEqualTo("test");
            assertThat(node.path("cloud").asText()).isEqualTo("local");
            assertThat(node.path("instance").path("id").asText()).isEqualTo("node1");
            assertThat(node.path("instance").path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(node.path("instance").path("dc").asText()).isEqualTo("dc1");
            assertThat(node.path("instance").path("rack").asText()).isEqualTo("rack1");
            assertThat(node.path("http").path("authRequired").asBoolean()).isTrue();
            assertThat(node.path("version").asText()).isNotBlank();
            assertThat(r.body()).doesNotContain(token);
        }
    }

    private InProcessDaemon startWithAuth(String token) throws Exception {
        Files.writeString(dir.resolve("token"), token + "\n");
        return InProcessDaemon.start(dir, "  bind: 0.0.0.0\n  auth_token_file: token\n");
    }

    @Test
    void offLoopbackChangesNeedTheBearerTokenButReadsDoNot() throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        try (InProcessDaemon d = startWithAuth(token)) {
            HttpRequest.Builder put = HttpRequest.newBuilder(d.uri().resolve("/v1/logging/io.ringkeeper.authtest"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"DEBUG\"}"));

            HttpResponse<String> none = d.send(put);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(json(none).path("error").asText()).isEqualTo("unauthorized");
            assertThat(json(none).path("message").asText()).contains("http.auth_token_file");

            HttpResponse<String> wrong = d.send(put.copy().header("Authorization", "Bearer " + token.replace('0', '1')));
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> otherScheme = d.send(put.copy().header("Authorization", "Basic " + token));
            assertThat(otherScheme.statusCode()).isEqualTo(401);
            assertThat(LoggerFactory.getLogger("io.ringkeeper.authtest").isDebugEnabled())
                    .as("a refused change changes nothing").isFalse();

            HttpResponse<String> right = d.send(put.copy().header("Authorization", "Bearer " + token));
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(LoggerFactory.getLogger("io.ringkeeper.authtest").isDebugEnabled()).isTrue();

            assertThat(d.get("/v1/logging").statusCode()).isEqualTo(200);
            assertThat(d.get("/v1/node").statusCode()).isEqualTo(200);

            // Desired-state records are changes too; reading them is not.
            HttpRequest.Builder record = HttpRequest.newBuilder(d.uri().resolve("/v1/desired/logging?force=true"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"spec\": {}}"));
            assertThat(d.send(record).statusCode()).isEqualTo(401);
            assertThat(d.get("/v1/desired/logging").statusCode()).as("nothing was written").isEqualTo(404);
            assertThat(d.send(record.copy().header("Authorization", "Bearer " + token)).statusCode()).isEqualTo(200);
            assertThat(d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/desired/logging?force=true")).DELETE()).statusCode())
                    .isEqualTo(401);
            assertThat(d.get("/v1/status/logging").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void onLoopbackChangesNeedNoToken() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/logging/io.ringkeeper.looptest"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"warn\"}")));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("levels").path("io.ringkeeper.looptest").asText()).isEqualTo("WARN");
        }
    }

    @Test
    void aMissingTokenFileStopsStartUpNamingTheKey() {
        Path sub = dir.resolve("no-token");
        assertThatThrownBy(() -> InProcessDaemon.start(sub, "  bind: 0.0.0.0\n  auth_token_file: absent\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.auth_token_file")
                .hasMessageContaining("no such file")
                .hasMessageContaining("openssl rand");
    }

    @Test
    void aPortInUseStopsStartUpWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> InProcessDaemon.start(dir, "  port: " + taken.getLocalPort() + "\n"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("http.port");
        }
    }

    @Test
    void theEndpointFileTellsWhereTheDaemonListensWhileItRuns() throws Exception {
        Path endpoint = dir.resolve("state/daemon.json");
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(endpoint.toFile());
            assertThat(file.path("url").asText()).isEqualTo(d.uri().toString());
            assertThat(file.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        }
        assertThat(endpoint).doesNotExist();
    }

    @Test
    void openApiDescribesEveryEndpointServed() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> r = d.get("/openapi.json");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode doc = json(r);
            assertThat(doc.path("openapi").asText()).startsWith("3.");
            List<String> paths = new ArrayList<>();
            doc.path("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).contains("/v1/health/live", "/v1/health/ready", "/v1/node", "/v1/logging",
                    "/v1/logging/{logger}", "/metrics", "/openapi.json");
            // and the document describes what is there: every GET without parameters answers
            for (String p : paths) {
                if (doc.path("paths").path(p).has("get") && !p.contains("{")) {
                    assertThat(d.get(p).statusCode()).as(p).isIn(200, 503);
                }
            }
            assertThat(doc.path("paths").path("/v1/logging/{logger}").has("put")).isTrue();
        }
    }

    @Test
    void metricsCountRequestsByRouteTemplateNeverByRawPath() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            d.get("/v1/health/live");
            d.get("/v1/health/live");
            d.get("/some/random/path-7f3a9");
            d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/logging/io.ringkeeper.metricstest"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"INFO\"}")));
            HttpResponse<String> r = d.get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String text = r.body();
            assertThat(text).contains("ringkeeper_http_requests_total{method=\"GET\",route=\"/v1/health/live\",status=\"200\"} 2.0");
            assertThat(text).contains("route=\"(unmatched)\",status=\"404\"");
            assertThat(text).contains("route=\"/v1/logging/{logger}\",status=\"200\"");
            assertThat(text).doesNotContain("path-7f3a9").doesNotContain("metricstest");
            assertThat(text).contains("ringkeeper_http_request_duration_seconds_bucket");
            assertThat(text).contains("jvm_memory_used_bytes").contains("jvm_threads_current");
        }
    }

    @Test
    void errorsAreJsonWithAHint() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> notFound = d.get("/v2/nothing");
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(json(notFound).path("message").asText()).contains("/openapi.json");

            HttpResponse<String> badMethod = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/node")).DELETE());
            assertThat(badMethod.statusCode()).isEqualTo(405);
            assertThat(badMethod.headers().firstValue("Allow").orElse("")).contains("GET");
            assertThat(json(badMethod).path("error").asText()).isEqualTo("method_not_allowed");

            HttpRequest.Builder put = HttpRequest.newBuilder(d.uri().resolve("/v1/logging/io.x")).header("Content-Type", "application/json");
            JsonNode malformed = json(d.send(put.copy().PUT(HttpRequest.BodyPublishers.ofString("{\"level\": "))));
            assertThat(malformed.path("error").asText()).isEqualTo("malformed_json");
            JsonNode unknown = json(d.send(put.copy().PUT(HttpRequest.BodyPublishers.ofString("{\"levle\":\"DEBUG\"}"))));
            assertThat(unknown.path("error").asText()).isEqualTo("invalid_body");
            assertThat(unknown.path("message").asText()).contains("levle").contains("known fields: level");
            JsonNode wrongType = json(d.send(put.copy().PUT(HttpRequest.BodyPublishers.ofString("{\"level\":[1]}"))));
            assertThat(wrongType.path("error").asText()).isEqualTo("invalid_body");
            assertThat(wrongType.path("details").path("field").asText()).isEqualTo("level");
            JsonNode badLevel = json(d.send(put.copy().PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"LOUD\"}"))));
            assertThat(badLevel.path("error").asText()).isEqualTo("invalid_request");
        }
    }

    @Test
    void aBodyOverTheLimitGets413Json() throws Exception {
        // A limit small enough that the whole body is on the server before it answers: with a body larger than the
        // socket buffers, the server's close races the client still writing, and the client may see a reset instead.
        try (InProcessDaemon d = InProcessDaemon.start(dir, "  max_request_bytes: 4K\n")) {
            HttpResponse<String> tooBig = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/logging/io.x"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"level\":\"" + "x".repeat(6 << 10) + "\"}")));
            assertThat(tooBig.statusCode()).isEqualTo(413);
            assertThat(json(tooBig).path("message").asText()).contains("http.max_request_bytes");
            assertThat(d.get("/v1/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withZooKeeperAStartBeforeTheJoinFlowHasASlotIsRefusedAndRendersNothing() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("seed-provider.jar"), "");
        // Nothing listens on port 1: the join flow waits for ZooKeeper, so no slot and no plan.
        try (InProcessDaemon d = InProcessDaemon.start(dir, "", "zookeeper: {connect: 127.0.0.1:1}\n"
                + "seeds: {provider_jar: seed-provider.jar}\n")) {
            for (String operation : List.of("start", "restart")) {
                HttpResponse<String> r = d.send(HttpRequest.newBuilder(d.uri().resolve("/v1/cassandra/" + operation))
                        .POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(r.statusCode()).as(operation).isEqualTo(409);
                assertThat(json(r).path("message").asText()).contains("has no token slot yet");
            }
            assertThat(json(d.get("/v1/jobs")).path("jobs").size()).isZero();
            assertThat(dir.resolve("cassandra/conf")).as("nothing rendered").doesNotExist();
        }
    }
}
