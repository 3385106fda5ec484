package io.ringkeeper.bench.s3;

import io.ringkeeper.aws.S3Clients;
import io.ringkeeper.aws.S3ObjectStore;
import io.ringkeeper.aws.S3Settings;
import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.config.DataSize;
import io.ringkeeper.files.FileTrees;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads and downloads a snapshot-like directory through Ringkeeper's S3 object store and through
 * {@code aws s3 sync}, against one s3proxy process, in one run; prints both times and both ratios.
 *
 * <p>Usage: {@code S3SyncBenchmark <s3proxy.jar> <work dir> <total MiB> <files> <aws binary>}
 */
public final class S3SyncBenchmark {
    private static final String ID = "bench";
    private static final String SECRET = "bench-secret";
    private static final String BUCKET = "bench";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long totalMiB = Long.parseLong(args[2]);
        int files = Integer.parseInt(args[3]);
        String aws = args[4];
        int fileParallelism = Integer.getInteger("bench.files", 4);
        long partSize = DataSize.parse(System.getProperty("bench.part", "64M")).bytes(); // aws.s3.part_size's default
        long threshold = DataSize.parse(System.getProperty("bench.threshold", "256M")).bytes(); // aws.s3.multipart_threshold's default
        int concurrency = Integer.getInteger("bench.concurrency", 8);
        String checksum = System.getProperty("bench.checksum", "crc32c");

