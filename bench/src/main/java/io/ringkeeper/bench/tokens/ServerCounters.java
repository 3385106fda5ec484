package io.ringkeeper.bench.tokens;

import java.util.HashMap;
import java.util.Map;
import org.apache.zookeeper.client.FourLetterWordMain;

/**
 * What the ZooKeeper server did, from its {@code mntr} counters: requests received and transactions logged
 * (every write, failed ones included, gets a zxid). The difference over a phase, divided by the operations in it,
 * says what one operation cost the server, which is what the claims/s vs creates/s ratio is made of.
 */
record ServerCounters(long packets, long zxid) {
    static ServerCounters read(int port) throws Exception {
        Map<String, String> mntr = new HashMap<>();
        for (String line : FourLetterWordMain.send4LetterWord("127.0.0.1", port, "mntr").split("\\n")) {
            String[] kv = line.split("\\t", 2);
            if (kv.length == 2) {
                mntr.put(kv[0], kv[1].trim());
            }
        }
        String srvr = FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr");
        long zxid = 0;
        for (String line : srvr.split("\\n")) {
            if (line.startsWith("Zxid: ")) {
                zxid = Long.decode(line.substring("Zxid: ".length()).trim());
            }
        }
        // The mntr request itself and the srvr request are counted too: two packets per read, noise at n = 1000.
        return new ServerCounters(Long.parseLong(mntr.getOrDefault("zk_packets_received", "0")), zxid);
    }

    ServerCounters minus(ServerCounters earlier) {
        return new ServerCounters(packets - earlier.packets, zxid - earlier.zxid);
    }

    String per(int operations) {
        return String.format("%.2f requests, %.2f writes", (double) packets / operations, (double) zxid / operations);
    }
}
