package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.cloud.GroupMembership;
import io.ringkeeper.cloud.Instance;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutoScalingMembershipTest {
    private WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ImdsStubs.instance(wm, true);
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private GroupMembership membership(String extra) {
        return AwsTestConfig.injector(AwsTestConfig.wiremock(wm.baseUrl(), extra)).getInstance(GroupMembership.class);
    }

    private void stubGroupsInTwoPages() {
        // Page 1: group a (one in service, one terminating); page 2, after NextToken: group b.
        wm.stubFor(post("/").atPriority(5).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml(AwsXml.describeGroups(AwsXml.group("cass-us-east-1a", "us-east-1a",
                        AwsXml.asgInstance("i-0aaa000000000001", "us-east-1a", "InService")
                                + AwsXml.asgInstance("i-0aaa000000000002", "us-east-1a", "Terminating:Wait")), "page-2"))));
        wm.stubFor(post("/").atPriority(1).withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .withRequestBody(containing("NextToken=page-2"))
                .willReturn(xml(AwsXml.describeGroups(AwsXml.group("cass-us-east-1b", "us-east-1b",
                        AwsXml.asgInstance("i-0b22a22eec53b9321", "us-east-1b", "Pending:Wait")
                                + AwsXml.asgInstance("i-0bbb000000000003", "us-east-1b", "Terminated")), null))));
    }

    private void stubInstancesInTwoPages() {
        wm.stubFor(post("/").atPriority(5).withRequestBody(containing("Action=DescribeInstances"))
                .willReturn(xml(AwsXml.describeInstances(
                        AwsXml.ec2Instance("i-0aaa000000000001", "us-east-1a", "10.0.1.11", "running"), "ec2-page-2"))));
        wm.stubFor(post("/").atPriority(1).withRequestBody(containing("Action=DescribeInstances"))
                .withRequestBody(containing("NextToken=ec2-page-2"))
                .willReturn(xml(AwsXml.describeInstances(
                        AwsXml.ec2Instance("i-0b22a22eec53b9321", "us-east-1b", "10.0.2.17", "pending"), null))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    @Test
    void membersAreTheGroupsInstancesThatAreNotLeavingAcrossPages() {
        stubGroupsInTwoPages();
        stubInstancesInTwoPages();

        List<Instance> members = membership("auto_scaling_groups: [cass-us-east-1a, cass-us-east-1b]\ndc_suffix: _c\n").members();

        assertThat(members).extracting(Instance::id).containsExactly("i-0aaa000000000001", "i-0b22a22eec53b9321");
        assertThat(members.get(0)).extracting(Instance::address, Instance::dc, Instance::rack)
                .containsExactly("10.0.1.11", "us-east-1_c", "us-east-1a");
        assertThat(members.get(1).attributes()).containsEntry("auto_scaling_group", "cass-us-east-1b")
                .containsEntry("lifecycle_state", "Pending:Wait");
        // Both groups named in one call; terminating instances were not even looked up in EC2.
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("AutoScalingGroupNames.member.2=cass-us-east-1b")));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("i-0aaa000000000002")));
    }

    @Test
    void oneAnswerIsReusedWithinTheCacheTtl() {
        stubGroupsInTwoPages();
        stubInstancesInTwoPages();
        GroupMembership membership = membership("auto_scaling_groups: [cass-us-east-1a, cass-us-east-1b]\nmembership_cache_ttl: 1h\n");

        membership.members();
        membership.members();

        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups")));
    }

    @Test
    void withNoGroupsConfiguredTheInstancesOwnGroupIsUsedAndThrottlingIsRetried() {
        wm.stubFor(post("/").withRequestBody(containing("Action=DescribeAutoScalingGroups")).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml")
                        .withBody(AwsXml.autoScalingError("Throttling", "Rate exceeded")))
                .willSetStateTo("calm"));
        wm.stubFor(post("/").withRequestBody(containing("Action=DescribeAutoScalingGroups")).inScenario("throttle")
                .whenScenarioStateIs("calm").withRequestBody(containing("AutoScalingGroupNames.member.1=cass-us-east-1b"))
                .willReturn(xml(AwsXml.describeGroups(AwsXml.group("cass-us-east-1b", "us-east-1b",
                        AwsXml.asgInstance("i-0b22a22eec53b9321", "us-east-1b", "InService")), null))));
        wm.stubFor(post("/").withRequestBody(containing("Action=DescribeInstances")).willReturn(xml(AwsXml.describeInstances(
                AwsXml.ec2Instance("i-0b22a22eec53b9321", "us-east-1b", "10.0.2.17", "running"), null))));

        assertThat(membership("").members()).extracting(Instance::address).containsExactly("10.0.2.17");
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAutoScalingGroups")));
    }

    @Test
    void aMisspelledGroupIsNamedInTheError() {
        wm.stubFor(post("/").withRequestBody(containing("Action=DescribeAutoScalingGroups"))
                .willReturn(xml(AwsXml.describeGroups("", null))));

        assertThatThrownBy(() -> membership("auto_scaling_groups: [cass-typo]\n").members())
                .isInstanceOf(CloudException.class).hasMessageContaining("cass-typo").hasMessageContaining("aws.auto_scaling_groups");
    }
}
