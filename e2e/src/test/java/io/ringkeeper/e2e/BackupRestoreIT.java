package io.ringkeeper.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import io.ringkeeper.cassandra.SnapshotFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backup and restore of one real Cassandra 5.0.9 node through its daemon, with the local directory store: the
 * operator's path from the backup record to every row back. The steps share the node and run in order; each states
 * what it proves. Rows are checked by content: {@link #row(int)} says what row {@code id} holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {
    static final int FIRST = 100_000;
    static final int MORE = 5_000;
    static final int EXTRA = 1_000;
    static final int TOTAL = FIRST + MORE + EXTRA;
    ManagedNode node;
    private long firstSnapshotBytes;
    private String firstSnapshotId;

    /** The node under test, not started: with the local directory store here (s3proxy in {@link BackupRestoreS3IT}). */
    ManagedNode newNode() throws Exception {
        return new ManagedNode("5.0", "backup");
    }

    /** Where the store keeps its objects as files, under their keys. */
    Path objects() {
        return node.dir.resolve("state/objects");
    }

    @BeforeAll
    void startNode() throws Exception {
        node = newNode();
        node.startDaemon();
        node.awaitReadyAndCql();
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** What row {@code id} of shop.orders holds: customer, amount, note. */
    static Object[] row(int id) {
        return new Object[]{"customer-" + (id % 997), id * 7L, "order " + id + " " + "x".repeat(id % 40)};
    }

    static void write(CqlSession s, int from, int to) throws Exception {
        PreparedStatement insert = s.prepare("INSERT INTO shop.orders (id, customer, amount, note) VALUES (?, ?, ?, ?)");
        Semaphore inFlight = new Semaphore(128);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int id = from; id < to; id++) {
            inFlight.acquire();
            Object[] r = row(id);
            CompletionStage<?> done = s.executeAsync(insert.bind(id, r[0], r[1], r[2]));
            done.whenComplete((x, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                inFlight.release();
            });
        }
        inFlight.acquire(128);
        inFlight.release(128);
        assertThat(failure.get()).as("every write succeeded").isNull();
    }

    /** Reads every row of shop.orders and checks each one's content; returns how many there are. */
    static int checkRows(CqlSession s, int expected) {
        int n = 0;
        boolean[] seen = new boolean[expected];
        for (Row r : s.execute(SimpleStatement.newInstance("SELECT id, customer, amount, note FROM shop.orders").setPageSize(5000))) {
            int id = r.getInt("id");
            assertThat(id).as("no row beyond those backed up").isBetween(0, expected - 1);
            Object[] want = row(id);
            assertThat(new Object[]{r.getString("customer"), r.getLong("amount"), r.getString("note")}).as("row " + id)
                    .containsExactly(want);
            assertThat(seen[id]).as("row " + id + " once").isFalse();
            seen[id] = true;
            n++;
        }
        assertThat(n).isEqualTo(expected);
        return n;
    }

    JsonNode job(ManagedNode.Reply started, Duration budget) throws Exception {
        assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(202);
        return node.awaitJob(started.body().get("id").asText(), budget);
    }

    JsonNode succeeded(ManagedNode.Reply started, Duration budget) throws Exception {
        JsonNode j = job(started, budget);
        assertThat(j.get("state").asText()).as(j.toString()).isEqualTo("SUCCEEDED");
        return j;
    }

    List<Path> dataDirs() {
        return List.of(node.dir.resolve("data/data1"), node.dir.resolve("data/data2"));
    }

    @Test
    @Order(1)
    void theBackupRecordIsCheckedFieldByFieldAndTurnsIncrementalBackupsOn() throws Exception {
        try (CqlSession s = node.cql()) {
            s.execute("CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            s.execute("CREATE TABLE shop.orders (id int PRIMARY KEY, customer text, amount bigint, note text)");
            s.execute("CREATE TABLE shop.audit (id int PRIMARY KEY, what text)");
            write(s, 0, FIRST);
        }
        // Bad records: 422 naming the field, and nothing stored.
        Map<String, String> bad = Map.of(
                "{\"spec\": {\"retention\": {\"days\": 7}}}", "/snapshot",
                "{\"spec\": {\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 0}}}", "/retention/days",
                "{\"spec\": {\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 7}, \"throttle\": \"10KiB\"}}", "/throttle",
                "{\"spec\": {\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 7}, \"incremental\": {\"every\": \"12h\"}}}",
                "/incremental/every",
                "{\"spec\": {\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 7}, \"keyspaces\": {\"include\": [\"system_auth\"]}}}",
                "/keyspaces/include/0",
                "{\"spec\": {\"snapshot\": {\"every\": \"6h\"}, \"retention\": {\"days\": 7}, \"schedule\": \"daily\"}}", "/schedule");
        for (Map.Entry<String, String> b : bad.entrySet()) {
            ManagedNode.Reply r = node.put("/v1/desired/backup", b.getKey(), "If-None-Match", "*");
            assertThat(r.status()).as(b.getKey() + " -> " + r.body()).isEqualTo(422);
            assertThat(r.body().get("details").get("pointer").asText()).as(r.body().toString()).isEqualTo(b.getValue());
        }
        assertThat(node.get("/v1/desired/backup").status()).isEqualTo(404);

        ManagedNode.Reply ok = node.put("/v1/desired/backup", """
                {"spec": {"snapshot": {"every": "6h"}, "incremental": {"every": "1h"}, "retention": {"count": 20},
                          "keyspaces": {"exclude": ["shop.audit"]}},
                 "comment": "e2e"}""", "If-None-Match", "*");
        assertThat(ok.status()).as(String.valueOf(ok.body())).isEqualTo(200);
        int version = ok.body().get("version").asInt();
        JsonNode entry = awaitStatus(e -> e.path("convergedVersion").asInt() == version);
        assertThat(entry.path("message").asText()).contains("snapshots every 6h").contains("incrementals every 1h");
        try (io.ringkeeper.cassandra.JmxCassandraClient jmx = new io.ringkeeper.cassandra.JmxCassandraClient("127.0.0.1",
                node.jmxPort, Duration.ofSeconds(30))) {
            assertThat(jmx.incrementalBackups()).as("the record turned incremental backups on").isTrue();
        }
    }

    private JsonNode awaitStatus(java.util.function.Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode entry = null;
        while (System.nanoTime() < deadline) {
            entry = node.get("/v1/status/backup").body().path("entries").path(0);
            if (until.test(entry)) {
                return entry;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("backup status never got there: " + entry);
    }

    @Test
    @Order(2)
    void aSnapshotBackupStoresTheTablesInScopeAndTheSchemaAndShowsInStatus() throws Exception {
        JsonNode j = succeeded(node.post("/v1/backups"), Duration.ofMinutes(5));
        JsonNode b = j.get("details").get("backup");
        firstSnapshotId = b.get("id").asText();
        firstSnapshotBytes = b.get("bytes").asLong();
        JsonNode m = node.get("/v1/backups/" + firstSnapshotId).body().get(0).get("manifest");
        List<String> tables = new ArrayList<>();
        m.get("files").forEach(f -> tables.add(f.get("keyspace").asText() + "." + f.get("table").asText()));
        assertThat(tables).contains("shop.orders").anyMatch(t -> t.startsWith("system_schema."))
                .as("shop.audit is excluded by the record").doesNotContain("shop.audit");
        assertThat(m.get("keyspaces").get("shop").asText()).contains("CREATE KEYSPACE shop").contains("SimpleStrategy");
        assertThat(m.get("schema").get("shop.orders").asText()).contains("WITH ID =");

        JsonNode entry = awaitStatus(e -> e.path("detail").path("lastBackup").path("id").asText().equals(firstSnapshotId));
        assertThat(entry.path("detail").path("lastBackup").path("bytes").asLong()).isEqualTo(firstSnapshotBytes);
        assertThat(entry.path("detail").path("lastBackup").path("ageSeconds").asLong()).isBetween(0L, 600L);
    }

    @Test
    @Order(3)
    void aSecondSnapshotUploadsOnlyWhatChangedAndAnIncrementalOnlyNewSSTables() throws Exception {
        try (CqlSession s = node.cql()) {
            write(s, FIRST, FIRST + MORE);
        }
        JsonNode second = succeeded(node.post("/v1/backups"), Duration.ofMinutes(5));
        long uploaded = second.get("details").get("backup").get("uploadedBytes").asLong();
        System.out.printf("dedup: second snapshot after %d%% new rows uploaded %d of %d bytes (%.2f%% of the first)%n",
                MORE * 100 / FIRST, uploaded, firstSnapshotBytes, uploaded * 100.0 / firstSnapshotBytes);
        assertThat(uploaded).as("a second snapshot after ~5% new data uploads at most 6% of the first")
                .isPositive().isLessThanOrEqualTo((long) (firstSnapshotBytes * 0.06));

        try (CqlSession s = node.cql()) {
            write(s, FIRST + MORE, TOTAL);
        }
        JsonNode inc = succeeded(node.post("/v1/backups?type=incremental"), Duration.ofMinutes(5));
        JsonNode ib = inc.get("details").get("backup");
        assertThat(ib.get("type").asText()).isEqualTo("incremental");
        assertThat(ib.get("files").asInt()).as("the flushed new rows").isPositive();
        assertThat(ib.get("uploadedBytes").asLong()).as("only SSTables not stored yet").isLessThan(firstSnapshotBytes / 10);
        List<SnapshotFiles.SnapshotFile> left = SnapshotFiles.incremental(dataDirs()).stream()
                .filter(f -> f.keyspace().equals("shop") && f.table().equals("orders")).toList();
        assertThat(left).as("each uploaded link is removed from backups/").isEmpty();
    }

    @Test
    @Order(4)
    void aDeepCheckAndADrillProveTheBackupIsWhatCassandraWrote() throws Exception {
        JsonNode deep = succeeded(node.post("/v1/backups/" + firstSnapshotId + "/verify?depth=deep"), Duration.ofMinutes(5));
        JsonNode report = deep.get("details").get("verify").get(0);
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("digestsChecked").asInt()).as("SSTables checked against Cassandra's Digest").isPositive();
        JsonNode drill = succeeded(node.post("/v1/backups/" + firstSnapshotId + "/verify?depth=drill"), Duration.ofMinutes(5));
        assertThat(drill.get("details").get("verify").get(0).get("digestsChecked").asInt()).isPositive();
        assertThat(node.post("/v1/backups/" + firstSnapshotId + "/verify?depth=thorough").status()).isEqualTo(400);
        JsonNode shown = node.get("/v1/backups/" + firstSnapshotId).body().get(0).get("lastCheck");
        assertThat(shown.get("depth").asText()).isEqualTo("drill");
    }

    @Test
    @Order(5)
    void restoresThatCannotBeMetAreRefusedAndChangeNothing() throws Exception {
        Map<String, Integer> bad = Map.of(
                "{\"mode\": \"node\", \"backupId\": \"20200101T000000Z-nope\"}", 404,
                "{\"mode\": \"node\", \"at\": \"2000-01-01T00:00:00Z\"}", 422,
                "{\"mode\": \"everything\"}", 422,
                "{\"mode\": \"tables\", \"tables\": [\"system_schema.tables\"]}", 422,
                "{\"mode\": \"tables\", \"tables\": [\"shop.nosuchtable\"]}", 422,
                "{\"mode\": \"node\", \"tables\": [\"shop.orders\"]}", 422,
                "{\"mode\": \"node\", \"wipe\": true}", 422);
        for (Map.Entry<String, Integer> b : bad.entrySet()) {
            ManagedNode.Reply r = node.post("/v1/restores", b.getKey());
            assertThat(r.status()).as(b.getKey() + " -> " + r.body()).isEqualTo(b.getValue());
            assertThat(r.body().get("message").asText()).as(b.getKey()).isNotBlank();
        }
        Path staging = node.dir.resolve("data/ringkeeper-restore");
        if (Files.exists(staging)) {
            try (Stream<Path> left = Files.list(staging)) {
                assertThat(left.toList()).as("nothing staged").isEmpty();
            }
        }
        try (CqlSession s = node.cql()) {
            checkRows(s, TOTAL);
        }
    }

    @Test
    @Order(6)
    void aDroppedTableIsRestoredOnlineWhileAnotherTableKeepsServing() throws Exception {
        try (CqlSession s = node.cql()) {
            s.execute("DROP TABLE shop.orders");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger served = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread traffic = new Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    try {
                        s.execute("INSERT INTO shop.audit (id, what) VALUES (" + i + ", 'during restore')");
                        Row r = s.execute("SELECT what FROM shop.audit WHERE id = " + i).one();
                        assertThat(r.getString(0)).isEqualTo("during restore");
                        served.incrementAndGet();
                        i++;
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }
            });
            traffic.start();
            JsonNode j;
            try {
                j = succeeded(node.post("/v1/restores", "{\"mode\": \"tables\", \"tables\": [\"shop.orders\"]}"),
                        Duration.ofMinutes(10));
            } finally {
                stop.set(true);
                traffic.join();
            }
            assertThat(failure.get()).as("shop.audit served every read and write during the restore").isNull();
            assertThat(served.get()).isPositive();
            assertThat(j.get("details").get("restore").get("tables").toString()).contains("shop.orders");
            checkRows(s, TOTAL);
        }
    }

    @Test
    @Order(7)
    void aWipedNodeIsRestoredWholeAndTheReplacedDataIsKeptUntilCleaned() throws Exception {
        wipe();
        JsonNode j = succeeded(node.post("/v1/restores", "{\"mode\": \"node\"}"), Duration.ofMinutes(10));
        assertThat(j.get("outcome").asText()).contains("ringkeeper restore clean");
        // Wiped, the node (without ZooKeeper's token slots here) drew new tokens at its start, and is told so.
        assertThat(j.get("details").get("restore").get("sameTokens").asBoolean()).isFalse();
        assertThat(j.get("outcome").asText()).contains("other tokens").contains("nodetool cleanup");
        node.awaitReadyAndCql();
        try (CqlSession s = node.cql()) {
            checkRows(s, TOTAL);
        }
        Path root = node.dir.resolve("data/ringkeeper-restore");
        assertThat(root).isDirectory();
        ManagedNode.Reply0 clean = ManagedNode.run(Duration.ofSeconds(60), ManagedNode.ROOT.resolve("bin/ringkeeper").toString(),
                "restore", "clean", "--url", node.url());
        assertThat(clean.exit()).as(clean.output()).isZero();
        assertThat(clean.output()).contains("removed");
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    @Order(8)
    void aRestoredNodeBackedUpAgainUploadsAlmostNothing() throws Exception {
        // The node rolled back to a snapshot of itself (Cassandra stopped and started by the restore, its tokens kept):
        // its data is then the backup's, and a backup of it finds every SSTable stored.
        String snapshot = succeeded(node.post("/v1/backups"), Duration.ofMinutes(5)).get("details").get("backup").get("id").asText();
        JsonNode restored = succeeded(node.post("/v1/restores", "{\"mode\": \"node\", \"backupId\": \"" + snapshot + "\"}"),
                Duration.ofMinutes(10));
        assertThat(restored.get("details").get("restore").get("sameTokens").asBoolean()).isTrue();
        node.awaitReadyAndCql();
        try (CqlSession s = node.cql()) {
            checkRows(s, TOTAL);
        }
        Map<String, Long> before = blobs(objects());
        JsonNode j = succeeded(node.post("/v1/backups"), Duration.ofMinutes(5));
        JsonNode b = j.get("details").get("backup");
        JsonNode m = node.get("/v1/backups/" + b.get("id").asText()).body().get(0).get("manifest");
        long data = 0;
        long dataUploaded = 0;
        Map<String, Long> uploadedByKeyspace = new java.util.TreeMap<>();
        for (JsonNode f : m.get("files")) {
            if (!before.containsKey(f.get("sha256").asText())) {
                uploadedByKeyspace.merge(f.get("keyspace").asText() + "." + f.get("table").asText(), f.get("size").asLong(), Long::sum);
            }
            if (f.get("keyspace").asText().equals("shop")) {
                data += f.get("size").asLong();
                dataUploaded += before.containsKey(f.get("sha256").asText()) ? 0 : f.get("size").asLong();
            }
        }
        System.out.printf("dedup: restored node's backup uploaded %d of %d bytes in all (%.2f%%: %s); of the tables' data"
                + " %d of %d bytes (%.2f%%)%n", b.get("uploadedBytes").asLong(), b.get("bytes").asLong(),
                b.get("uploadedBytes").asLong() * 100.0 / b.get("bytes").asLong(), uploadedByKeyspace, dataUploaded, data,
                dataUploaded * 100.0 / data);
        assertThat(data).isPositive();
        assertThat(dataUploaded).as("a restored node's data is stored already").isLessThanOrEqualTo(data / 100);
    }

    @Test
    @Order(9)
    void killMinus9AnywhereInABackupNeverLeavesABadManifestAndTheResumeSendsOnlyWhatWasMissing() throws Exception {
        // Throttled to 1 MiB/s, so that a backup's upload lasts seconds and the kills land in every phase, mid-file too.
        ManagedNode.Reply record = node.get("/v1/desired/backup");
        ManagedNode.Reply throttled = node.put("/v1/desired/backup", """
                {"spec": {"snapshot": {"every": "6h"}, "incremental": {"every": "1h"}, "retention": {"count": 20},
                          "keyspaces": {"exclude": ["shop.audit"]}, "throttle": "1MiB"}, "comment": "slow, for the kill test"}""",
                "If-Match", "\"" + record.body().get("version").asInt() + "\"");
        assertThat(throttled.status()).as(String.valueOf(throttled.body())).isEqualTo(200);
        java.util.Random random = new java.util.Random(20261202L);
        Path objects = objects();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int trial = 0; trial < killTrials(); trial++) {
            try (CqlSession s = node.cql()) {
                // ~4 MiB of new SSTables (random bytes do not compress), in a table of its own so that compaction does
                // not merge trials: seconds of upload at 1 MiB/s.
                s.execute("CREATE TABLE shop.payloads" + trial + " (id int PRIMARY KEY, payload blob)");
                PreparedStatement insert = s.prepare("INSERT INTO shop.payloads" + trial + " (id, payload) VALUES (?, ?)");
                for (int i = 0; i < payloadRows(); i++) {
                    byte[] payload = new byte[2048];
                    random.nextBytes(payload);
                    s.execute(insert.bind(i, java.nio.ByteBuffer.wrap(payload)));
                }
            }
            ManagedNode.Reply started = node.post("/v1/backups");
            assertThat(started.status()).isEqualTo(202);
            String id = started.body().get("id").asText();
            long delay = random.nextInt(9000);
            Thread.sleep(delay);
            node.killDaemon();
            JsonNode killed = json.readTree(node.dir.resolve("state/jobs/" + id + ".json").toFile());
            String at = killed.path("state").asText() + " " + killed.path("checkpoint").path("phase").asText("-") + ", "
                    + killed.path("checkpoint").path("done").size() + " file(s) stored";

            Map<String, Long> before = blobs(objects);
            assertEveryManifestIsWhole(objects, before);
            node.startDaemon();
            JsonNode j = node.awaitJob(id, Duration.ofMinutes(5));
            assertThat(j.get("state").asText()).as("trial " + trial + " (kill after " + delay + " ms): " + j).isEqualTo("SUCCEEDED");
            Map<String, Long> after = blobs(objects);
            assertEveryManifestIsWhole(objects, after);
            JsonNode m = node.get("/v1/backups/" + j.get("details").get("backup").get("id").asText()).body().get(0).get("manifest");
            Map<String, Long> missing = new HashMap<>();
            m.get("files").forEach(f -> {
                if (!before.containsKey(f.get("sha256").asText())) {
                    missing.put(f.get("sha256").asText(), f.get("size").asLong());
                }
            });
            long sentAfterRestart = after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(sentAfterRestart).as("trial " + trial + ": after the restart only what was missing is stored")
                    .isEqualTo(missing.values().stream().mapToLong(Long::longValue).sum());
            System.out.printf("kill -9 trial %d after %d ms (%s): attempts %d, %d blob(s) were missing, %d bytes stored after"
                    + " restart%n", trial, delay, at, j.get("attempts").asInt(), missing.size(), sentAfterRestart);
        }
    }

    /** Rows of 2 KiB each kill trial writes: the size of what its backup uploads. */
    int payloadRows() {
        return 2000;
    }

    /** How many times a backup is killed at a random moment (seeded). */
    int killTrials() {
        return 10;
    }

    /** Stops Cassandra and removes every byte of its data, as a lost disk would. */
    private void wipe() throws Exception {
        JsonNode stopped = succeeded(node.post("/v1/cassandra/stop"), Duration.ofMinutes(3));
        assertThat(stopped.get("kind").asText()).isEqualTo("stop");
        for (String d : List.of("data/data1", "data/data2", "data/commitlog", "data/saved_caches", "data/hints")) {
            io.ringkeeper.files.FileTrees.delete(node.dir.resolve(d));
        }
    }

    /** Every blob in the local store: its SHA-256 (the file name) and size. */
    private static Map<String, Long> blobs(Path objects) throws Exception {
        Map<String, Long> out = new HashMap<>();
        Path dir = objects.resolve("blobs/sha256");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    out.put(p.getFileName().toString(), Files.size(p));
                }
            }
        }
        return out;
    }

    /** Every manifest names only blobs that are stored, whole, with the content their name says. */
    private static void assertEveryManifestIsWhole(Path objects, Map<String, Long> blobs) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (Stream<Path> all = Files.walk(objects.resolve("manifests"))) {
            for (Path p : all.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (JsonNode f : json.readTree(p.toFile()).get("files")) {
                    String sha = f.get("sha256").asText();
                    assertThat(blobs).as(p + " names " + sha).containsEntry(sha, f.get("size").asLong());
                    Path blob = objects.resolve("blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
                    assertThat(io.ringkeeper.backup.Blobs.sha256(blob, io.ringkeeper.cloud.Transfer.unlimited())).isEqualTo(sha);
                }
            }
        }
    }
}
