package io.ringkeeper.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;

/**
 * A standalone ZooKeeper server in this process, for single-machine mode (a local cluster, a demo). A
 * production cluster uses a ZooKeeper ensemble of its own.
 */
public final class EmbeddedZooKeeper {
    private final String bind;
    private final int port;
    private final Path dataDir;
    private final ZooKeeperServerMain main = new ZooKeeperServerMain();

    public EmbeddedZooKeeper(String bind, int port, Path dataDir) {
        this.bind = bind;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** Serves until the process ends. */
    public void run() throws IOException, QuorumPeerConfig.ConfigException, org.apache.zookeeper.server.admin.AdminServer.AdminServerException {
        // The admin server would take port 8080; nothing here needs it.
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "ruok,srvr,stat");
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("dataDir", dataDir.toAbsolutePath().toString());
        p.setProperty("clientPort", Integer.toString(port));
        p.setProperty("clientPortAddress", bind);
        p.setProperty("tickTime", "2000");
        p.setProperty("maxClientCnxns", "0");
        p.setProperty("autopurge.snapRetainCount", "3");
        p.setProperty("autopurge.purgeInterval", "1");
        QuorumPeerConfig quorum = new QuorumPeerConfig();
        quorum.parseProperties(p);
        ServerConfig server = new ServerConfig();
        server.readFrom(quorum);
        main.runFromConfig(server);
    }

    /** Stops a server {@link #run()} serves (from another thread). */
    public void close() {
        main.close();
    }
}
