package io.ringkeeper.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ringkeeper.aws.AwsXml;
import io.ringkeeper.aws.ImdsStubs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The daemon on {@code cloud: aws} (IMDSv2, Auto Scaling and EC2 answered by WireMock in the shapes of the AWS API
 * reference) managing a real Cassandra 5.0: the group's launch hook is heartbeated while Cassandra starts and
 * completed CONTINUE only once the node is NORMAL and ready; when instance metadata says the group terminates the
 * instance, the node drains and stops, and the terminate hook is completed.
 */
class AwsLifecycleHooksIT {
    private static final String INSTANCE = "i-0e2e000000000001";
    private static final String GROUP = "cass-e2e";
    private WireMockServer aws;
    private ManagedNode node;

    @BeforeEach
    void stubAws() {
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        ImdsStubs.loopbackInstance(aws, INSTANCE, GROUP);
        // While the launch hook holds it, the group lists the instance as Pending:Wait.
        xml("DescribeAutoScalingGroups", AwsXml.describeGroups(AwsXml.group(GROUP, "us-east-1a",
                AwsXml.asgInstance(INSTANCE, "us-east-1a", "Pending:Wait")), null));
        xml("DescribeInstances", AwsXml.describeInstances(AwsXml.ec2Instance(INSTANCE, "us-east-1a", "127.0.0.1", "running"), null));
        xml("RecordLifecycleActionHeartbeat", AwsXml.autoScalingAction("RecordLifecycleActionHeartbeat"));
        xml("CompleteLifecycleAction", AwsXml.autoScalingAction("CompleteLifecycleAction"));
    }

    private void xml(String action, String body) {
        aws.stubFor(post("/").withRequestBody(containing("Action=" + action))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            aws.stop();
        }
    }

    @Test
    void launchHookCompletesOnlyOnceNormalAndTerminationDrainsStopsAndCompletes() throws Exception {
        node = new ManagedNode("5.0", "aws-hooks", """
                cloud: aws
                aws:
                  region: us-east-1
                  ec2_endpoint: %1$s
                  autoscaling_endpoint: %1$s
                  api_max_attempts: 3
                  credentials: {access_key_id: AKIDE2E, secret_access_key: secret}
                  imds: {endpoint: %1$s, timeout: 1s, retries: 1}
                  auto_scaling_groups: [%2$s]
                  hooks:
                    launch_hook: cass-launch
                    terminate_hook: cass-terminate
                    terminate_action: drain
                    heartbeat_interval: 1s
                    poll_interval: 500ms
                """.formatted(aws.baseUrl(), GROUP), "us-east-1");
        node.startDaemon();

        // Until the node is ready, the launch hook must not be completed. Completions are read before readiness,
        // so a completion seen here was sent before a readiness answer that must then be 200.
        long deadline = System.nanoTime() + ManagedNode.READY_TIMEOUT.toNanos();
        while (true) {
            List<String> completions = hookCalls("CompleteLifecycleAction", "cass-launch");
            int ready = node.get("/v1/health/ready").status();
            if (!completions.isEmpty()) {
                assertThat(ready).as("launch hook completed while the node was not ready: " + completions).isEqualTo(200);
                break;
            }
            assertThat(System.nanoTime()).as("launch hook completed within " + ManagedNode.READY_TIMEOUT).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(node.get("/v1/cassandra").body().path("observation").path("jmx").path("operationMode").asText())
                .isEqualTo("NORMAL");
        List<String> launch = hookCalls("CompleteLifecycleAction", "cass-launch");
        assertThat(launch).hasSize(1);
        assertThat(launch.get(0)).contains("LifecycleActionResult=CONTINUE").contains("InstanceId=" + INSTANCE)
                .contains("AutoScalingGroupName=" + GROUP);
        assertThat(hookCalls("RecordLifecycleActionHeartbeat", "cass-launch"))
                .as("heartbeats while Cassandra started (it takes longer than the 1 s interval)").isNotEmpty();
        node.awaitReadyAndCql();
        long cassandraPid = Long.parseLong(java.nio.file.Files.readString(node.pidfile()).strip());

        // The group scales in: instance metadata turns the target lifecycle state to Terminated.
        ImdsStubs.metadata(aws, "autoscaling/target-lifecycle-state", "Terminated");
        deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (hookCalls("CompleteLifecycleAction", "cass-terminate").isEmpty()) {
            assertThat(System.nanoTime()).as("terminate hook completed within 240 s").isLessThan(deadline);
            Thread.sleep(250);
        }
        assertThat(hookCalls("CompleteLifecycleAction", "cass-terminate")).singleElement().asString()
                .contains("LifecycleActionResult=CONTINUE");
        assertThat(ProcessHandle.of(cassandraPid).map(ProcessHandle::isAlive).orElse(false)).as("Cassandra stopped").isFalse();
        assertThat(node.cassandraPids()).isEmpty();
        assertThat(node.daemonLog()).contains("drained in");

        ManagedNode.Reply ready = node.get("/v1/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body().toString()).contains("terminated this instance");
        // A stopped node stays stopped: the supervisor does not bring it back after its restart delay.
        Thread.sleep(3000);
        assertThat(node.cassandraPids()).isEmpty();
    }

    private List<String> hookCalls(String action, String hook) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action))).stream()
                .map(LoggedRequest::getBodyAsString).filter(b -> b.contains("LifecycleHookName=" + hook)).toList();
    }
}
