package io.ringkeeper.cassandra;

import io.ringkeeper.cloud.Instance;
import io.ringkeeper.cloud.NodeIdentity;
import io.ringkeeper.config.Durations;
import io.ringkeeper.daemon.BackgroundPriority;
import io.ringkeeper.daemon.LaunchGate;
import io.ringkeeper.daemon.Service;
import io.ringkeeper.jobs.Job;
import io.ringkeeper.jobs.JobContext;
import io.ringkeeper.jobs.JobRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting and stopping the node. Start: render the config, have the supervisor start Cassandra, wait until
 * it is ready (NORMAL, joined, native transport, a CQL handshake). Stop: JMX drain within a budget, then
 * stop the process (SIGTERM, SIGKILL after the stop timeout) whether or not the drain finished, so a stop is
 * always bounded. Each is a job in the "cassandra-lifecycle" group: one at a time.
 *
 * <p>When the daemon starts it renders the config and, if Cassandra already runs, only supervises it: a
 * daemon restart never restarts Cassandra. When the daemon stops, Cassandra keeps running.
 */
public final class CassandraLifecycle implements Service {
    public static final String GROUP = "cassandra-lifecycle";
    // Streaming a node's data away takes as long as it takes; the cloud's own hook timeout (48 h at most on Auto
    // Scaling) is the real bound, so this one only keeps the JMX call from waiting forever.
    public static final Duration DECOMMISSION_BUDGET = Duration.ofHours(48);
    private static final Logger log = LoggerFactory.getLogger(CassandraLifecycle.class);

    private final CassandraConfig config;
    private final CassandraFiles files;
    private final Supervisor supervisor;
    private final CassandraJmx jmx;
    private final CassandraMonitor monitor;
    private final NodeIdentity identity;
    private final JobRunner jobs;
    private final boolean plannedByControlPlane;
    private final Path configFile;
    private final BackgroundPriority priority;
    private final LaunchGate launch;
    private final java.util.List<LifecycleListener> listeners;

    /**
     * @param plannedByControlPlane the node's tokens and seeds come from ZooKeeper: nothing is rendered or
     *                              started here; the join flow does it once the plan exists
     */
    private volatile Job bootStart;
    /** The latest start (at boot, or asked for since): what a launch hook waits for without ZooKeeper. */
    private volatile Job lastStart;

    public CassandraLifecycle(CassandraConfig config, CassandraFiles files, Supervisor supervisor, CassandraJmx jmx,
                              CassandraMonitor monitor, NodeIdentity identity, JobRunner jobs, boolean plannedByControlPlane,
                              Path configFile, BackgroundPriority priority, LaunchGate launch) {
        this(config, files, supervisor, jmx, monitor, identity, jobs, plannedByControlPlane, configFile, priority, launch,
                java.util.Set.of());
    }

    public CassandraLifecycle(CassandraConfig config, CassandraFiles files, Supervisor supervisor, CassandraJmx jmx,
                              CassandraMonitor monitor, NodeIdentity identity, JobRunner jobs, boolean plannedByControlPlane,
                              Path configFile, BackgroundPriority priority, LaunchGate launch,
                              java.util.Set<LifecycleListener> listeners) {
        this.listeners = java.util.List.copyOf(listeners);
        this.plannedByControlPlane = plannedByControlPlane;
        this.priority = priority;
        this.launch = launch;
        this.configFile = configFile;
        this.config = config;
        this.files = files;
        this.supervisor = supervisor;
        this.jmx = jmx;
        this.monitor = monitor;
        this.identity = identity;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "cassandra-lifecycle";
    }

