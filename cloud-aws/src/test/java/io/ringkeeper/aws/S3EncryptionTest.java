package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ringkeeper.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** SSE and checksum headers go on every request that creates an object (s3proxy ignores SSE, so WireMock checks). */
class S3EncryptionTest {
    private static final int PART = 64 * 1024;
    private WireMockServer wm;
    private S3Client client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        wm.stubFor(put(urlPathEqualTo("/bkt/p/small")).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e1\"")));
        wm.stubFor(post(urlEqualTo("/bkt/p/big?uploads")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Bucket>bkt</Bucket><Key>p/big</Key><UploadId>VXBsb2FkSWQ</UploadId>
                        </InitiateMultipartUploadResult>""")));
        wm.stubFor(put(urlMatching("/bkt/p/big\\?.*uploadId=VXBsb2FkSWQ.*")).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"p\"")));
        wm.stubFor(post(urlEqualTo("/bkt/p/big?uploadId=VXBsb2FkSWQ")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/xml").withBody("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Location>http://bkt/p/big</Location><Bucket>bkt</Bucket><Key>p/big</Key><ETag>"x-2"</ETag>
                        </CompleteMultipartUploadResult>""")));
    }

    @AfterEach
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            wm.stop();
        }
    }

    private S3ObjectStore store(String sse, String kmsKey) {
        S3Settings s = new S3Settings("bkt", "p", "us-east-1", wm.baseUrl(), true, DataSize.ofBytes(PART), null, 2, 1, sse, kmsKey,
                "crc32c", null);
        client = S3Clients.build(s, Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")));
        return new S3ObjectStore(() -> client, s);
    }

    @Test
    void sseKmsWithAKeyIsRequestedOnSingleAndMultipartUploads() throws Exception {
        try (S3ObjectStore store = store("kms", "alias/backups")) {
            store.put("small", new byte[] {1});
            store.put("big", Files.write(dir.resolve("big"), new byte[PART * 2 + 1]));
        }
        wm.verify(putRequestedFor(urlPathEqualTo("/bkt/p/small")).withHeader("x-amz-server-side-encryption", equalTo("aws:kms"))
                .withHeader("x-amz-server-side-encryption-aws-kms-key-id", equalTo("alias/backups"))
                .withHeader("x-amz-meta-ringkeeper-crc32c", equalTo(io.ringkeeper.cloud.ObjectChecksums.crc32c(new byte[] {1}))));
        wm.verify(postRequestedFor(urlEqualTo("/bkt/p/big?uploads")).withHeader("x-amz-server-side-encryption", equalTo("aws:kms"))
                .withHeader("x-amz-server-side-encryption-aws-kms-key-id", equalTo("alias/backups"))
                .withHeader("x-amz-checksum-algorithm", equalTo("CRC32C")));
        wm.verify(3, putRequestedFor(urlMatching("/bkt/p/big\\?.*uploadId=VXBsb2FkSWQ.*")));
        wm.verify(postRequestedFor(urlEqualTo("/bkt/p/big?uploadId=VXBsb2FkSWQ")));
    }

    @Test
    void sseS3IsRequestedAsAes256() throws Exception {
        try (S3ObjectStore store = store("s3", null)) {
            store.put("small", new byte[] {1});
        }
        wm.verify(putRequestedFor(urlPathEqualTo("/bkt/p/small")).withHeader("x-amz-server-side-encryption", equalTo("AES256")));
    }
}
