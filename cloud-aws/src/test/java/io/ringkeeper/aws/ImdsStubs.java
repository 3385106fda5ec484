package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;

/** IMDSv2 as EC2 serves it: a session token from PUT /latest/api/token, required on every GET. */
public final class ImdsStubs {
    public static final String TOKEN = "AQAEAFakeImdsSessionToken==";

    private ImdsStubs() {
    }

    public static void token(WireMockServer wm) {
        wm.stubFor(put(urlEqualTo("/latest/api/token"))
                .withHeader("x-aws-ec2-metadata-token-ttl-seconds", com.github.tomakehurst.wiremock.client.WireMock.matching("\\d+"))
                .willReturn(aResponse().withStatus(200).withHeader("x-aws-ec2-metadata-token-ttl-seconds", "21600")
                        .withBody(TOKEN)));
    }

    public static void metadata(WireMockServer wm, String path, String value) {
        wm.stubFor(get(urlEqualTo("/latest/meta-data/" + path))
                .withHeader("x-aws-ec2-metadata-token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(value)));
    }

    /** An i3.xlarge in us-east-1b, launched by the group cass-us-east-1b. */
    public static void instance(WireMockServer wm, boolean asgTagInMetadata) {
        token(wm);
        metadata(wm, "instance-id", "i-0b22a22eec53b9321");
        metadata(wm, "placement/region", "us-east-1");
        metadata(wm, "placement/availability-zone", "us-east-1b");
        metadata(wm, "local-ipv4", "10.0.2.17");
        metadata(wm, "instance-type", "i3.xlarge");
        if (asgTagInMetadata) {
            metadata(wm, "tags/instance/aws:autoscaling:groupName", "cass-us-east-1b");
        }
    }

    /**
     * An i3.xlarge on 127.0.0.1 in us-east-1a, launched by {@code group} and in service: the metadata a daemon on a
     * loopback "instance" reads (the e2e tests' nodes).
     */
    public static void loopbackInstance(WireMockServer wm, String instanceId, String group) {
        token(wm);
        metadata(wm, "instance-id", instanceId);
        metadata(wm, "placement/region", "us-east-1");
        metadata(wm, "placement/availability-zone", "us-east-1a");
        metadata(wm, "local-ipv4", "127.0.0.1");
        metadata(wm, "instance-type", "i3.xlarge");
        metadata(wm, "tags/instance/aws:autoscaling:groupName", group);
        metadata(wm, "autoscaling/target-lifecycle-state", "InService");
    }
}