    @Override
    public void start() throws Exception {
        if (plannedByControlPlane) {
            // Rendering now would write fixed values over the planned ones; the join flow renders and starts.
            log.info("Cassandra waits for its token slot and seeds from ZooKeeper before it is configured or started");
            return;
        }
        Optional<String> restoring = files.swapInProgress();
        if (restoring.isPresent()) {
            // Neither launched nor adopted: the restore (resumed by the job runner) stops or starts it itself.
            log.info("not starting or adopting Cassandra: {}", new DataSwap.InProgress(restoring.get()).getMessage());
            return;
        }
        // Ports and the values a joined node keeps were checked before anything was written (CassandraBootCheck).
        Optional<Long> running = supervisor.pid();
        CassandraFiles.Rendered r = files.render(self());
        log.info("rendered Cassandra {} config in {} ({} file(s) changed)", config.version(), config.confDir(), r.changed().size());
        if (running.isPresent()) {
            log.info("Cassandra is already running (pid {}); supervising it, not restarting it{}", running.get(),
                    r.changed().isEmpty() ? "" : " (config changes apply at its next restart)");
            supervisor.start(); // adopts the running process: restarts it if it dies later
            priority.lower();
        } else if (config.startOnBoot()) {
            // Launch here, on the daemon's start path, before the API and the rest come up: Cassandra's own start
            // is the long pole, so every millisecond it waits on the daemon is added to the node's start.
            supervisor.start();
            priority.lower();
        }
        if (config.startOnBoot() || running.isPresent()) {
            // Rendered and launched (or adopted) above: the job only waits for ready, visible in GET /v1/jobs.
            String launched = running.isPresent() ? "adopted the running Cassandra (pid " + running.get() + ")"
                    : "launched Cassandra " + config.version() + " through the " + supervisor.name() + " supervisor";
            bootStart = lastStart = jobs.submit("start", GROUP, ctx -> {
                ctx.step("rendered config in " + config.confDir() + describe(r) + " and " + launched + " at daemon start");
                if (running.isPresent() && restartIfDrained(ctx, running.get())) {
                    supervisor.start();
                }
                return awaitStarted(ctx);
            });
        }
    }

    @Override
    public void stop() {
        supervisor.detach();
    }

    /** The start job submitted when the daemon started (none when Cassandra waits for the join flow or is off). */
    public Optional<Job> bootStart() throws IOException {
        Job job = bootStart;
        return job == null ? Optional.empty() : Optional.of(jobs.get(job.id()).orElse(job));
    }

    /** The latest start or restart job, with its current state: at boot, or submitted since. */
    public Optional<Job> lastStart() throws IOException {
        Job job = lastStart;
        return job == null ? Optional.empty() : Optional.of(jobs.get(job.id()).orElse(job));
    }

    /** Waits for a job of this feature to finish and returns it. */
    public Job await(Job job, Duration timeout) throws IOException, InterruptedException {
        try {
            return jobs.await(job.id(), timeout);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("job " + job.id() + " (" + job.kind() + ") did not finish within " + Durations.format(timeout));
        }
    }

    /**
     * @throws CassandraFiles.NotPlannedYet for a start or restart while ZooKeeper has not planned the node yet (the
     *                                      join flow starts it); nothing is submitted
     * @throws DataSwap.InProgress          for a start or restart while a whole-node restore moves the data
     */
    public Job submit(String kind, Duration drainBudget) throws JobRunner.ConflictException, IOException {
        Duration budget = drainBudget != null ? drainBudget : config.drainTimeout();
        if ((kind.equals("start") || kind.equals("restart")) && !files.planned()) {
            throw new CassandraFiles.NotPlannedYet(); // the render would refuse it anyway; say so before a job exists
        }
        Optional<String> restoring = files.swapInProgress();
        if ((kind.equals("start") || kind.equals("restart")) && restoring.isPresent()) {
            throw new DataSwap.InProgress(restoring.get());
        }
        Job job = switch (kind) {
            case "start" -> jobs.submit(kind, GROUP, this::startNode);
            case "stop" -> jobs.submit(kind, GROUP, ctx -> stopNode(ctx, budget));
            case "restart" -> jobs.submit(kind, GROUP, ctx -> stopNode(ctx, budget) + "; " + startNode(ctx));
            case "drain" -> jobs.submit(kind, GROUP, ctx -> drainOnly(ctx, budget));
            default -> throw new IllegalArgumentException("unknown lifecycle operation " + kind);
        };
        if (kind.equals("start") || kind.equals("restart")) {
            lastStart = job;
        }
        return job;
    }

