package io.ringkeeper.cassandra;

import io.ringkeeper.config.ConfigException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Before Cassandra is configured and launched (and only when it is not running): are its ports free on the node's
 * address? A Cassandra that finds its port taken dies a minute into its start with a stack trace in its own log;
 * this says which key and which address at once, before anything is written.
 */
final class CassandraPorts {
    private CassandraPorts() {
    }

    /** @param address the node's address (the cloud's identity): native and storage ports listen there, JMX on loopback */
    static void checkFree(CassandraConfig c, String address, Path configFile) {
        check(configFile, "cassandra.native_port", address, c.nativePort());
        check(configFile, "cassandra.storage_port", address, c.storagePort());
        check(configFile, "cassandra.jmx_port", "127.0.0.1", c.jmxPort());
    }

    private static void check(Path configFile, String key, String address, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a socket in TIME_WAIT from a previous run does not stop Cassandra either
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), port), 1);
        } catch (BindException e) {
            String why = String.valueOf(e.getMessage());
            if (why.contains("assign")) {
                throw new ConfigException(configFile + ": " + key + ": Cassandra cannot listen on " + address + ":" + port
                        + " because " + address + " (this node's address, from the cloud) is not an address of this"
                        + " machine; check the cloud's identity of this node");
            }
            throw new ConfigException(configFile + ": " + key + ": " + address + ":" + port + " is in use by another process;"
                    + " stop it (a Cassandra not started by Ringkeeper?), or change " + key);
        } catch (IOException e) {
            throw new ConfigException(configFile + ": " + key + ": cannot check " + address + ":" + port + " (" + e.getMessage()
                    + ")");
        }
    }
}
