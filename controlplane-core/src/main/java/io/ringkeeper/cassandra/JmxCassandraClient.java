package io.ringkeeper.cassandra;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JMX client of the local Cassandra (its {@code cassandra.jmx.local.port}, 127.0.0.1 only).
 *
 * <p>RMI has no usable timeouts of its own, so every connect and call runs on this client's own small
 * thread pool and the caller waits with a deadline. On a timeout or an I/O error the connection is thrown
 * away (closed in the background, which also unblocks a thread stuck on its socket) and the next call
 * connects again; a call that fails on a stale connection (Cassandra restarted) is retried once on a fresh
 * one. So no caller thread ever hangs on Cassandra.
 */
public final class JmxCassandraClient implements CassandraJmx, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JmxCassandraClient.class);
    private static final ObjectName STORAGE_SERVICE = name("org.apache.cassandra.db:type=StorageService");
    private static final ObjectName GOSSIPER = name("org.apache.cassandra.net:type=Gossiper");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final JMXServiceURL url;
    private final Duration callTimeout;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ringkeeper-jmx-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private JMXConnector connector;
    private volatile MBeanServerConnection connection;

    public JmxCassandraClient(String host, int port, Duration callTimeout) {
        try {
            this.url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + host + ":" + port + "/jmxrmi");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("bad JMX address " + host + ":" + port, e);
        }
        this.callTimeout = callTimeout;
    }

    @Override
    public NodeStatus status() throws JmxUnavailableException {
        return call(c -> {
            // One round trip for all of them: the monitor asks every second.
            Map<String, Object> v = new HashMap<>();
            for (Attribute a : c.getAttributes(STORAGE_SERVICE, STATUS_ATTRIBUTES).asList()) {
                v.put(a.getName(), a.getValue());
            }
            if (v.size() != STATUS_ATTRIBUTES.length) {
                // getAttributes leaves out what it could not read; one at a time, the failing one throws and says why.
                for (String name : STATUS_ATTRIBUTES) {
                    v.putIfAbsent(name, c.getAttribute(STORAGE_SERVICE, name));
                }
            }
            return new NodeStatus((String) v.get("OperationMode"), (Boolean) v.get("Joined"),
                    (Boolean) v.get("NativeTransportRunning"), strings(v.get("LiveNodes")),
                    strings(v.get("UnreachableNodes")), strings(v.get("Tokens")), (String) v.get("LocalHostId"),
                    (String) v.get("ReleaseVersion"));
        }, callTimeout);
    }

    private static final String[] STATUS_ATTRIBUTES = {"OperationMode", "Joined", "NativeTransportRunning", "LiveNodes",
            "UnreachableNodes", "Tokens", "LocalHostId", "ReleaseVersion"};

    @Override
    public String operationMode() throws JmxUnavailableException {
        return call(c -> (String) c.getAttribute(STORAGE_SERVICE, "OperationMode"), callTimeout);
    }

    @Override
    public DrainResult drain(Duration budget) {
        long t0 = System.nanoTime();
        try {
            call(c -> c.invoke(STORAGE_SERVICE, "drain", new Object[0], new String[0]), budget);
        } catch (JmxUnavailableException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            boolean timedOut = e.getCause() instanceof TimeoutException;
            String why = timedOut ? "it did not finish within its budget of " + budget.toMillis() + " ms (pass a"
                    + " larger ?drain_timeout= or raise cassandra.drain_timeout)" : "it failed: " + e.getMessage();
            return new DrainResult(false, elapsed, readModeQuietly(), why);
        }
        return new DrainResult(true, Duration.ofNanos(System.nanoTime() - t0), readModeQuietly(), null);
    }

    @Override
    public void decommission(Duration budget) throws JmxUnavailableException {
        // force=false: Cassandra refuses when the remaining nodes could not hold the replicas, which is what we want.
        call(c -> c.invoke(STORAGE_SERVICE, "decommission", new Object[]{false}, new String[]{"boolean"}), budget);
    }

    private String readModeQuietly() {
        try {
            return operationMode();
        } catch (JmxUnavailableException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface JmxCall<T> {
        T apply(MBeanServerConnection c) throws Exception;
    }

    private <T> T call(JmxCall<T> op, Duration timeout) throws JmxUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JmxUnavailableException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean fresh = connection == null;
            try {
                MBeanServerConnection c = connection(deadline);
                return await(pool.submit(() -> op.apply(c)), deadline);
            } catch (JmxUnavailableException e) {
                disconnect();
                last = e;
                if (fresh || e.getCause() instanceof TimeoutException || System.nanoTime() >= deadline) {
                    break; // a fresh connection failed too, or time is up: do not retry
                }
            }
        }
        throw last;
    }

    private synchronized MBeanServerConnection connection(long deadline) throws JmxUnavailableException {
        if (connection != null) {
            return connection;
        }
        Map<String, Object> env = new HashMap<>();
        Future<JMXConnector> f = pool.submit(() -> JMXConnectorFactory.connect(url, env));
        JMXConnector jc = await(f, deadline);
        try {
            connection = jc.getMBeanServerConnection();
        } catch (IOException e) {
            closeQuietly(jc);
            throw new JmxUnavailableException("cannot open JMX connection to " + url + ": " + e, e);
        }
        connector = jc;
        return connection;
    }

    private <T> T await(Future<T> f, long deadline) throws JmxUnavailableException {
        try {
            return f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new JmxUnavailableException("Cassandra's JMX (" + url + ") did not answer in time", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new JmxUnavailableException("JMX call to " + url + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new JmxUnavailableException("interrupted while waiting for JMX", e);
        }
    }

    @Override
    public List<String> reloadSeeds() throws JmxUnavailableException {
        return call(c -> strings(c.invoke(GOSSIPER, "reloadSeeds", new Object[0], new String[0])), callTimeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.Map<String, String> loggingLevels() throws JmxUnavailableException {
        return call(c -> java.util.Map.copyOf((java.util.Map<String, String>) c.getAttribute(STORAGE_SERVICE, "LoggingLevels")),
                callTimeout);
    }

    @Override
    public void setLoggingLevel(String logger, String level) throws JmxUnavailableException {
        call(c -> c.invoke(STORAGE_SERVICE, "setLoggingLevel", new Object[]{logger, level},
                new String[]{String.class.getName(), String.class.getName()}), callTimeout);
    }

    @Override
    public void takeSnapshot(String tag, List<String> entities, Duration budget) throws JmxUnavailableException {
        try {
            // The form both 4.1 and 5.0 have: (tag, options, entities...); a flush first is the default.
            call(c -> c.invoke(STORAGE_SERVICE, "takeSnapshot", new Object[]{tag, Map.of(), entities.toArray(String[]::new)},
                    new String[]{String.class.getName(), Map.class.getName(), String[].class.getName()}), budget);
        } catch (JmxUnavailableException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains("already exists")) {
                    return; // a retry of a call that reached Cassandra: the snapshot is there
                }
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> keyspaces() throws JmxUnavailableException {
        return call(c -> List.copyOf((List<String>) c.getAttribute(STORAGE_SERVICE, "Keyspaces")), callTimeout);
    }

    @Override
    public void clearSnapshot(String tag) throws JmxUnavailableException {
        // (tag, keyspaces...) exists in 4.1 and 5.0 (deprecated there for an options map, still served).
        call(c -> c.invoke(STORAGE_SERVICE, "clearSnapshot", new Object[]{tag, new String[0]},
                new String[]{String.class.getName(), String[].class.getName()}), callTimeout);
    }

    @Override
    public void flush(String keyspace, Duration budget) throws JmxUnavailableException {
        call(c -> c.invoke(STORAGE_SERVICE, "forceKeyspaceFlush", new Object[]{keyspace, new String[0]},
                new String[]{String.class.getName(), String[].class.getName()}), budget);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> importNewSSTables(String keyspace, String table, List<java.nio.file.Path> dirs, Duration budget)
            throws JmxUnavailableException {
        ObjectName cfs = name("org.apache.cassandra.db:type=Tables,keyspace=" + keyspace + ",table=" + table);
        // (srcPaths, resetLevel, clearRepaired, verifySSTables, verifyTokens, invalidateCaches, extendedVerify, copyData):
        // the form 4.1 and 5.0 both serve. Tokens are not verified: a restore brings a replica's data back, which a
        // node may hold for ranges it replicates without being their primary.
        return call(c -> (List<String>) c.invoke(cfs, "importNewSSTables",
                new Object[]{dirs.stream().map(java.nio.file.Path::toString).collect(java.util.stream.Collectors.toSet()), true, true,
                        true, false, true, false, false},
                new String[]{java.util.Set.class.getName(), "boolean", "boolean", "boolean", "boolean", "boolean", "boolean",
                        "boolean"}), budget);
    }

    @Override
    public boolean incrementalBackups() throws JmxUnavailableException {
        return call(c -> (Boolean) c.getAttribute(STORAGE_SERVICE, "IncrementalBackupsEnabled"), callTimeout);
    }

    @Override
    public void setIncrementalBackups(boolean enabled) throws JmxUnavailableException {
        call(c -> {
            c.setAttribute(STORAGE_SERVICE, new Attribute("IncrementalBackupsEnabled", enabled));
            return null;
        }, callTimeout);
    }

    @Override
    public synchronized void disconnect() {
        JMXConnector jc = connector;
        connector = null;
        connection = null;
        if (jc != null) {
            pool.execute(() -> closeQuietly(jc));
        }
    }

    @Override
    public void close() {
        disconnect();
        pool.shutdown();
    }

    private static void closeQuietly(JMXConnector jc) {
        try {
            jc.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a JMX connection: {}", e.toString());
        }
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static ObjectName name(String s) {
        try {
            return new ObjectName(s);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
