package io.ringkeeper.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.daemon.Daemon;
import io.ringkeeper.daemon.DaemonModule;
import io.ringkeeper.files.FileTrees;
import io.ringkeeper.http.HttpServer;
import io.ringkeeper.logging.LogLevels;
import io.ringkeeper.zookeeper.EmbeddedZooKeeper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ringkeeper warm-up} (hidden): starts a throw-away embedded ZooKeeper and a throw-away daemon in a temporary
 * directory, as a real start of a cluster node would (a token claim, the seeds, Cassandra's files rendered, the HTTP
 * API, a few requests), then stops both and removes the directory. {@code bin/ringkeeper} runs
 * it once per build and JDK with {@code -XX:ArchiveClassesAtExit}, so that every later start maps the classes a start
 * loads from one class-data sharing archive instead of loading and verifying them one by one. Nothing outside the
 * temporary directory is touched; no Cassandra is started (the wrapper is /bin/true).
 */
@Command(name = "warm-up", hidden = true, description = "Start and stop a throw-away daemon (builds the class-data sharing archive).")
final class WarmUpCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("ringkeeper-warm-up");
        int[] ports = new int[4]; // ZooKeeper, and Cassandra's native, storage and JMX ports (checked free, never bound)
        java.net.ServerSocket[] probes = new java.net.ServerSocket[ports.length];
        try {
            for (int i = 0; i < ports.length; i++) {
                probes[i] = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                ports[i] = probes[i].getLocalPort();
            }
        } finally {
            for (java.net.ServerSocket p : probes) {
                if (p != null) {
                    p.close();
                }
            }
        }
        int zkPort = ports[0];
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper("127.0.0.1", zkPort, dir.resolve("zookeeper"));
        Thread zkThread = new Thread(() -> {
            try {
                zk.run();
            } catch (Exception e) {
                // the daemon below then waits for ZooKeeper in vain; the archive is a little less complete
            }
        }, "warm-up-zookeeper");
        zkThread.setDaemon(true);
        zkThread.start();
        try {
            Path lib = Files.createDirectories(dir.resolve("cassandra-home/lib"));
            Files.createFile(lib.resolve("cassandra-all-5.0.0.jar"));
            Files.createFile(dir.resolve("seed-provider.jar"));
            Path config = dir.resolve("ringkeeper.yaml");
            Files.writeString(config, """
                    cluster_name: warm-up
                    state_dir: state
                    http: {port: 0}
                    logging: {level: "OFF"}
                    local:
                      inventory: [{id: node1, address: 127.0.0.1, dc: dc1, rack: rack1}]
                    zookeeper: {connect: "127.0.0.1:%d", connection_timeout: 2s}
                    seeds: {provider_jar: seed-provider.jar}
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
                      wrapper: /bin/true
                      restart_delay: 1h
                      native_port: %d
                      storage_port: %d
                      jmx_port: %d
                    """.formatted(zkPort, ports[1], ports[2], ports[3]));
            ConfigLoader loader = ConfigLoader.withInstalledProviders();
            LoadedConfig loaded = loader.load(config);
            LogLevels levels = new LogLevels();
            levels.apply(loaded.settings().logging());
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    new DaemonModule(loaded, loader.provider(loaded.settings().cloud()).orElseThrow(), levels));
            Daemon daemon = injector.getInstance(Daemon.class);
            daemon.start();
            try {
                // The join flow claims a slot, computes the seeds and renders Cassandra's files: wait for that.
                Path cmdline = dir.resolve("cassandra/conf/cassandra.cmdline");
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                while (!Files.exists(cmdline) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                URI uri = injector.getInstance(HttpServer.class).uri();
                HttpClient client = HttpClient.newHttpClient();
                for (String path : List.of("/v1/health/live", "/v1/health/ready", "/v1/node", "/v1/jobs", "/v1/seeds",
                        "/v1/cassandra", "/metrics", "/v1/nothing-here")) {
                    client.send(HttpRequest.newBuilder(uri.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
                }
            } finally {
                daemon.stop();
            }
            return ExitCodes.OK;
        } finally {
            zk.close();
            FileTrees.delete(dir);
        }
    }
}
