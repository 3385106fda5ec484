package io.ringkeeper.cassandra;

import java.util.List;

/**
 * The few CQL statements the daemon itself sends to its node: reading a keyspace's definition for a backup manifest,
 * and re-creating a keyspace or table before a restore imports its SSTables. Each call opens a short session to the
 * node's native port and closes it; the daemon does not hold a CQL connection.
 */
public interface CassandraCql {

    /** Each keyspace's {@code CREATE KEYSPACE} statement as Cassandra describes it (those that exist), in one session. */
    java.util.Map<String, String> createKeyspaceStatements(java.util.Collection<String> keyspaces) throws CqlException;

    /** The tables of a keyspace (empty when the keyspace does not exist). */
    List<String> tables(String keyspace) throws CqlException;

    /** Runs schema statements in order, each after the cluster agreed on the schema the one before made. */
    void executeSchema(List<String> statements) throws CqlException;

    /** The node did not answer CQL, or refused a statement (the message says which and why). */
    final class CqlException extends Exception {
        public CqlException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
