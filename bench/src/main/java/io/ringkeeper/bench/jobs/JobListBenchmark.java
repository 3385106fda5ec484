package io.ringkeeper.bench.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringkeeper.files.FileTrees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * 10,000 finished job records on disk, then a real daemon ({@code bin/ringkeeper daemon}, no ZooKeeper, Cassandra not
 * started) on that state_dir: how long its start takes, how many records it keeps, and the latency of
 * {@code GET /v1/jobs?limit=50}. The anchor is what the previous implementation did for every such request: read and
 * parse every record file; it is measured on the same files in the same run. Two daemons: the default bound
 * ({@code jobs.keep: 1000}) and one that keeps all 10,000, to show the listing does not grow with the records.
 */
public final class JobListBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("ringkeeper.root", ".")).toAbsolutePath().normalize();

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path work = ROOT.resolve("bench/target/jobs-bench");
        System.out.printf("%d finished job records; %d sequential GET /v1/jobs?limit=50 per daemon%n", records, requests);
        for (int keep : new int[] {1000, 100_000}) {
            FileTrees.delete(work);
            Path jobs = Files.createDirectories(work.resolve("state/jobs"));
            write(jobs, records);
            List<Long> anchor = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                int n = readAll(jobs);
                anchor.add(System.nanoTime() - t0);
                if (n != records) {
                    throw new IllegalStateException("read " + n + " records");
                }
            }
            Path config = config(work, keep);
            long t0 = System.nanoTime();
            Process daemon = new ProcessBuilder(ROOT.resolve("bin/ringkeeper").toString(), "daemon", "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("daemon.log").toFile()).start();
            try {
                Path endpoint = work.resolve("state/daemon.json");
                while (!Files.exists(endpoint)) {
                    if (!daemon.isAlive()) {
                        throw new IllegalStateException("daemon exited; see " + work.resolve("daemon.log"));
                    }
                    Thread.sleep(10);
                }
                long startMs = (System.nanoTime() - t0) / 1_000_000;
                URI base = URI.create(JSON.readTree(endpoint.toFile()).path("url").asText());
                long kept;
                try (Stream<Path> files = Files.list(jobs)) {
                    kept = files.count();
                }
                HttpClient http = HttpClient.newHttpClient();
                List<Long> page = latencies(http, base.resolve("/v1/jobs?limit=50"), requests);
                List<Long> filtered = latencies(http, base.resolve("/v1/jobs?kind=stop&state=SUCCEEDED&limit=50"), requests / 4);
                System.out.printf("jobs.keep %6d: daemon start to API %5d ms; records kept %5d; GET ?limit=50 p50 %.2f ms, p99 %.2f ms;"
                                + " filtered p50 %.2f ms | anchor (read and parse all %d files, per request before): median %.0f ms"
                                + " -> ratio %.0fx%n",
                        keep, startMs, kept, ms(pct(page, 50)), ms(pct(page, 99)), ms(pct(filtered, 50)), records,
                        ms(pct(anchor, 50)), (double) pct(anchor, 50) / pct(page, 50));
            } finally {
                daemon.destroy();
                daemon.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Long> latencies(HttpClient http, URI uri, int n) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        for (int i = 0; i < 200; i++) { // warm-up: JIT and connection
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            out.add(System.nanoTime() - t0);
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
            }
        }
        return out;
    }

    /** Records shaped as the daemon writes them: a finished lifecycle job with a few steps. */
    private static void write(Path dir, int n) throws Exception {
        Instant t = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < n; i++) {
            ObjectNode j = JSON.createObjectNode();
            j.put("id", UUID.randomUUID().toString());
            j.put("kind", i % 3 == 0 ? "stop" : i % 3 == 1 ? "start" : "restart");
            j.put("state", i % 10 == 0 ? "FAILED" : "SUCCEEDED");
            Instant at = t.plusSeconds(i);
            j.put("submittedAt", at.toString());
            j.put("startedAt", at.toString());
            j.put("finishedAt", at.plusSeconds(30).toString());
            ArrayNode steps = j.putArray("steps");
            steps.add("draining over JMX (budget 30s)").add("drained in 2.1 s").add("stopping the process (SIGTERM, SIGKILL after 1m)");
            j.put("outcome", "drained; Cassandra stopped");
            j.putObject("details").put("group", "cassandra-lifecycle");
            j.put("attempts", 1);
            Files.write(dir.resolve(j.path("id").asText() + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(j));
        }
    }

    private static int readAll(Path dir) throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                JSON.readTree(f.toFile());
                n++;
            }
        }
        return n;
    }

    private static Path config(Path work, int keep) throws Exception {
        Path lib = Files.createDirectories(work.resolve("cassandra-home/lib"));
        Files.writeString(lib.resolve("cassandra-all-5.0.9.jar"), "");
        return Files.writeString(work.resolve("ringkeeper.yaml"), """
                cluster_name: jobs-bench
                state_dir: state
                http: {port: 0}
                local:
                  inventory:
                    - {id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}
                jobs: {keep: %d}
                cassandra:
                  start_on_boot: false
                  home: cassandra-home
                  conf_dir: cassandra/conf
                  data_dirs: [cassandra/data]
                  commitlog_dir: cassandra/commitlog
                  hints_dir: cassandra/hints
                  saved_caches_dir: cassandra/saved_caches
                  log_dir: cassandra/logs
                  pidfile: cassandra/cassandra.pid
                  supervisor: process
                  wrapper: %s
                """.formatted(keep, ROOT.resolve("systemd/cassandra-wrapper")));
    }

    private static long pct(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
