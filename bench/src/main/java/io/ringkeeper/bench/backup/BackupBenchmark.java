package io.ringkeeper.bench.backup;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringkeeper.aws.AwsXml;
import io.ringkeeper.aws.S3Clients;
import io.ringkeeper.aws.S3ObjectStore;
import io.ringkeeper.aws.S3Settings;
import io.ringkeeper.cassandra.JmxCassandraClient;
import io.ringkeeper.cassandra.SnapshotFiles;
import io.ringkeeper.config.DataSize;
import io.ringkeeper.files.FileTrees;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A node's backup and its download, Ringkeeper against what operators script today ({@code nodetool snapshot} then
 * {@code aws s3 sync}), on the same Cassandra 5.0.9 data and the same s3proxy, in the same run, alternating which goes
 * first. Ringkeeper's side is the daemon's own jobs, timed from their records: the backup (snapshot, SHA-256 of every
 * file, upload, manifest, clear) and a drill (download, SHA-256 and each SSTable's CRC32 against its Digest). Also: the
 * backup's throughput against the store's raw parallel upload of the same files, and the bytes a second snapshot
 * uploads against the bytes of SSTables written since the first.
 */
public final class BackupBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "bench";
    private static final String ID = "bench";
    private static final String SECRET = "bench-secret";
    private static final String INSTANCE = "i-0bench00000000001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long totalMiB = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String aws = args[4];
        Path s3proxyJar = Path.of(args[5]);
        Path home = root.resolve("e2e/target/cassandra-5.0.9");
        FileTrees.delete(work);
        Files.createDirectories(work.resolve("s3-data").resolve(BUCKET));

        int s3Port = freePort();
        String endpoint = "http://127.0.0.1:" + s3Port;
        Files.write(work.resolve("s3proxy.conf"), List.of("s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ID, "s3proxy.credential=" + SECRET, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + work.resolve("s3-data")));
        List<Process> processes = new ArrayList<>();
        HttpServer awsApi = awsStubs();
        try {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
                    s3proxyJar.toString(), "--properties", work.resolve("s3proxy.conf").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start());
            int[] ports = {freePort(), freePort(), freePort()};
            Path node = Files.createDirectories(work.resolve("node"));
            String apiUrl = "http://127.0.0.1:" + awsApi.getAddress().getPort();
            Files.writeString(node.resolve("ringkeeper.yaml"), """
                    cluster_name: bench
                    state_dir: state
                    http: {port: 0}
                    cloud: aws
                    aws:
                      region: us-east-1
                      ec2_endpoint: %1$s
                      autoscaling_endpoint: %1$s
                      credentials: {access_key_id: %2$s, secret_access_key: %3$s}
                      imds: {endpoint: %1$s, timeout: 1s, retries: 1}
                      auto_scaling_groups: [bench]
                      s3: {bucket: %4$s, endpoint: %5$s, path_style: true}
                    cassandra:
                      version: "5.0"
                      home: %6$s
                      conf_dir: conf
                      data_dirs: [data/data]
                      commitlog_dir: data/commitlog
                      hints_dir: data/hints
                      saved_caches_dir: data/saved_caches
                      log_dir: logs
                      native_port: %7$d
                      storage_port: %8$d
                      jmx_port: %9$d
                      heap: 2G
                      wrapper: %10$s
                      pidfile: run/cassandra.pid
                      supervisor: process
                      ready_timeout: 300s
                      jvm_options: [-Dcassandra.skip_wait_for_gossip_to_settle=0, -Dcassandra.ring_delay_ms=1000]
                    """.formatted(apiUrl, ID, SECRET, BUCKET, endpoint, home, ports[0], ports[1], ports[2],
                    root.resolve("systemd/cassandra-wrapper")));
            Process daemon = new ProcessBuilder(root.resolve("bin/ringkeeper").toString(), "daemon", "--config",
                    node.resolve("ringkeeper.yaml").toString()).redirectErrorStream(true)
                    .redirectOutput(node.resolve("daemon.log").toFile()).start();
            processes.add(daemon);
            String url = awaitDaemon(node, daemon);
            awaitReady(url);
            Path dataDir = node.resolve("data/data");

            try (CqlSession cql = cql(ports[0]); JmxCassandraClient jmx = new JmxCassandraClient("127.0.0.1", ports[2],
                    Duration.ofMinutes(5))) {
                cql.execute("CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                cql.execute("CREATE TABLE bench.data (id int PRIMARY KEY, payload blob)");
                int rows = (int) ((totalMiB << 20) / 4096);
                long t = System.nanoTime();
                write(cql, 0, rows);
                jmx.flush("bench", Duration.ofMinutes(10));
                System.out.printf(Locale.ROOT, "data: %d rows of 4 KiB (%d MiB) written and flushed in %.1f s%n", rows, totalMiB,
                        (System.nanoTime() - t) / 1e9);
                awaitNoCompactions(jmx);

                S3Settings settings = new S3Settings(BUCKET, null, "us-east-1", endpoint, true, DataSize.parse("64M"),
                        DataSize.parse("256M"), 8, 5, "none", null, "crc32c", null);
                try (S3Client client = S3Clients.build(settings, Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ID, SECRET)));
                     S3ObjectStore raw = new S3ObjectStore(() -> client, settings)) {
                    List<double[]> results = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        emptyBucket(work);
                        results.add(round(r, url, root, home, ports[2], dataDir, aws, endpoint, work, raw, processes.get(0), daemon));
                    }
                    summary(results);
                    secondSnapshot(url, cql, jmx, dataDir, rows);
                }
            }
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
            killCassandra(work);
            awsApi.stop(0);
        }
    }

    /** One round: both backups and both downloads, in an order that alternates; returns the four times and the raw upload. */
    private static double[] round(int r, String url, Path root, Path home, int jmxPort, Path dataDir, String aws, String endpoint,
                                  Path work, S3ObjectStore raw, Process s3proxy, Process daemon) throws Exception {
        boolean oursFirst = r % 2 == 0;
        double ourUp = 0;
        double cliUp = 0;
        String backupId = null;
        String tag = "cli-" + r;
        long bytes = 0;
        StringBuilder cpu = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            settle();
            double[] before = {cpuSeconds(s3proxy), cpuSeconds(daemon)};
            if ((i == 0) == oursFirst) {
                JsonNode job = awaitJob(url, post(url + "/v1/backups").path("id").asText());
                ourUp = seconds(job);
                backupId = job.path("details").path("backup").path("id").asText();
                bytes = job.path("details").path("backup").path("bytes").asLong();
            } else {
                long t = System.nanoTime();
                run(nodetool(home, jmxPort, "snapshot", "-t", tag, "bench"), Map.of());
                cli(aws, endpoint, "sync", dataDir.toString(), "s3://" + BUCKET + "/cli-" + r, "--exclude", "*", "--include",
                        "*/snapshots/" + tag + "/*");
                cliUp = (System.nanoTime() - t) / 1e9;
                long sent = raw.list(tag + "/").stream().mapToLong(io.ringkeeper.cloud.ObjectInfo::size).sum();
                cpu.append(String.format(Locale.ROOT, "  aws s3 sync stored %d bytes;", sent));
            }
            cpu.append(String.format(Locale.ROOT, " %s upload: s3proxy %.1f s CPU, daemon %.1f s CPU;", (i == 0) == oursFirst
                    ? "ringkeeper" : "aws", cpuSeconds(s3proxy) - before[0], cpuSeconds(daemon) - before[1]));
        }
        double ourDown = 0;
        double cliDown = 0;
        for (int i = 0; i < 2; i++) {
            settle();
            double[] before = {cpuSeconds(s3proxy), cpuSeconds(daemon)};
            if ((i == 0) == oursFirst) {
                JsonNode job = awaitJob(url, post(url + "/v1/backups/" + backupId + "/verify?depth=drill").path("id").asText());
                ourDown = seconds(job);
            } else {
                long t = System.nanoTime();
                cli(aws, endpoint, "sync", "s3://" + BUCKET + "/cli-" + r, work.resolve("down-" + r).toString());
                cliDown = (System.nanoTime() - t) / 1e9;
            }
            cpu.append(String.format(Locale.ROOT, " %s download: s3proxy %.1f s CPU, daemon %.1f s CPU;", (i == 0) == oursFirst
                    ? "ringkeeper" : "aws", cpuSeconds(s3proxy) - before[0], cpuSeconds(daemon) - before[1]));
        }
        // The store's raw parallel upload of the same files (four at a time, as the backup), no hashing, no snapshot.
        List<SnapshotFiles.SnapshotFile> files = SnapshotFiles.list(List.of(dataDir), tag);
        settle();
        long t = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (SnapshotFiles.SnapshotFile f : files) {
                if (!f.relative().equals("schema.cql") && !f.relative().equals("manifest.json")) {
                    done.add(pool.submit(() -> {
                        raw.put("raw-" + r + "/" + f.tableDir() + "/" + f.relative(), f.path());
                        return null;
                    }));
                }
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double rawUp = (System.nanoTime() - t) / 1e9;
        run(nodetool(home, jmxPort, "clearsnapshot", "-t", tag), Map.of());
        FileTrees.delete(work.resolve("down-" + r));
        double mib = bytes / 1048576.0;
        System.out.printf(Locale.ROOT, "round %d (%s first), %.0f MiB: backup ringkeeper %.2f s, nodetool snapshot + aws s3 sync %.2f s"
                        + " (%.2fx); download ringkeeper drill %.2f s, aws s3 sync %.2f s (%.2fx); raw parallel upload %.2f s"
                        + " (backup/raw throughput %.2f)%n", r + 1, oursFirst ? "ringkeeper" : "aws", mib, ourUp, cliUp,
                cliUp / ourUp, ourDown, cliDown, cliDown / ourDown, rawUp, rawUp / ourUp);
        System.out.println(cpu);
        return new double[]{ourUp, cliUp, ourDown, cliDown, rawUp};
    }

    /** {@code nodetool}, as Cassandra's own script runs it on Java 17 (the JDK internals it needs opened). */
    private static List<String> nodetool(Path home, int jmxPort, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", home.resolve("lib") + "/*", "org.apache.cassandra.tools.NodeTool", "-h", "127.0.0.1", "-p",
                Integer.toString(jmxPort)));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void summary(List<double[]> results) {
        String[] names = {"upload ratio (aws / ringkeeper)", "download ratio (aws / ringkeeper)", "backup / raw throughput"};
        for (int k = 0; k < 3; k++) {
            List<Double> xs = new ArrayList<>();
            for (double[] r : results) {
                xs.add(k == 0 ? r[1] / r[0] : k == 1 ? r[3] / r[2] : r[4] / r[0]);
            }
            xs.sort(null);
            System.out.printf(Locale.ROOT, "%s: median %.2f, range %.2f-%.2f over %d rounds%n", names[k], xs.get(xs.size() / 2),
                    xs.get(0), xs.get(xs.size() - 1), xs.size());
        }
    }

    /** 5% more rows, flushed: the second snapshot's upload against the bytes of SSTables written since the first. */
    private static void secondSnapshot(String url, CqlSession cql, JmxCassandraClient jmx, Path dataDir, int rows) throws Exception {
        awaitJob(url, post(url + "/v1/backups").path("id").asText());
        Set<Path> before = liveFiles(dataDir);
        write(cql, rows, rows + rows / 20);
        jmx.flush("bench", Duration.ofMinutes(10));
        awaitNoCompactions(jmx);
        long changed = 0;
        for (Path p : liveFiles(dataDir)) {
            if (!before.contains(p)) {
                changed += Files.size(p);
            }
        }
        JsonNode job = awaitJob(url, post(url + "/v1/backups").path("id").asText());
        long uploaded = job.path("details").path("backup").path("uploadedBytes").asLong();
        System.out.printf(Locale.ROOT, "second snapshot after 5%% more rows: uploaded %d bytes, SSTables written since %d bytes:"
                + " ratio %.3f (goal <= 1.2)%n", uploaded, changed, (double) uploaded / changed);
    }

    private static Set<Path> liveFiles(Path dataDir) throws IOException {
        Set<Path> out = new HashSet<>();
        try (Stream<Path> s = Files.walk(dataDir.resolve("bench"))) {
            s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/snapshots/") && !p.toString().contains("/backups/"))
                    .forEach(out::add);
        }
        return out;
    }

    private static void awaitNoCompactions(JmxCassandraClient jmx) throws Exception {
        Thread.sleep(2000); // let Cassandra notice the flushed SSTables; at this size they seldom compact
    }

    private static void write(CqlSession cql, int from, int to) throws Exception {
        PreparedStatement insert = cql.prepare("INSERT INTO bench.data (id, payload) VALUES (?, ?)");
        Semaphore inFlight = new Semaphore(256);
        SplittableRandom random = new SplittableRandom(from);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        for (int id = from; id < to; id++) {
            byte[] payload = new byte[4096];
            random.nextBytes(payload);
            inFlight.acquire();
            cql.executeAsync(insert.bind(id, ByteBuffer.wrap(payload))).whenComplete((r, e) -> {
                if (e != null) {
                    failed.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(256);
        if (failed.get() != null) {
            throw new IllegalStateException("a write failed", failed.get());
        }
    }

    private static double seconds(JsonNode job) {
        if (!job.path("state").asText().equals("SUCCEEDED")) {
            throw new IllegalStateException("job failed: " + job);
        }
        return Duration.between(Instant.parse(job.path("startedAt").asText()), Instant.parse(job.path("finishedAt").asText()))
                .toMillis() / 1000.0;
    }

    private static JsonNode post(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static JsonNode awaitJob(String url, String id) throws Exception {
        while (true) {
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/jobs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String state = job.path("state").asText();
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    private static String awaitDaemon(Path node, Process daemon) throws Exception {
        Path endpoint = node.resolve("state/daemon.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!Files.exists(endpoint)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the daemon did not start; see " + node.resolve("daemon.log"));
            }
            Thread.sleep(100);
        }
        return JSON.readTree(endpoint.toFile()).path("url").asText();
    }

    private static void awaitReady(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Cassandra not ready in 5 minutes");
    }

    private static CqlSession cql(int port) {
        return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port)).withLocalDatacenter("us-east-1")
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60)).build())
                .build();
    }

    /** IMDS and the Auto Scaling and EC2 APIs of one instance in one group, in the shapes the API reference gives. */
    private static HttpServer awsStubs() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> metadata = Map.of("instance-id", INSTANCE, "placement/region", "us-east-1",
                "placement/availability-zone", "us-east-1a", "local-ipv4", "127.0.0.1", "instance-type", "i3.xlarge",
                "tags/instance/aws:autoscaling:groupName", "bench", "autoscaling/target-lifecycle-state", "InService");
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/latest/api/token")) {
                exchange.getResponseHeaders().add("x-aws-ec2-metadata-token-ttl-seconds", "21600");
                answer(exchange, 200, "text/plain", "bench-token");
            } else if (path.startsWith("/latest/meta-data/") && metadata.containsKey(path.substring(18))) {
                answer(exchange, 200, "text/plain", metadata.get(path.substring(18)));
            } else if (path.equals("/") && exchange.getRequestMethod().equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (body.contains("Action=DescribeAutoScalingGroups")) {
                    answer(exchange, 200, "text/xml", AwsXml.describeGroups(AwsXml.group("bench", "us-east-1a",
                            AwsXml.asgInstance(INSTANCE, "us-east-1a", "InService")), null));
                } else if (body.contains("Action=DescribeInstances")) {
                    answer(exchange, 200, "text/xml", AwsXml.describeInstances(AwsXml.ec2Instance(INSTANCE, "us-east-1a", "127.0.0.1",
                            "running"), null));
                } else {
                    answer(exchange, 400, "text/plain", "not stubbed");
                }
            } else {
                answer(exchange, 404, "text/plain", "not found");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, b.length);
        exchange.getResponseBody().write(b);
        exchange.close();
    }

    /** Every object of the bucket, removed through the filesystem backend: each round uploads everything again. */
    private static void emptyBucket(Path work) throws IOException {
        Path bucket = work.resolve("s3-data").resolve(BUCKET);
        try (Stream<Path> s = Files.list(bucket)) {
            for (Path p : s.toList()) {
                FileTrees.delete(p);
            }
        }
    }

    private static void cli(String aws, String endpoint, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(aws, "--endpoint-url", endpoint, "s3"));
        cmd.addAll(List.of(args));
        cmd.add("--only-show-errors");
        run(cmd, Map.of("AWS_ACCESS_KEY_ID", ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_DEFAULT_REGION", "us-east-1"));
    }

    private static void run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** User and system CPU seconds a process has used so far (Linux /proc; 100 ticks a second). */
    private static double cpuSeconds(Process p) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat")).split(" ");
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void settle() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void killCassandra(Path work) {
        String marker = work.toUri().toString();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("CassandraDaemon") && c.contains(marker))
                .orElse(false)).forEach(ProcessHandle::destroyForcibly);
    }
}
