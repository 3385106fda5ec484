package io.ringkeeper.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.ringkeeper.config.ConfigLoader;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.daemon.Daemon;
import io.ringkeeper.daemon.DaemonModule;
import io.ringkeeper.daemon.Version;
import io.ringkeeper.http.HttpListener;
import io.ringkeeper.logging.JulBridge;
import io.ringkeeper.logging.LogLevels;
import io.ringkeeper.zookeeper.ZooKeeperClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code ringkeeper daemon}: run in the foreground until SIGTERM or SIGINT, then stop every service in
 * reverse order within {@code shutdown_timeout} and exit 0. If stopping takes longer, the process halts
 * with exit code 1 so that systemd sees the stop was not clean.
 */
@Command(name = "daemon", description = "Run the Ringkeeper daemon in the foreground (systemd runs this).",
        mixinStandardHelpOptions = true)
final class DaemonCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DaemonCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The config file (default: ${DEFAULT-VALUE}).")
    Path config = ConfigLoader.DEFAULT_PATH;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ConfigLoader loader = ConfigLoader.withInstalledProviders();
        LoadedConfig loaded = loader.load(config);
        if (loaded.settings().zookeeper().enabled()) {
            // The join flow waits on the session; a daemon's own store (no zookeeper.connect) is not on that path, and
            // preloading would only compete with the start for CPU.
            ZooKeeperClient.preloadInBackground();
        }
        LogLevels levels = new LogLevels();
        levels.apply(loaded.settings().logging());

        CountDownLatch stopRequested = new CountDownLatch(1);
        String[] signalName = {"?"};
        for (String sig : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(sig), s -> {
                signalName[0] = "SIG" + s.getName();
                stopRequested.countDown();
            });
        }

        log.debug("config loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
        // Listening before the wiring: liveness answers at once, a port in use is the first error, and the URL is
        // known to everything that starts after.
        HttpListener listener = new HttpListener(loaded.settings().http(), loaded.source());
        listener.open();
        log.debug("listening at {} ms", (System.nanoTime() - t0) / 1_000_000);
        JulBridge.install(); // before anything that logs through JUL (Guice, Jersey)
        Daemon daemon;
        try {
            Injector injector = Guice.createInjector(Stage.PRODUCTION,
                    new DaemonModule(loaded, loader.provider(loaded.settings().cloud()).orElseThrow(), levels, listener));
            daemon = injector.getInstance(Daemon.class);
            log.debug("injector built at {} ms", (System.nanoTime() - t0) / 1_000_000);
            daemon.start();
        } catch (Exception | Error e) {
            listener.stop();
            throw e;
        }
        log.info("ringkeeper {} started in {} ms (cluster {}, cloud {}, config {}, services {})", Version.current(),
                (System.nanoTime() - t0) / 1_000_000, loaded.settings().clusterName(), loaded.settings().cloud(),
                config, daemon.serviceNames());

        stopRequested.await();
        Duration budget = loaded.settings().shutdownTimeout();
        log.info("{} received; stopping (budget {} ms)", signalName[0], budget.toMillis());
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(budget.toMillis());
                log.error("stopping took longer than shutdown_timeout ({} ms); exiting anyway", budget.toMillis());
                Runtime.getRuntime().halt(ExitCodes.FAILURE);
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        daemon.stop();
        watchdog.interrupt();
        log.info("stopped");
        return ExitCodes.OK;
    }
}
