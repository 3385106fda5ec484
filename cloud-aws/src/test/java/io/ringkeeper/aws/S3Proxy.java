package io.ringkeeper.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * s3proxy 4.1.0 run as a separate process (the build copies its jar to target/s3proxy), with the filesystem
 * backend in a directory of the test's choosing, on a free port. Close it in a finally / @AfterAll.
 */
public final class S3Proxy implements AutoCloseable {
    public static final String IDENTITY = "ringkeeper-test";
    public static final String CREDENTIAL = "ringkeeper-test-secret";

    private final Process process;
    private final URI endpoint;
    private final Path basedir;

    private S3Proxy(Process process, URI endpoint, Path basedir) {
        this.process = process;
        this.endpoint = endpoint;
        this.basedir = basedir;
    }

    /** @param authorization {@code aws-v2-or-v4}, or {@code none} when a proxy in between rewrites the Host header */
    public static S3Proxy start(Path workDir, String authorization) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + "; run the tests through Maven (it copies the jar)");
        }
        Path basedir = Files.createDirectories(workDir.resolve("s3-data"));
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path conf = workDir.resolve("s3proxy.conf");
        Files.write(conf, List.of(
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=" + authorization,
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + basedir));
        Path log = workDir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(javaBin(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar, "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3Proxy proxy = new S3Proxy(p, endpoint, basedir);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!proxy.answers()) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                proxy.close();
                throw new IllegalStateException("s3proxy did not start; its log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return proxy;
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Where the filesystem backend keeps {@code bucket}'s object {@code key}. */
    public Path fileOf(String bucket, String key) {
        return basedir.resolve(bucket).resolve(key);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