    /**
     * The node leaves for good: decommission (stream its data to the others, leave the ring, stop) or, for a node
     * whose data stays on the ring's books, drain and stop; then {@code after} (e.g. give the token slot back), in
     * the same job, so the whole leave is one record.
     */
    public Job submitLeave(boolean decommission, JobRunner.Work after) throws JobRunner.ConflictException, IOException {
        Duration budget = config.drainTimeout();
        return jobs.submit(decommission ? "decommission" : "stop", GROUP, ctx -> {
            String left = decommission ? decommissionNode(ctx) : stopNode(ctx, budget);
            String then = after.run(ctx);
            return then == null || then.isEmpty() ? left : left + "; " + then;
        });
    }

    /** One job, as it is now. */
    public Optional<Job> job(String id) throws IOException {
        return jobs.get(id);
    }

    /** The lifecycle job running now, if any. */
    public Optional<Job> running() {
        return jobs.running(GROUP);
    }

    /** Submits one lifecycle job. */
    @FunctionalInterface
    public interface Submission {
        Job submit() throws JobRunner.ConflictException, IOException;
    }

    /**
     * Submits a lifecycle job; while another is in the way and {@code waitFor} accepts it, waits for that one to end
     * (at most {@code budget}) and submits again.
     *
     * @throws JobRunner.ConflictException when the job in the way is one {@code waitFor} refuses to wait for
     */
    public Job submitWhenFree(Submission submission, java.util.function.Predicate<Job> waitFor, Duration budget)
            throws JobRunner.ConflictException, IOException, InterruptedException {
        while (true) {
            try {
                return submission.submit();
            } catch (JobRunner.ConflictException busy) {
                if (!waitFor.test(busy.running())) {
                    throw busy;
                }
                log.info("waiting for lifecycle job {} ({}) to end first", busy.running().id(), busy.running().kind());
                await(busy.running(), budget);
            }
        }
    }

    /** Runs a lifecycle job to its end: submitted once no other is in the way, then waited for; returns its last record. */
    public Job runToCompletion(Submission submission, Duration budget) throws Exception {
        return await(submitWhenFree(submission, busy -> true, budget), budget);
    }

    /** Cancels a lifecycle job that has become moot (a start of a node that is leaving). */
    public boolean cancel(Job job, String why) {
        return jobs.cancel(job.id(), why);
    }

    private interface Call {
        void on(LifecycleListener listener) throws Exception;
    }

    /** Calls every listener; one that fails is a step of the job and a warning, never the end of the start or stop. */
    private void tell(JobContext ctx, String when, Call call) {
        for (LifecycleListener l : listeners) {
            try {
                call.on(l);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("{} {} failed: {}", l.name(), when, e.toString());
                ctx.step(l.name() + " " + when + " failed (going on): " + e.getMessage());
            }
        }
    }

    String startNode(JobContext ctx) throws Exception {
        Optional<Long> pid = supervisor.pid();
        if (pid.isPresent() && restartIfDrained(ctx, pid.get())) {
            pid = Optional.empty();
        }
        if (pid.isEmpty()) {
            CassandraPorts.checkFree(config, self().address(), configFile);
        }
        CassandraFiles.Rendered r = files.render(self());
        ctx.step("rendered config in " + config.confDir() + describe(r));
        if (pid.isPresent()) {
            ctx.step("Cassandra is running (pid " + pid.get() + "); not starting another");
        } else {
            tell(ctx, "before start", l -> l.beforeStart(ctx));
            ctx.step("starting Cassandra " + config.version() + " through the " + supervisor.name() + " supervisor");
        }
        supervisor.start();
        priority.lower();
        launch.open();
        return awaitStarted(ctx);
    }

    /** A drained Cassandra never serves again: stop it so that it can start. Returns whether it was stopped. */
    private boolean restartIfDrained(JobContext ctx, long pid) throws Exception {
        String mode = modeOrNull();
        if (!"DRAINED".equals(mode) && !"DRAINING".equals(mode)) {
            return false;
        }
        ctx.step("Cassandra (pid " + pid + ") is " + mode + "; stopping it so it can start again");
        supervisor.stop();
        return true;
    }