        FileTrees.delete(work);
        Path source = Files.createDirectories(work.resolve("snapshot"));
        long bytes = makeSnapshot(source, totalMiB << 20, files);
        System.out.printf(Locale.ROOT, "dataset: %d files, %.1f MiB in %s%n", files, bytes / 1048576.0, source);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        Path conf = work.resolve("s3proxy.conf");
        Files.write(conf, List.of("s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ID, "s3proxy.credential=" + SECRET, "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(work.resolve("s3-data"))));
        Process proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
        try {
            awaitPort(port);
            S3Settings settings = new S3Settings(BUCKET, "ringkeeper", "us-east-1", endpoint, true,
                    DataSize.ofBytes(partSize), DataSize.ofBytes(threshold), concurrency, 5, "none", null, checksum, null);
            try (S3Client client = S3Clients.build(settings, Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(ID, SECRET)));
                 S3ObjectStore store = new S3ObjectStore(() -> client, settings)) {
                client.createBucket(b -> b.bucket(BUCKET));
                System.out.printf(Locale.ROOT, "ringkeeper: part %d MiB, one PUT up to %d MiB, %d parts in flight, %d files at once, checksum %s; aws: %s%n",
                        partSize >> 20, Math.max(partSize, threshold) >> 20, concurrency, fileParallelism, checksum, run(List.of(aws, "--version"), Map.of()).trim());

                CpuMeter cpu = new CpuMeter(proxy.pid());
                // Every phase starts with no dirty pages: otherwise the kernel writes back the previous phase's files
                // (or the dataset) during the next one, which slows whichever phase comes next.
                settle();
                cpu.lap(); // the sync's own CPU is no phase's
                double rkUp = time(() -> upload(store, source, fileParallelism));
                String rkUpCpu = cpu.lap();
                settle();
                cpu.lap(); // the sync's own CPU is no phase's
                double cliUp = time(() -> cli(aws, endpoint, "sync", source.toString(), "s3://" + BUCKET + "/cli"));
                String cliUpCpu = cpu.lap();
                Path rkDown = work.resolve("down-ringkeeper");
                Path cliDown = work.resolve("down-cli");
                settle();
                cpu.lap(); // the sync's own CPU is no phase's
                double rkDownTime = time(() -> download(store, rkDown, fileParallelism));
                String rkDownCpu = cpu.lap();
                settle();
                cpu.lap(); // the sync's own CPU is no phase's
                double cliDownTime = time(() -> cli(aws, endpoint, "sync", "s3://" + BUCKET + "/cli", cliDown.toString()));
                String cliDownCpu = cpu.lap();
                System.out.printf(Locale.ROOT, "cpu seconds (client/s3proxy): upload ringkeeper %s, aws %s; download ringkeeper %s, aws %s%n",
                        rkUpCpu, cliUpCpu, rkDownCpu, cliDownCpu);

                verifySame(source, rkDown);
                verifySame(source, cliDown);
                double mib = bytes / 1048576.0;
                System.out.printf(Locale.ROOT, "upload:   ringkeeper %.2f s (%.0f MiB/s)   aws s3 sync %.2f s (%.0f MiB/s)   ratio %.2fx%n",
                        rkUp, mib / rkUp, cliUp, mib / cliUp, cliUp / rkUp);
                System.out.printf(Locale.ROOT, "download: ringkeeper %.2f s (%.0f MiB/s)   aws s3 sync %.2f s (%.0f MiB/s)   ratio %.2fx%n",
                        rkDownTime, mib / rkDownTime, cliDownTime, mib / cliDownTime, cliDownTime / rkDownTime);
            }
        } finally {
            proxy.destroy();
            proxy.waitFor();
        }
    }

    /** Writes back every dirty page (the {@code sync} command). */
    private static void settle() throws Exception {
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (sync.waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }

    /** Sizes shaped like a Cassandra snapshot: a few big Data.db files, many mid-size ones, many tiny components. */
    static long makeSnapshot(Path dir, long total, int count) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        double[] weights = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            int kind = i % 10;
            // 10% big, 30% medium, 60% small (Index, Summary, Filter, Statistics, TOC...).
            double w = kind == 0 ? 40 + random.nextDouble(60) : kind <= 3 ? 2 + random.nextDouble(6) : 0.001 + random.nextDouble(0.05);
            weights[i] = w;
            sum += w;
        }
        long written = 0;
        byte[] block = new byte[1 << 20];
        for (int i = 0; i < count; i++) {
            long size = Math.max(1, (long) (total * weights[i] / sum));
            Path file = dir.resolve(String.format("ks/table-%d/nb-%d-big-%s", i % 7, i, i % 10 == 0 ? "Data.db" : "Index.db"));
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long left = size; left > 0; left -= block.length) {
                    random.nextBytes(block);
                    out.write(block, 0, (int) Math.min(block.length, left));
                }
            }
            written += size;
        }
        return written;
    }

    private static void upload(S3ObjectStore store, Path source, int parallelism) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(source)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        List<Path> largestFirst = new ArrayList<>(files);
        largestFirst.sort(Comparator.comparingLong((Path f) -> f.toFile().length()).reversed());
        forEach(largestFirst, parallelism, f -> store.put(source.relativize(f).toString(), f));
    }

    private static void download(S3ObjectStore store, Path target, int parallelism) throws Exception {
        List<ObjectInfo> objects = new ArrayList<>(store.list(""));
        objects.sort(Comparator.comparingLong(ObjectInfo::size).reversed());
        forEach(objects, parallelism, o -> store.get(o.key(), target.resolve(o.key())));
    }

    interface Task<T> {
        void run(T item) throws Exception;
    }

    private static <T> void forEach(List<T> items, int parallelism, Task<T> task) throws Exception {
        // Callers hand the files over largest first, as backup and restore do: the big files start at once, and
        // the many small ones fill the gaps at the end instead of one big file finishing alone.
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    task.run(item);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void cli(String aws, String endpoint, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(aws, "--endpoint-url", endpoint, "--region", "us-east-1", "--only-show-errors", "s3"));
        cmd.addAll(List.of(args));
        run(cmd, Map.of("AWS_ACCESS_KEY_ID", ID, "AWS_SECRET_ACCESS_KEY", SECRET));
    }

    private static String run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }

    /**
     * CPU seconds used since the last lap by this JVM (the store), by finished child processes (the CLI) and by
     * s3proxy, from /proc: on 2 shared cores, who burns the CPU explains most of the difference.
     */
    static final class CpuMeter {
        private final long proxyPid;
        private final double tick = 100.0; // USER_HZ on Linux
        private double self;
        private double children;
        private double proxy;

        CpuMeter(long proxyPid) throws IOException {
            this.proxyPid = proxyPid;
            lap();
        }

        String lap() throws IOException {
            String[] me = stat("self");
            String[] px = stat(Long.toString(proxyPid));
            double nowSelf = (Long.parseLong(me[13]) + Long.parseLong(me[14])) / tick;
            double nowChildren = (Long.parseLong(me[15]) + Long.parseLong(me[16])) / tick;
            double nowProxy = (Long.parseLong(px[13]) + Long.parseLong(px[14])) / tick;
            String text = String.format(Locale.ROOT, "%.1f/%.1f", (nowSelf - self) + (nowChildren - children), nowProxy - proxy);
            self = nowSelf;
            children = nowChildren;
            proxy = nowProxy;
            return text;
        }

        private static String[] stat(String pid) throws IOException {
            String line = Files.readString(Path.of("/proc", pid, "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces; index 0 = field 3.
            String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        }
    }

    interface Timed {
        void run() throws Exception;
    }

    private static double time(Timed t) throws Exception {
        long start = System.nanoTime();
        t.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void verifySame(Path expected, Path actual) throws IOException {
        try (Stream<Path> s = Files.walk(expected)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                Path other = actual.resolve(expected.relativize(f));
                if (Files.mismatch(f, other) != -1) {
                    throw new IOException(other + " differs from " + f);
                }
            }
        }
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("s3proxy did not start on port " + port);
    }

}
