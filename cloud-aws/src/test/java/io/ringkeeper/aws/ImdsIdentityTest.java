package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.ringkeeper.cloud.CloudException;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.InstanceIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImdsIdentityTest {
    private WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private InstanceIdentity identity(String extra) {
        return AwsTestConfig.injector(AwsTestConfig.wiremock(wm.baseUrl(), extra)).getInstance(InstanceIdentity.class);
    }

    @Test
    void describesThisInstanceFromMetadataWithATokenOnEveryRead() {
        ImdsStubs.instance(wm, true);

        Instance self = identity("dc_suffix: _cass\n").self();

        assertThat(self.id()).isEqualTo("i-0b22a22eec53b9321");
        assertThat(self.address()).isEqualTo("10.0.2.17");
        assertThat(self.dc()).isEqualTo("us-east-1_cass");
        assertThat(self.rack()).isEqualTo("us-east-1b");
        assertThat(self.attributes()).containsEntry("instance_type", "i3.xlarge")
                .containsEntry("auto_scaling_group", "cass-us-east-1b").containsEntry("region", "us-east-1");
        wm.verify(putRequestedFor(urlEqualTo("/latest/api/token")));
        // Only IMDSv2: every metadata GET carried the session token (stubs without it would have answered 404).
        assertThat(wm.getAllServeEvents()).filteredOn(e -> e.getRequest().getUrl().startsWith("/latest/meta-data/"))
                .allSatisfy(e -> assertThat(e.getRequest().getHeader("x-aws-ec2-metadata-token")).isEqualTo(ImdsStubs.TOKEN));
    }

    @Test
    void asksAutoScalingForTheGroupWhenTagsAreNotInMetadata() {
        ImdsStubs.instance(wm, false);
        wm.stubFor(post("/").withRequestBody(containing("Action=DescribeAutoScalingInstances"))
                .withRequestBody(containing("InstanceIds.member.1=i-0b22a22eec53b9321"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <DescribeAutoScalingInstancesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">
                          <DescribeAutoScalingInstancesResult>
                            <AutoScalingInstances>
                              <member>
                                <InstanceId>i-0b22a22eec53b9321</InstanceId>
                                <InstanceType>i3.xlarge</InstanceType>
                                <AutoScalingGroupName>cass-us-east-1b</AutoScalingGroupName>
                                <AvailabilityZone>us-east-1b</AvailabilityZone>
                                <LifecycleState>Pending:Wait</LifecycleState>
                                <HealthStatus>HEALTHY</HealthStatus>
                                <ProtectedFromScaleIn>false</ProtectedFromScaleIn>
                              </member>
                            </AutoScalingInstances>
                          </DescribeAutoScalingInstancesResult>
                          <ResponseMetadata><RequestId>8d798a29-f083-11e1-bdfb-cb223EXAMPLE</RequestId></ResponseMetadata>
                        </DescribeAutoScalingInstancesResponse>""")));

        assertThat(identity("").self().attributes()).containsEntry("auto_scaling_group", "cass-us-east-1b");
    }

    @Test
    void retriesAFailedMetadataRead() {
        ImdsStubs.instance(wm, true);
        wm.stubFor(get(urlEqualTo("/latest/meta-data/local-ipv4")).inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("recovered"));
        wm.stubFor(get(urlEqualTo("/latest/meta-data/local-ipv4")).inScenario("flaky").whenScenarioStateIs("recovered")
                .withHeader("x-aws-ec2-metadata-token", com.github.tomakehurst.wiremock.client.WireMock.equalTo(ImdsStubs.TOKEN))
                .willReturn(aResponse().withStatus(200).withBody("10.0.2.17")));

        assertThat(identity("").self().address()).isEqualTo("10.0.2.17");
        wm.verify(2, getRequestedFor(urlEqualTo("/latest/meta-data/local-ipv4")));
    }

    @Test
    void offEc2TheErrorSaysSoAndHowToFixIt() throws Exception {
        int closedPort = S3Proxy.freePort();
        InstanceIdentity identity = AwsTestConfig.injector(AwsTestConfig.bind(
                "region: us-east-1\nimds: {endpoint: 'http://127.0.0.1:" + closedPort + "', timeout: 300ms, retries: 1}\n"))
                .getInstance(InstanceIdentity.class);

        assertThatThrownBy(identity::self).isInstanceOf(CloudException.class)
                .hasMessageContaining("instance metadata service at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("only on EC2").hasMessageContaining("cloud: local");
    }
}
