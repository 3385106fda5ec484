package io.ringkeeper.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link CassandraCql} with the Apache Cassandra Java driver, talking to this node only: the session's load balancing
 * is pinned to the node's own data center, read from {@code system.local} of the contact point.
 */
public final class DriverCassandraCql implements CassandraCql {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Supplier<String> address;
    private final int port;

    public DriverCassandraCql(Supplier<String> address, int port) {
        this.address = address;
        this.port = port;
    }

    @Override
    public java.util.Map<String, String> createKeyspaceStatements(java.util.Collection<String> keyspaces) throws CqlException {
        return withSession(s -> {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (String keyspace : keyspaces) {
                if (s.getMetadata().getKeyspace(quoted(keyspace)).isEmpty()) {
                    continue;
                }
                // Server-side DESCRIBE (4.0+): ONLY gives the keyspace's own statement.
                ResultSet rs = s.execute(SimpleStatement.newInstance("DESCRIBE ONLY KEYSPACE " + quoted(keyspace)));
                StringBuilder text = new StringBuilder();
                for (Row r : rs) {
                    text.append(r.getString("create_statement"));
                }
                out.put(keyspace, text.toString());
            }
            return out;
        }, "describe keyspaces " + keyspaces);
    }

    @Override
    public List<String> tables(String keyspace) throws CqlException {
        return withSession(s -> s.getMetadata().getKeyspace(quoted(keyspace))
                .map(k -> k.getTables().keySet().stream().map(id -> id.asInternal()).sorted().toList())
                .orElse(List.of()), "list the tables of " + keyspace);
    }

    @Override
    public void executeSchema(List<String> statements) throws CqlException {
        withSession(s -> {
            for (String statement : statements) {
                try {
                    s.execute(SimpleStatement.newInstance(statement).setTimeout(REQUEST_TIMEOUT));
                } catch (RuntimeException e) {
                    throw new IllegalStateException("Cassandra refused: " + statement.strip() + ": " + e.getMessage(), e);
                }
                s.checkSchemaAgreement();
            }
            return null;
        }, "change the schema");
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private interface WithSession<T> {
        T apply(CqlSession s);
    }

    private <T> T withSession(WithSession<T> work, String what) throws CqlException {
        String host = address.get();
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(60))
                .withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy")
                .build();
        try (CqlSession s = CqlSession.builder().addContactPoint(new InetSocketAddress(host, port)).withConfigLoader(config).build()) {
            return work.apply(s);
        } catch (RuntimeException e) {
            String message = e instanceof IllegalStateException && e.getCause() != null ? e.getMessage()
                    : "could not " + what + " over CQL at " + host + ":" + port + ": " + e.getMessage();
            throw new CqlException(message, e);
        }
    }
}
