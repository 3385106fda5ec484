package io.ringkeeper.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ringkeeper.aws.AwsXml;
import io.ringkeeper.aws.ImdsStubs;
import io.ringkeeper.aws.S3Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * The same steps as {@link BackupRestoreIT}, with the node on the AWS cloud (its identity and group from stubs of IMDS
 * and the Auto Scaling API, in the shapes the API reference gives) and its backups in s3proxy, started as a process:
 * the S3 object store end to end, multipart uploads and ranged downloads included.
 */
class BackupRestoreS3IT extends BackupRestoreIT {
    private static final String INSTANCE = "i-0e2e0000000000b5";
    private static final String GROUP = "cass-backup";
    private static final String BUCKET = "backups";
    private WireMockServer aws;
    private S3Proxy s3proxy;
    private Path work;

    @Override
    ManagedNode newNode() throws Exception {
        aws = new WireMockServer(options().dynamicPort());
        aws.start();
        ImdsStubs.loopbackInstance(aws, INSTANCE, GROUP);
        xml("DescribeAutoScalingGroups", AwsXml.describeGroups(AwsXml.group(GROUP, "us-east-1a",
                AwsXml.asgInstance(INSTANCE, "us-east-1a", "InService")), null));
        xml("DescribeInstances", AwsXml.describeInstances(AwsXml.ec2Instance(INSTANCE, "us-east-1a", "127.0.0.1", "running"), null));

        work = Files.createTempDirectory("backup-s3-it");
        // The filesystem backend's bucket is a directory: made here, as an operator makes the bucket.
        Files.createDirectories(work.resolve("s3-data").resolve(BUCKET));
        s3proxy = S3Proxy.start(work, "aws-v2-or-v4");
        return new ManagedNode("5.0", "backup-s3", """
                cloud: aws
                aws:
                  region: us-east-1
                  ec2_endpoint: %1$s
                  autoscaling_endpoint: %1$s
                  api_max_attempts: 3
                  credentials: {access_key_id: %2$s, secret_access_key: %3$s}
                  imds: {endpoint: %1$s, timeout: 1s, retries: 1}
                  auto_scaling_groups: [%4$s]
                  s3:
                    bucket: %5$s
                    endpoint: %6$s
                    path_style: true
                    part_size: 5M
                    multipart_threshold: 5M
                """.formatted(aws.baseUrl(), S3Proxy.IDENTITY, S3Proxy.CREDENTIAL, GROUP, BUCKET, s3proxy.endpoint()),
                "us-east-1");
    }

    private void xml(String action, String body) {
        aws.stubFor(post("/").withRequestBody(containing("Action=" + action))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
    }

    /** Fewer than with the local store (ten there): the crash points are the job's, the store only changes the upload. */
    @Override
    int killTrials() {
        return 4;
    }

    /** 12 MiB, about 6 in each data directory: multipart uploads, cut off mid-way by some of the kills. */
    @Override
    int payloadRows() {
        return 6000;
    }

    @Override
    Path objects() {
        return s3proxy.fileOf(BUCKET, "");
    }

    @Override
    @AfterAll
    void cleanUp() throws Exception {
        try {
            super.cleanUp();
        } finally {
            if (s3proxy != null) {
                s3proxy.close();
            }
            if (aws != null) {
                aws.stop();
            }
            io.ringkeeper.files.FileTrees.delete(work);
        }
    }
}
