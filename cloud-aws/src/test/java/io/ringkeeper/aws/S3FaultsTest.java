package io.ringkeeper.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ringkeeper.cloud.ObjectChecksums;
import io.ringkeeper.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 misbehaving: WireMock sits in front of s3proxy, proxies every request and injects 500 / 503 SlowDown
 * answers and connection resets where a test says so. The store must either get the object through within
 * its retry budget, or fail clearly and leave nothing under the final key.
 */
class S3FaultsTest {
    private static final int PART = 5 * 1024 * 1024;
    private static final AtomicInteger buckets = new AtomicInteger();

    private static Path work;
    private static S3Proxy s3proxy;
    private static S3Client direct;

    private WireMockServer faulty;
    private S3Client viaFaults;
    private S3ObjectStore store;
    private String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        work = Files.createTempDirectory("s3proxy-faults");
        // No signature checks: the proxy in between changes the Host header the signature covers.
        s3proxy = S3Proxy.start(work, "none");
        direct = client(s3proxy.endpoint().toString(), 3);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        try {
            direct.close();
        } finally {
            s3proxy.close();
            TestFiles.deleteTree(work);
        }
    }

    private static S3Settings settings(String bucket, String endpoint, int attempts) {
        return new S3Settings(bucket, null, "us-east-1", endpoint, true, DataSize.ofBytes(PART), null, 4, attempts,
                "none", null, "crc32c", null);
    }

    private static S3Client client(String endpoint, int attempts) {
        return S3Clients.build(settings("unused", endpoint, attempts), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Proxy.IDENTITY, S3Proxy.CREDENTIAL)));
    }

    @BeforeEach
    void start() {
        faulty = new WireMockServer(options().dynamicPort());
        faulty.start();
        faulty.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(s3proxy.endpoint().toString())));
        bucket = "faults-" + buckets.incrementAndGet();
        direct.createBucket(b -> b.bucket(bucket));
        viaFaults = client(faulty.baseUrl(), 4);
        store = new S3ObjectStore(() -> viaFaults, settings(bucket, faulty.baseUrl(), 4));
    }

    @AfterEach
    void stop() {
        try {
            store.close();
            viaFaults.close();
        } finally {
            faulty.stop();
        }
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml").withBody("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>%s</Code><Message>%s</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>faulty</HostId></Error>"""
                .formatted(code, message));
    }

    /** {@code times} failures for requests matching {@code request}, then the real thing. */
    private void failFirst(String name, MappingBuilder request, int times, ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = i == times ? "healed" : "failed-" + i;
            faulty.stubFor(request.inScenario(name).whenScenarioStateIs(state).atPriority(1).willReturn(failure).willSetStateTo(next));
            state = next;
            request = copyOf(name, request);
        }
    }

    // MappingBuilder is mutable: each scenario step needs a fresh one.
    private MappingBuilder copyOf(String name, MappingBuilder ignored) {
        return switch (name) {
            case "slowdown" -> put(urlPathMatching("/" + bucket + "/small"));
            case "reset-part" -> put(urlMatching("/" + bucket + "/big\\?.*partNumber=2.*"));
            case "get-500" -> get(urlPathMatching("/" + bucket + "/big"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Path randomFile(int size) throws Exception {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(dir.resolve("source-" + size), b);
    }

    @Test
    void slowDownAndServiceUnavailableAreRetried() throws Exception {
        failFirst("slowdown", copyOf("slowdown", null), 2, s3Error(503, "SlowDown", "Please reduce your request rate."));

        store.put("small", new byte[] {1, 2, 3});

        assertThat(store.getBytes("small")).containsExactly(1, 2, 3);
    }

    @Test
    void aPartWhoseConnectionIsResetIsSentAgain() throws Exception {
        failFirst("reset-part", copyOf("reset-part", null), 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        Path source = randomFile(PART * 2 + 1000);

        store.put("big", source);

        Path target = dir.resolve("restored");
        store.get("big", target);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
    }

    @Test
    void aRangedDownloadAnswered500IsRetried() throws Exception {
        Path source = randomFile(PART * 2 + 1000);
        store.put("big", source);
        failFirst("get-500", copyOf("get-500", null), 2, s3Error(500, "InternalError", "We encountered an internal error. Please try again."));

        Path target = dir.resolve("restored");
        store.get("big", target);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
    }

    @Test
    void aFileUpToTheMultipartThresholdIsOnePutWithItsCrc32c() throws Exception {
        S3ObjectStore onePut = new S3ObjectStore(() -> viaFaults, new S3Settings(bucket, null, "us-east-1",
                faulty.baseUrl(), true, DataSize.ofBytes(PART), DataSize.ofBytes(PART * 3), 4, 4, "none", null,
                "crc32c", null));
        Path source = randomFile(PART * 2 + 1000); // three parts' worth, under the threshold
        faulty.resetRequests();

        onePut.put("medium", source);

        List<LoggedRequest> requests = faulty.findAll(anyRequestedFor(urlPathMatching("/" + bucket + "/medium")));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("PUT");
            assertThat(r.getUrl()).doesNotContain("uploadId");
            CRC32C crc = new CRC32C();
            crc.update(Files.readAllBytes(source));
            assertThat(r.getHeader("x-amz-checksum-crc32c")).isEqualTo(ObjectChecksums.base64(crc.getValue()));
            assertThat(r.containsHeader("x-amz-trailer")).as("no second CRC as a trailer").isFalse();
            // Over plain HTTP as over HTTPS: the CRC32C checks the body, no SHA-256 of it on either side.
            assertThat(r.getHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        });
        Path target = dir.resolve("restored-medium");
        onePut.get("medium", target);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
    }

    @Test
    void overPlainHttpOnlyABodyWithoutItsChecksumIsSigned() throws Exception {
        Path source = randomFile(PART * 2 + 1000); // multipart: three parts
        faulty.resetRequests();
        store.put("parts", source);
        List<LoggedRequest> parts = faulty.findAll(anyRequestedFor(urlMatching("/" + bucket + "/parts\\?.*partNumber=.*")));
        assertThat(parts).hasSize(3).allSatisfy(r -> {
            assertThat(r.getHeader("x-amz-checksum-crc32c")).isNotBlank();
            assertThat(r.getHeader("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        });

        S3Settings none = new S3Settings(bucket, null, "us-east-1", faulty.baseUrl(), true, DataSize.ofBytes(PART), null, 4, 4,
                "none", null, "none", null);
        try (S3Client plain = S3Clients.build(none, Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Proxy.IDENTITY, S3Proxy.CREDENTIAL)));
             S3ObjectStore unchecked = new S3ObjectStore(() -> plain, none)) {
            faulty.resetRequests();
            unchecked.put("unchecked", source.getParent().resolve(source.getFileName()));
            List<LoggedRequest> puts = faulty.findAll(anyRequestedFor(urlMatching("/" + bucket + "/unchecked\\?.*partNumber=.*")));
            assertThat(puts).hasSize(3).allSatisfy(r -> {
                assertThat(r.containsHeader("x-amz-checksum-crc32c")).isFalse();
                assertThat(r.getHeader("x-amz-content-sha256")).as("nothing else checks this body: it stays signed")
                        .isNotEqualTo("UNSIGNED-PAYLOAD").isNotBlank();
            });
        }
        Path target = dir.resolve("restored-parts");
        store.get("parts", target);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
    }

    @Test
    void anAnswerForTheWrongRangeIsAClearErrorAndIsNotRetried() throws Exception {
        Path source = randomFile(PART * 2 + 1000);
        store.put("big", source);
        // A store that ignores or misreads Range for the second range: bytes from the start, labelled as such.
        faulty.stubFor(get(urlPathMatching("/" + bucket + "/big")).withHeader("Range", matching("bytes=" + PART + "-.*"))
                .atPriority(1).willReturn(aResponse().withStatus(206)
                        .withHeader("Content-Range", "bytes 0-" + (PART - 1) + "/" + Files.size(source))
                        .withBody(new byte[PART])));
        faulty.resetRequests();

        Path target = dir.resolve("restored");
        assertThatThrownBy(() -> store.get("big", target)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("Content-Range bytes 0-");
        assertThat(target).doesNotExist();
        assertThat(faulty.findAll(getRequestedFor(urlPathMatching("/" + bucket + "/big"))
                .withHeader("Range", matching("bytes=" + PART + "-.*")))).hasSize(1);
    }

    @Test
    void aDownloadIsOneGetPerRangeAndTheFirstAnswerPinsTheOthersToItsVersion() throws Exception {
        Path source = randomFile(PART * 2 + 1000); // three ranges
        store.put("big", source);
        faulty.resetRequests();

        Path target = dir.resolve("restored");
        store.get("big", target);

        assertThat(Files.mismatch(source, target)).isEqualTo(-1);
        List<LoggedRequest> requests = faulty.findAll(anyRequestedFor(urlPathMatching("/" + bucket + "/big")));
        assertThat(requests).extracting(r -> r.getMethod().getName()).containsOnly("GET").hasSize(3);
        String eTag = direct.headObject(b -> b.bucket(bucket).key("big")).eTag();
        // The first GET learns the version; every other range insists on it (If-Match), so a replaced object fails
        // the download instead of mixing two versions in one file.
        assertThat(requests).filteredOn(r -> r.getHeader("Range").startsWith("bytes=0-")).singleElement()
                .satisfies(r -> assertThat(r.containsHeader("If-Match")).isFalse());
        assertThat(requests).filteredOn(r -> !r.getHeader("Range").startsWith("bytes=0-"))
                .hasSize(2).allSatisfy(r -> assertThat(r.getHeader("If-Match")).isEqualTo(eTag));
    }

    @Test
    void whenS3KeepsFailingTheErrorIsClearAndNothingIsVisibleUnderTheKey() throws Exception {
        faulty.stubFor(post(urlMatching("/" + bucket + "/big\\?uploadId=.*")).atPriority(1)
                .willReturn(s3Error(500, "InternalError", "We encountered an internal error. Please try again.")));
        Path source = randomFile(PART * 2 + 1000);

        assertThatThrownBy(() -> store.put("big", source)).hasMessageContaining("s3://" + bucket + "/big")
                .hasMessageContaining("InternalError").hasMessageContaining("aws.s3.max_attempts");

        assertThat(direct.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        // The failed upload was aborted: no parts are left behind to cost money.
        assertThat(direct.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void aSingleUploadThatKeepsFailingLeavesNoObject() throws Exception {
        faulty.stubFor(put(urlPathMatching("/" + bucket + "/small")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> store.put("small", new byte[] {1, 2, 3})).hasMessageContaining("s3://" + bucket + "/small");
        assertThat(store.head("small")).isEmpty();
    }
}
