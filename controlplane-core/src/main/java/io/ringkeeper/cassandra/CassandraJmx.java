package io.ringkeeper.cassandra;

import java.time.Duration;
import java.util.List;

/**
 * What the daemon asks Cassandra over JMX. One instance is shared by every feature. Every call has a
 * deadline and throws {@link JmxUnavailableException} instead of hanging when Cassandra does not answer.
 */
public interface CassandraJmx {

    /** The StorageService facts readiness and the status view need. */
    record NodeStatus(String operationMode, boolean joined, boolean nativeTransportRunning, List<String> liveNodes,
                      List<String> unreachableNodes, List<String> tokens, String hostId, String releaseVersion) {
        public NodeStatus {
            liveNodes = List.copyOf(liveNodes);
            unreachableNodes = List.copyOf(unreachableNodes);
            tokens = List.copyOf(tokens);
        }
    }

    /**
     * How a drain went.
     *
     * @param completed    whether drain() returned within the budget
     * @param elapsed      how long was waited
     * @param modeAfter    the operation mode read right after (DRAINED when it worked), or null if unreadable
     * @param error        why the drain failed, or null
     */
    record DrainResult(boolean completed, Duration elapsed, String modeAfter, String error) {
    }

    NodeStatus status() throws JmxUnavailableException;

    String operationMode() throws JmxUnavailableException;

    /** Asks Cassandra's gossiper to read its seeds again from the seed provider; returns the new list. */
    List<String> reloadSeeds() throws JmxUnavailableException;

    /** Calls drain() and waits at most {@code budget}; never longer. */
    DrainResult drain(Duration budget);

    /**
     * Calls decommission(false): the node streams its ranges to the others and leaves the ring. Waits at most
     * {@code budget}; throws when it fails or does not finish in time (the node may still be LEAVING then).
     */
    void decommission(Duration budget) throws JmxUnavailableException;

    /** The loggers with a level of their own in Cassandra's Logback (StorageService {@code getLoggingLevels}). */
    java.util.Map<String, String> loggingLevels() throws JmxUnavailableException;

    /**
     * Sets one Cassandra logger's level (StorageService {@code setLoggingLevel}); an empty level removes the logger's
     * own level, so it inherits its parent's again. Lasts until Cassandra restarts.
     */
    void setLoggingLevel(String logger, String level) throws JmxUnavailableException;

    /**
     * Takes snapshot {@code tag} (hard links, after a flush) of {@code entities}: keyspaces ({@code ks}) or tables
     * ({@code ks.table}); every keyspace when empty. Waits at most {@code budget}. A snapshot of that tag that exists
     * already counts as taken (a retried step does no harm).
     */
    void takeSnapshot(String tag, List<String> entities, Duration budget) throws JmxUnavailableException;

    /** Every keyspace in the node's schema, system ones included (StorageService {@code Keyspaces}). */
    List<String> keyspaces() throws JmxUnavailableException;

    /** Removes snapshot {@code tag} from every keyspace; a tag that does not exist is not an error. */
    void clearSnapshot(String tag) throws JmxUnavailableException;

    /** Whether Cassandra keeps hard links of every flushed SSTable in {@code backups/} (incremental backups). */
    boolean incrementalBackups() throws JmxUnavailableException;

    /** Turns incremental backups on or off until Cassandra restarts ({@code incremental_backups} in the yaml lasts). */
    void setIncrementalBackups(boolean enabled) throws JmxUnavailableException;

    /** Drops the connection (the next call reconnects). */
    /** Flushes the keyspace's memtables to SSTables, waiting at most {@code budget}. */
    void flush(String keyspace, Duration budget) throws JmxUnavailableException;

    /**
     * Loads the SSTables in {@code dirs} into the live table (ColumnFamilyStore importNewSSTables, in 4.1 and 5.0):
     * verified, levels and repaired state reset, moved (not copied) into the table's data directories.
     *
     * @return the directories Cassandra could not import (empty when all went in)
     */
    List<String> importNewSSTables(String keyspace, String table, List<java.nio.file.Path> dirs, Duration budget)
            throws JmxUnavailableException;

    void disconnect();

    final class JmxUnavailableException extends Exception {
        public JmxUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
