package io.ringkeeper.lifecycle;

import static io.ringkeeper.testing.InProcessDaemon.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.cloud.LifecycleHooks.LeaveAction;
import io.ringkeeper.testing.InProcessDaemon;
import io.ringkeeper.tokenprovider.RingLayout;
import io.ringkeeper.tokenprovider.zk.BootstrapLock;
import io.ringkeeper.tokenprovider.zk.ClaimRequest;
import io.ringkeeper.tokenprovider.zk.GossipView;
import io.ringkeeper.tokenprovider.zk.TokenRegistry;
import io.ringkeeper.tokens.JoinFlow;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving under bad conditions: mid-join, over the API, with a cloud API that refuses a completion now and then. */
class LeavingTest {
    @TempDir
    Path dir;

    @Test
    void aTerminationMidJoinEndsTheJoinGivesTheSlotBackAndCompletesTheHook() throws Exception {
        try (TestingServer zk = new TestingServer(true);
             CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryNTimes(10, 200))) {
            client.start();
            assertThat(client.blockUntilConnected(30, TimeUnit.SECONDS)).isTrue();
            // dc1 has a NORMAL node already, so node1 is no genesis seed: it waits for the bootstrap lock, held here.
            TokenRegistry registry = new TokenRegistry(client, "test");
            RingLayout layout = registry.layOut("dc1", () -> RingLayout.plan("dc1", 3, List.of("rack1"), 1));
            registry.claim(new ClaimRequest("dc1", "rack1", "node0", "127.0.0.9"), layout, Set.of("node0", "node1"),
                    GossipView.NOBODY_TO_ASK);
            registry.markBootstrapping("dc1", "node0");
            registry.markNormal("dc1", "node0");
            BootstrapLock.BootstrapLease held = new BootstrapLock(client, "test").acquire("dc1", "someone else", Duration.ofSeconds(10));

            RecordingHooks hooks = new RecordingHooks(RecordingHooks.policy(LeaveAction.DECOMMISSION, Duration.ofSeconds(10)));
            Files.writeString(dir.resolve("seed-provider.jar"), "");
            try (InProcessDaemon d = InProcessDaemon.start(dir, "", """
                    zookeeper: {connect: "%s"}
                    seeds: {provider_jar: seed-provider.jar}
                    local:
                      instance_id: node1
                      inventory:
                        - {id: node0, address: 127.0.0.9, dc: dc1, rack: rack1}
                        - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                    """.formatted(zk.getConnectString()), binder -> binder.bind(LifecycleHooks.class).toInstance(hooks))) {
                JoinFlow join = d.injector().getInstance(JoinFlow.class);
                await(() -> join.state().startsWith("waiting for the bootstrap lock"), "the join waits for the lock");
                assertThat(registry.slotOf("dc1", "node1")).as("node1 claimed a slot").isPresent();

                hooks.termination = new LifecycleHooks.Termination("scale in");
                await(() -> hooks.completions("TERMINATE CONTINUE") == 1, "terminate hook completed");

                assertThat(join.outcome()).contains(false);
                assertThat(join.state()).startsWith("abandoned: the cloud terminates this instance (scale in)");
                assertThat(registry.slotOf("dc1", "node1")).as("a slot never started on is given back").isEmpty();
                assertThat(registry.slotOf("dc1", "node0")).as("the other node's slot is untouched").isPresent();
                assertThat(dir.resolve("cassandra/conf/cassandra.cmdline")).as("Cassandra was never configured").doesNotExist();
                assertThat(hooks.calls).as("the launch hook is abandoned: the node never joined").contains("complete LAUNCH ABANDON");
                JsonNode ready = json(d.get("/v1/health/ready"));
                assertThat(ready.path("details").path("checks").path("lifecycle-hooks").asText()).contains("has left");
            } finally {
                held.release();
            }
        }
    }

    @Test
    void leavingOverTheApiIsOneJobAndBadActionsAreRefused() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "")) {
            HttpResponse<String> bad = post(d, "/v1/node/leave?action=sideways");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(json(bad).path("message").asText()).isEqualTo("action: \"sideways\" is not drain or decommission");

            HttpResponse<String> accepted = post(d, "/v1/node/leave?action=drain");
            assertThat(accepted.statusCode()).isEqualTo(202);
            String url = json(accepted).path("url").asText();
            assertThat(json(post(d, "/v1/node/leave")).path("url").asText()).as("asking again: the same job").isEqualTo(url);
            await(() -> uncheck(() -> json(d.get(url))).path("state").asText().equals("SUCCEEDED"), "the leave job succeeds");
            assertThat(json(d.get(url)).path("outcome").asText()).startsWith("not running; Cassandra stopped");
            assertThat(json(d.get("/v1/health/ready")).path("details").path("checks").path("lifecycle-hooks").asText())
                    .startsWith("asked over the API (POST /v1/node/leave); leaving (stop: it never joined)");
        }
    }

    @Test
    void withoutZooKeeperAStartAskedForLaterIsWhatTheLaunchHookWaitsFor() throws Exception {
        try (InProcessDaemon d = InProcessDaemon.start(dir, "", "", binder -> { })) {
            JoinProgress progress = d.injector().getInstance(JoinProgress.class);
            assertThat(progress.get()).as("start_on_boot: false and no start yet").isEqualTo(JoinState.JOINING);
            // This installation is a stand-in: the start fails, and the launch hook must see that outcome.
            HttpResponse<String> start = post(d, "/v1/cassandra/start");
            assertThat(start.statusCode()).isEqualTo(202);
            String url = json(start).path("url").asText();
            d.injector().getInstance(io.ringkeeper.jobs.JobRunner.class).cancel(url.substring(url.lastIndexOf('/') + 1),
                    "the test does not wait for ready_timeout");
            await(() -> progress.get() == JoinState.FAILED, "the start job's outcome is seen");
        }
    }

    @Test
    void aCompletionTheCloudRefusesIsRetriedWithBackoffUntilTheHooksTimeout() throws Exception {
        RecordingHooks hooks = new RecordingHooks(RecordingHooks.policy(LeaveAction.DRAIN, Duration.ofSeconds(10)));
        hooks.failingCompletes.set(3);
        assertThat(new LaunchHookRunner(hooks, hooks.policy()).holdUntilJoined(() -> JoinState.NORMAL)).isTrue();
        assertThat(hooks.completions("LAUNCH CONTINUE")).as("three refusals, then taken").isEqualTo(4);

        RecordingHooks down = new RecordingHooks(RecordingHooks.policy(LeaveAction.DRAIN, Duration.ofMillis(300)));
        down.failingCompletes.set(Integer.MAX_VALUE);
        long t0 = System.nanoTime();
        assertThat(new TerminateHookRunner(down, down.policy(), Runnable::run).leave(() -> null)).as("the leave itself succeeded").isTrue();
        assertThat(down.completions("TERMINATE CONTINUE")).as("retried until the hook's timeout").isGreaterThan(3);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("then given up").isLessThan(Duration.ofSeconds(5));
    }

    private static HttpResponse<String> post(InProcessDaemon d, String path) throws Exception {
        return d.send(HttpRequest.newBuilder(d.uri().resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T uncheck(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
