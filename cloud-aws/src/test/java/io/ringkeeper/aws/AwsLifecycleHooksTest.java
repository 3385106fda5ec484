package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ringkeeper.cloud.LifecycleHooks;
import io.ringkeeper.lifecycle.JoinState;
import io.ringkeeper.lifecycle.LaunchHookRunner;
import io.ringkeeper.lifecycle.TerminateHookRunner;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsLifecycleHooksTest {
    private static final Duration FAST = Duration.ofMillis(20);

    private static LifecycleHooks.Policy policy(Duration heartbeat, Duration poll) {
        return new LifecycleHooks.Policy(true, true, LifecycleHooks.LeaveAction.DRAIN, heartbeat, poll, Duration.ofSeconds(5));
    }
    private WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ImdsStubs.instance(wm, true);
        for (String action : List.of("RecordLifecycleActionHeartbeat", "CompleteLifecycleAction")) {
            wm.stubFor(post("/").withRequestBody(containing("Action=" + action))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                            .withBody(AwsXml.autoScalingAction(action))));
        }
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private LifecycleHooks hooks() {
        return AwsTestConfig.injector(AwsTestConfig.wiremock(wm.baseUrl(),
                "hooks: {launch_hook: cass-launch, terminate_hook: cass-terminate}\n")).getInstance(LifecycleHooks.class);
    }

    private List<String> actions() {
        return wm.findAll(postRequestedFor(urlEqualTo("/"))).stream().map(LoggedRequest::getBodyAsString).toList();
    }

    @Test
    void launchHookIsHeartbeatedWhileJoiningAndCompletedOnlyOnceNormal() throws Exception {
        LifecycleHooks hooks = hooks();
        AtomicInteger polls = new AtomicInteger();
        Iterator<JoinState> states = List.of(JoinState.JOINING, JoinState.JOINING, JoinState.JOINING, JoinState.JOINING,
                JoinState.NORMAL).iterator();
        // Each poll checks that no completion has gone out while the node was still joining.
        boolean joined = new LaunchHookRunner(hooks, policy(FAST, Duration.ofMillis(30))).holdUntilJoined(() -> {
            polls.incrementAndGet();
            assertThat(actions()).noneMatch(b -> b.contains("Action=CompleteLifecycleAction"));
            return states.next();
        });

        assertThat(joined).isTrue();
        assertThat(polls).hasValue(5);
        List<String> actions = actions();
        assertThat(actions).filteredOn(b -> b.contains("Action=RecordLifecycleActionHeartbeat")).isNotEmpty()
                .allMatch(b -> b.contains("LifecycleHookName=cass-launch") && b.contains("InstanceId=i-0b22a22eec53b9321")
                        && b.contains("AutoScalingGroupName=cass-us-east-1b"));
        assertThat(actions.get(actions.size() - 1)).contains("Action=CompleteLifecycleAction")
                .contains("LifecycleActionResult=CONTINUE").contains("LifecycleHookName=cass-launch");
        assertThat(actions).filteredOn(b -> b.contains("Action=CompleteLifecycleAction")).hasSize(1);
    }

    @Test
    void aFailedJoinAbandonsTheLaunch() throws Exception {
        boolean joined = new LaunchHookRunner(hooks(), policy(FAST, FAST)).holdUntilJoined(() -> JoinState.FAILED);

        assertThat(joined).isFalse();
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("LifecycleActionResult=ABANDON")));
    }

    @Test
    void terminationIsSeenInMetadataThenTheNodeLeavesWithHeartbeatsAndCompletes() throws Exception {
        ImdsStubs.metadata(wm, "autoscaling/target-lifecycle-state", "InService");
        LifecycleHooks hooks = hooks();
        assertThat(hooks.pendingTermination()).isEmpty();

        ImdsStubs.metadata(wm, "autoscaling/target-lifecycle-state", "Terminated");
        assertThat(hooks.pendingTermination()).get().extracting(LifecycleHooks.Termination::reason).asString().contains("Terminated");

        AtomicInteger drained = new AtomicInteger();
        boolean left = new TerminateHookRunner(hooks, policy(FAST, FAST), r -> new Thread(r).start()).awaitAndLeave(termination -> {
            Thread.sleep(150); // a drain that outlasts several heartbeat intervals
            drained.incrementAndGet();
        });

        assertThat(left).isTrue();
        assertThat(drained).hasValue(1);
        List<String> actions = actions();
        assertThat(actions).filteredOn(b -> b.contains("Action=RecordLifecycleActionHeartbeat")).isNotEmpty()
                .allMatch(b -> b.contains("LifecycleHookName=cass-terminate"));
        assertThat(actions.get(actions.size() - 1)).contains("Action=CompleteLifecycleAction")
                .contains("LifecycleHookName=cass-terminate").contains("LifecycleActionResult=CONTINUE");
    }

    @Test
    void theLaunchIsHeldOnlyWhenTheGroupHasALaunchHookAndTerminationIsAlwaysWatched() {
        LifecycleHooks.Policy withHooks = hooks().policy();
        assertThat(withHooks.holdLaunch()).isTrue();
        assertThat(withHooks.watchTermination()).isTrue();
        assertThat(withHooks.leaveAction()).isEqualTo(LifecycleHooks.LeaveAction.DRAIN);

        LifecycleHooks.Policy none = AwsTestConfig.injector(AwsTestConfig.wiremock(wm.baseUrl(),
                "hooks: {terminate_action: decommission, heartbeat_interval: 30s}\n")).getInstance(LifecycleHooks.class).policy();
        assertThat(none.holdLaunch()).isFalse();
        assertThat(none.watchTermination()).isTrue();
        assertThat(none.leaveAction()).isEqualTo(LifecycleHooks.LeaveAction.DECOMMISSION);
        assertThat(none.heartbeatInterval()).hasSeconds(30);
        assertThat(none.hookTimeout()).as("AWS's default heartbeat timeout").hasHours(1);
    }

    @Test
    void noTerminationWhenTheInstanceIsNotInAGroupWithHooks() {
        // IMDS answers 404 for target-lifecycle-state outside Auto Scaling.
        assertThat(hooks().pendingTermination()).isEmpty();
    }

    @Test
    void completingAnActionThatIsNoLongerHeldIsNotAnError() {
        wm.stubFor(post("/").atPriority(1).withRequestBody(containing("Action=CompleteLifecycleAction"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(AwsXml.autoScalingError(
                        "ValidationError", "No active Lifecycle Action found with instance ID i-0b22a22eec53b9321"))));

        hooks().complete(LifecycleHooks.Hook.LAUNCH, true);

        wm.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=CompleteLifecycleAction")));
    }
}
