package io.ringkeeper.backup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ringkeeper.aws.S3Clients;
import io.ringkeeper.aws.S3ObjectStore;
import io.ringkeeper.aws.S3Proxy;
import io.ringkeeper.aws.S3Settings;
import io.ringkeeper.cassandra.CassandraConfig;
import io.ringkeeper.cassandra.CassandraCql;
import io.ringkeeper.cassandra.CassandraJmx;
import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.DataSize;
import io.ringkeeper.config.RingkeeperConfig;
import io.ringkeeper.daemon.BackgroundPool;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobRunner;
import io.ringkeeper.jobs.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.CRC32;
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
 * A node's backup, and a drill (the restore download with its hash and Digest checks), through s3proxy with a fault
 * proxy in between answering 503 SlowDown, 500 InternalError and connection resets: the jobs get through within the
 * store's retry budget; when S3 keeps failing, the backup fails with a clear message and leaves no manifest.
 * Cassandra's side is a stand-in that lays out a snapshot's files (the e2e tests use a real node).
 */
class BackupOverFaultyS3Test {
    private static final int PART = 5 * 1024 * 1024;
    private static Path work;
    private static S3Proxy s3proxy;
    private static S3Client direct;
    private static int buckets;

    @TempDir
    Path dir;

    private WireMockServer faulty;
    private S3Client viaFaults;
    private S3ObjectStore store;
    private String bucket;
    private final BackgroundPool pool = new BackgroundPool();
    private JobRunner jobs;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        work = Files.createTempDirectory("s3proxy-backup-faults");
        s3proxy = S3Proxy.start(work, "none"); // the proxy in between rewrites Host, which a signature covers
        direct = client(s3proxy.endpoint().toString(), 3);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        direct.close();
        s3proxy.close();
        FileTrees.delete(work);
    }

    private static S3Settings settings(String bucket, String endpoint, int attempts) {
        return new S3Settings(bucket, null, "us-east-1", endpoint, true, DataSize.ofBytes(PART), null, 4, attempts, "none", null,
                "crc32c", null);
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
        bucket = "backup-faults-" + (++buckets);
        direct.createBucket(b -> b.bucket(bucket));
        viaFaults = client(faulty.baseUrl(), 4);
        store = new S3ObjectStore(() -> viaFaults, settings(bucket, faulty.baseUrl(), 4));
    }

    @AfterEach
    void stop() throws Exception {
        if (jobs != null) {
            jobs.stop();
        }
        pool.stop();
        store.close();
        viaFaults.close();
        faulty.stop();
    }

    private static ResponseDefinitionBuilder s3Error(int status, String code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>injected</Message>"
                        + "<RequestId>1</RequestId><HostId>faulty</HostId></Error>");
    }

    /** The first {@code times} requests that {@code request} builds fail with {@code failure}; then the real store. */
    private void failFirst(String name, Supplier<MappingBuilder> request, int times, ResponseDefinitionBuilder failure) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= times; i++) {
            String next = i == times ? "healed" : name + "-" + i;
            faulty.stubFor(request.get().inScenario(name).whenScenarioStateIs(state).atPriority(1).willReturn(failure)
                    .willSetStateTo(next));
            state = next;
        }
    }

    private Path snapshotDir(String tag) {
        return dir.resolve("data/shop/orders-0a1b/snapshots").resolve(tag);
    }

    /** Cassandra's side: a snapshot of one table, a 12 MiB Data.db (multipart) and its Digest among small components. */
    private CassandraJmx jmx() throws Exception {
        CassandraJmx jmx = mock(CassandraJmx.class);
        when(jmx.status()).thenReturn(new CassandraJmx.NodeStatus("NORMAL", true, true, List.of(), List.of(), List.of("42"), "h",
                "5.0.9"));
        doAnswer(i -> {
            Path s = snapshotDir(i.getArgument(0));
            Files.createDirectories(s);
            byte[] data = new byte[12 * 1024 * 1024 + 77];
            new Random(7).nextBytes(data);
            Files.write(s.resolve("nb-1-big-Data.db"), data);
            CRC32 crc = new CRC32();
            crc.update(data);
            Files.writeString(s.resolve("nb-1-big-Digest.crc32"), Long.toString(crc.getValue()));
            for (String c : List.of("Index.db", "Summary.db", "Filter.db", "Statistics.db", "TOC.txt")) {
                byte[] small = new byte[3000 + c.length()];
                new Random(c.hashCode()).nextBytes(small);
                Files.write(s.resolve("nb-1-big-" + c), small);
            }
            Files.writeString(s.resolve("schema.cql"), "CREATE TABLE IF NOT EXISTS shop.orders (id int PRIMARY KEY);");
            return null;
        }).when(jmx).takeSnapshot(anyString(), any(), any());
        doAnswer(i -> {
            FileTrees.delete(snapshotDir(i.getArgument(0)));
            return null;
        }).when(jmx).clearSnapshot(anyString());
        return jmx;
    }

    private BackupRunner backups(CassandraJmx jmx) throws Exception {
        CassandraConfig cassandra = mock(CassandraConfig.class);
        when(cassandra.dataDirs()).thenReturn(List.of(dir.resolve("data")));
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.cassandra()).thenReturn(cassandra);
        when(root.clusterName()).thenReturn("prod");
        NodeIdentity identity = mock(NodeIdentity.class);
        when(identity.require()).thenReturn(new Instance("node1", "127.0.0.1", "dc1", "rack1"));
        when(root.stateDir()).thenReturn(dir.resolve("state"));
        AtomicReference<JobRunner> holder = new AtomicReference<>();
        BackupRunner runner = new BackupRunner(holder::get, jmx, mock(CassandraCql.class),
                mock(io.ringkeeper.cassandra.CassandraMonitor.class), root, identity, store, pool, BlobLock.inProcess(),
                Clock.systemUTC());
        // A tables restore into a running node, whose Cassandra side records what it is asked to import.
        io.ringkeeper.cassandra.CassandraMonitor monitor = mock(io.ringkeeper.cassandra.CassandraMonitor.class);
        when(monitor.last()).thenReturn(java.util.Optional.of(new io.ringkeeper.cassandra.CassandraMonitor.Observation(
                java.time.Instant.now(), 42L, null, true, null)));
        CassandraCql cql = mock(CassandraCql.class);
        when(cql.tables("shop")).thenReturn(List.of("orders"));
        CassandraJmx importing = mock(CassandraJmx.class);
        when(importing.importNewSSTables(anyString(), anyString(), any(), any())).thenAnswer(i -> {
            for (Path d : i.<List<Path>>getArgument(2)) {
                try (java.util.stream.Stream<Path> files = Files.list(d)) {
                    files.forEach(f -> {
                        imported.put(f.getFileName().toString(), f);
                        try {
                            importedBytes.put(f.getFileName().toString(), Files.readAllBytes(f));
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
            return List.of();
        });
        restores = new RestoreRunner(holder::get, () -> mock(io.ringkeeper.cassandra.CassandraLifecycle.class), importing, cql,
                monitor, mock(io.ringkeeper.cassandra.Supervisor.class), root, identity, store, pool);
        jobs = new JobRunner(new JobStore(dir.resolve("state")), Clock.systemUTC(), pool, Set.of(runner, restores));
        holder.set(jobs);
        jobs.start();
        return runner;
    }

    private RestoreRunner restores;
    /** What the stand-in Cassandra was asked to import, by file name, with its contents read at that moment. */
    private final java.util.Map<String, Path> imported = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, byte[]> importedBytes = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void aBackupGetsThroughSlowDownsErrorsAndResetsAndADrillReadsItBackWhole() throws Exception {
        failFirst("put-slowdown", () -> put(urlPathMatching("/" + bucket + "/blobs/.*")), 3, s3Error(503, "SlowDown"));
        failFirst("head-500", () -> head(urlPathMatching("/" + bucket + "/blobs/.*")), 2, s3Error(500, "InternalError"));
        failFirst("part-reset", () -> put(urlPathMatching("/" + bucket + "/blobs/.*")).withQueryParam("partNumber",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("2")), 1, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        BackupRunner runner = backups(jmx());
        Job backup = jobs.await(runner.submit().id(), Duration.ofMinutes(2));

        assertThat(backup.state()).as(backup.outcome()).isEqualTo(Job.State.SUCCEEDED);
        List<BackupManifest> manifests = new Manifests(store).list("prod");
        assertThat(manifests).hasSize(1);
        assertThat(manifests.get(0).files()).hasSize(7);
        assertThat(faulty.getAllScenarios().getScenarios()).allMatch(s -> s.getState().equals("healed"));

        failFirst("get-500", () -> get(urlPathMatching("/" + bucket + "/blobs/.*")), 2, s3Error(500, "InternalError"));
        failFirst("get-reset", () -> get(urlPathMatching("/" + bucket + "/blobs/.*")), 1,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        VerifyRunner verify = new VerifyRunner(() -> jobs, store, pool, rootFor(dir), Clock.systemUTC());
        Job drill = jobs.await(verify.submit(manifests, VerifyReport.DRILL).id(), Duration.ofMinutes(2));

        assertThat(drill.state()).as(drill.outcome()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(drill.outcome()).contains("1 SSTable(s) match the Digest Cassandra wrote");
    }

    @Test
    void aTablesRestoreDownloadsThroughErrorsAndResetsAndImportsTheFilesAsBackedUp() throws Exception {
        BackupRunner runner = backups(jmx());
        Job backup = jobs.await(runner.submit().id(), Duration.ofMinutes(2));
        assertThat(backup.state()).as(backup.outcome()).isEqualTo(Job.State.SUCCEEDED);
        BackupManifest m = new Manifests(store).list("prod").get(0);
        failFirst("restore-get-500", () -> get(urlPathMatching("/" + bucket + "/blobs/.*")), 2, s3Error(500, "InternalError"));
        failFirst("restore-get-reset", () -> get(urlPathMatching("/" + bucket + "/blobs/.*")), 1,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Job restore = jobs.await(restores.submit(new RestoreRequest("tables", m.backupId(), null, List.of("shop.orders"), null,
                null)).id(), Duration.ofMinutes(2));

        assertThat(restore.state()).as(restore.outcome()).isEqualTo(Job.State.SUCCEEDED);
        assertThat(faulty.getAllScenarios().getScenarios()).allMatch(s -> s.getState().equals("healed"));
        assertThat(importedBytes.keySet()).containsExactlyInAnyOrder("nb-1-big-Data.db", "nb-1-big-Digest.crc32",
                "nb-1-big-Index.db", "nb-1-big-Summary.db", "nb-1-big-Filter.db", "nb-1-big-Statistics.db", "nb-1-big-TOC.txt");
        for (BackupManifest.File f : m.files()) {
            byte[] bytes = importedBytes.get(f.name());
            assertThat(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)))
                    .as(f.name() + " as it was backed up").isEqualTo(f.sha256());
        }
    }

    @Test
    void whenS3KeepsFailingARestoreFailsSayingWhyAndImportsNothing() throws Exception {
        BackupRunner runner = backups(jmx());
        Job backup = jobs.await(runner.submit().id(), Duration.ofMinutes(2));
        assertThat(backup.state()).as(backup.outcome()).isEqualTo(Job.State.SUCCEEDED);
        faulty.stubFor(get(urlPathMatching("/" + bucket + "/blobs/.*")).atPriority(1).willReturn(s3Error(503, "SlowDown")));

        Job restore = jobs.await(restores.submit(new RestoreRequest("tables", null, null, List.of("shop.orders"), null, null))
                .id(), Duration.ofMinutes(2));

        assertThat(restore.state()).isEqualTo(Job.State.FAILED);
        assertThat(restore.outcome()).contains("SlowDown");
        assertThat(imported).as("nothing reaches Cassandra").isEmpty();
    }

    private static RingkeeperConfig rootFor(Path dir) {
        CassandraConfig cassandra = mock(CassandraConfig.class);
        when(cassandra.dataDirs()).thenReturn(List.of(dir.resolve("data")));
        RingkeeperConfig root = mock(RingkeeperConfig.class);
        when(root.cassandra()).thenReturn(cassandra);
        when(root.clusterName()).thenReturn("prod");
        return root;
    }

    @Test
    void whenS3KeepsFailingTheBackupFailsSayingWhyAndLeavesNoManifest() throws Exception {
        faulty.stubFor(put(urlPathMatching("/" + bucket + "/blobs/.*")).atPriority(1).willReturn(s3Error(500, "InternalError")));

        BackupRunner runner = backups(jmx());
        Job backup = jobs.await(runner.submit().id(), Duration.ofMinutes(2));

        assertThat(backup.state()).isEqualTo(Job.State.FAILED);
        assertThat(backup.outcome()).contains("InternalError").contains("aws.s3.max_attempts");
        assertThat(new Manifests(store).list("prod")).isEmpty();
        assertThat(direct.listObjectsV2(b -> b.bucket(bucket).prefix("manifests/")).contents()).isEmpty();
    }

    @Test
    void whenS3KeepsFailingADownloadTheDrillFailsSayingWhy() throws Exception {
        BackupRunner runner = backups(jmx());
        Job backup = jobs.await(runner.submit().id(), Duration.ofMinutes(2));
        assertThat(backup.state()).as(backup.outcome()).isEqualTo(Job.State.SUCCEEDED);
        faulty.stubFor(get(urlPathMatching("/" + bucket + "/blobs/.*")).atPriority(1).willReturn(s3Error(503, "SlowDown")));

        VerifyRunner verify = new VerifyRunner(() -> jobs, store, pool, rootFor(dir), Clock.systemUTC());
        Job drill = jobs.await(verify.submit(new Manifests(store).list("prod"), VerifyReport.DRILL).id(), Duration.ofMinutes(2));

        assertThat(drill.state()).isEqualTo(Job.State.FAILED);
        assertThat(drill.outcome()).contains("SlowDown");
        assertThat(dir.resolve("ringkeeper-restore")).as("the scratch directory is removed").satisfies(p ->
                assertThat(!Files.exists(p) || FileTrees.size(p) == 0).isTrue());
    }
}