    private static String describe(CassandraFiles.Rendered r) {
        return r.changed().isEmpty() ? " (unchanged)"
                : " (changed: " + r.changed().stream().map(p -> p.getFileName().toString()).toList() + ")";
    }

    /** The second half of a start: Cassandra is launched (or was running); wait until it serves. */
    private String awaitStarted(JobContext ctx) throws Exception {
        ctx.step("waiting up to " + Durations.format(config.readyTimeout()) + " for NORMAL, joined, native transport and a CQL handshake");
        CassandraMonitor.Observation o = awaitReady(config.readyTimeout());
        ctx.detail("pid", o.pid());
        ctx.detail("releaseVersion", o.jmx().releaseVersion());
        ctx.detail("hostId", o.jmx().hostId());
        return "Cassandra " + o.jmx().releaseVersion() + " is ready (pid " + o.pid() + ")";
    }

    String stopNode(JobContext ctx, Duration budget) throws Exception {
        Optional<Long> pid = supervisor.pid();
        String drained;
        if (pid.isEmpty()) {
            ctx.step("Cassandra is not running; nothing to drain");
            drained = "not running";
        } else {
            drained = drain(ctx, budget);
            tell(ctx, "before stop", l -> l.beforeStop(ctx));
        }
        ctx.step("stopping the process (SIGTERM, SIGKILL after " + Durations.format(config.stopTimeout()) + ")");
        supervisor.stop();
        jmx.disconnect();
        monitor.check();
        return drained + "; Cassandra stopped";
    }

    /**
     * Streams this node's ranges to the others, leaves the ring, then stops the process. Run when the cloud takes
     * the instance away for good (a terminate hook with action decommission), not exposed over HTTP.
     */
    String decommissionNode(JobContext ctx) throws Exception {
        if (supervisor.pid().isEmpty()) {
            throw new IllegalStateException("Cassandra is not running, so it cannot decommission; remove the node from a"
                    + " live one with nodetool removenode <host id>");
        }
        ctx.step("decommissioning over JMX: streaming this node's ranges to the others");
        long t0 = System.nanoTime();
        jmx.decommission(DECOMMISSION_BUDGET);
        ctx.step("left the ring in " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s (mode " + modeOrNull()
                + "); stopping the process");
        tell(ctx, "before stop", l -> l.beforeStop(ctx));
        supervisor.stop();
        jmx.disconnect();
        monitor.check();
        return "decommissioned; Cassandra stopped";
    }

    String drainOnly(JobContext ctx, Duration budget) throws Exception {
        if (supervisor.pid().isEmpty()) {
            throw new IllegalStateException("Cassandra is not running; there is nothing to drain");
        }
        String outcome = drain(ctx, budget);
        CassandraMonitor.Observation after = monitor.check();
        if (after.jmx() == null || !"DRAINED".equals(after.jmx().operationMode())) {
            throw new IllegalStateException(outcome);
        }
        return outcome + "; Cassandra keeps running, drained (start or restart it to serve again)";
    }

    private String drain(JobContext ctx, Duration budget) {
        ctx.step("draining over JMX (budget " + Durations.format(budget) + ")");
        CassandraJmx.DrainResult d = jmx.drain(budget);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("completed", d.completed());
        detail.put("elapsedMs", d.elapsed().toMillis());
        detail.put("budgetMs", budget.toMillis());
        detail.put("modeAfter", d.modeAfter());
        detail.put("error", d.error());
        ctx.detail("drain", detail);
        String text = d.completed() ? "drained in " + d.elapsed().toMillis() + " ms (mode " + d.modeAfter() + ")"
                : "drain cut off: " + d.error();
        ctx.step(text);
        return text;
    }

    private CassandraMonitor.Observation awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CassandraMonitor.Observation o = monitor.check();
        while (!o.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Cassandra was not ready within " + Durations.format(timeout) + ": "
                        + o.notReadyBecause() + "; see " + config.logDir() + " for its log");
            }
            Thread.sleep(1000);
            o = monitor.check();
        }
        return o;
    }

    private String modeOrNull() {
        try {
            return jmx.operationMode();
        } catch (CassandraJmx.JmxUnavailableException e) {
            return null;
        }
    }

    private Instance self() {
        return identity.require();
    }
}
