package io.ringkeeper.backup;

import io.ringkeeper.config.DataSize;
import io.ringkeeper.config.Durations;
import io.ringkeeper.config.InvalidConfigValue;
import io.ringkeeper.desired.InvalidSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code backup} kind's spec: what every node backs up, when, how long it is kept and how fast it may go. Durations
 * and sizes are written as operators write them ({@code 6h}, {@code 100MiB}).
 *
 * <pre>
 * {"snapshot": {"every": "6h", "offset": "30m"},
 *  "incremental": {"every": "15m"},
 *  "keyspaces": {"exclude": ["scratch", "metrics.raw_points"]},
 *  "retention": {"days": 14, "count": 60},
 *  "throttle": "100MiB",
 *  "pace": true,
 *  "verify": {"every": "1d", "deepEvery": "7d", "drillEvery": "7d"}}
 * </pre>
 *
 * @param snapshot    when full snapshots are taken (required)
 * @param incremental how often Cassandra's incremental backups are uploaded; null: none
 * @param keyspaces   what is backed up; null: every user keyspace (the schema is always kept)
 * @param retention   how long backups are kept (required)
 * @param throttle    upload bytes per second per node, e.g. {@code 100MiB}; null: as fast as the store takes them
 * @param pace        spread a snapshot's upload so it ends before the next one, rather than as fast as allowed
 * @param verify      when backups are checked; null: a cheap check every day, no deep check, no drill
 */
public record BackupSpec(Snapshot snapshot, Incremental incremental, Keyspaces keyspaces, Retention retention,
                         String throttle, Boolean pace, Verify verify) {
    static final Durations.Range SNAPSHOT_EVERY = Durations.Range.of("1h", "30d", "6h");
    static final Durations.Range INCREMENTAL_EVERY = Durations.Range.of("1m", "1d", "15m");
    static final Durations.Range VERIFY_EVERY = Durations.Range.of("1h", "365d", "1d");
    static final long LEAST_THROTTLE = 1L << 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,48}");

    public BackupSpec {
        if (snapshot == null) {
            throw new InvalidSpec("/snapshot", "no snapshot schedule", "an object such as {\"every\": \"6h\"}");
        }
        if (retention == null) {
            throw new InvalidSpec("/retention", "no retention", "an object with days, count or both, e.g. {\"days\": 14}");
        }
        if (incremental != null && incremental.interval().compareTo(snapshot.interval()) >= 0) {
            throw new InvalidSpec("/incremental/every", Durations.format(incremental.interval())
                    + " is not shorter than the snapshot interval (" + Durations.format(snapshot.interval()) + ")",
                    "an interval shorter than snapshot.every, e.g. 15m");
        }
        if (throttle != null) {
            long bytes;
            try {
                bytes = DataSize.parse(throttle).bytes();
            } catch (InvalidConfigValue e) {
                throw new InvalidSpec("/throttle", e.getMessage(), "bytes per second per node, e.g. 100MiB");
            }
            if (bytes < LEAST_THROTTLE) {
                throw new InvalidSpec("/throttle", throttle + " is below 1MiB per second", "at least 1MiB, e.g. 100MiB");
            }
        }
        if (verify == null) {
            verify = Verify.DEFAULT;
        }
        if (pace == null) {
            pace = false;
        }
    }

    /** Bytes per second per node; 0 when unthrottled. */
    public long throttleBytesPerSecond() {
        return throttle == null ? 0 : DataSize.parse(throttle).bytes();
    }

    /** Full snapshots every {@code every}, at {@code offset} past each multiple of it (UTC), so nodes can be staggered. */
    public record Snapshot(String every, String offset) {
        public Snapshot {
            Duration interval = duration("/every", every, SNAPSHOT_EVERY);
            if (offset != null && duration("/offset", offset, Durations.Range.of("0s", "30d", "30m")).compareTo(interval) >= 0) {
                throw new InvalidSpec("/offset", offset + " is not shorter than every (" + every + ")",
                        "an offset shorter than the interval, e.g. 30m");
            }
        }

        public Duration interval() {
            return Durations.parse(every);
        }

        public Duration offsetOrZero() {
            return offset == null ? Duration.ZERO : Durations.parse(offset);
        }
    }

    public record Incremental(String every) {
        public Incremental {
            duration("/every", every, INCREMENTAL_EVERY);
        }

        public Duration interval() {
            return Durations.parse(every);
        }
    }

    /**
     * What is backed up: a name is a keyspace or {@code keyspace.table}. Either list may be empty; {@code include} empty
     * means every user keyspace. System keyspaces are never backed up as data, and the schema always is.
     */
    public record Keyspaces(List<String> include, List<String> exclude) {
        public Keyspaces {
            include = names("/include", include);
            exclude = names("/exclude", exclude);
            Set<String> both = new HashSet<>(include);
            both.retainAll(exclude);
            if (!both.isEmpty()) {
                throw new InvalidSpec("/exclude", both + " are also included", "a name in include or exclude, not both");
            }
        }

        private static List<String> names(String at, List<String> names) {
            if (names == null) {
                return List.of();
            }
            if (names.size() > 1000) {
                throw new InvalidSpec(at, names.size() + " names", "at most 1000");
            }
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                String[] parts = n == null ? new String[0] : n.split("\\.", -1);
                if (parts.length < 1 || parts.length > 2 || !java.util.Arrays.stream(parts).allMatch(p -> NAME.matcher(p).matches())) {
                    throw new InvalidSpec(at + "/" + i, "\"" + n + "\" is not a keyspace or keyspace.table",
                            "letters, digits and _ (up to 48), e.g. shop or shop.orders");
                }
                if (parts[0].startsWith("system")) {
                    throw new InvalidSpec(at + "/" + i, parts[0] + " is a system keyspace",
                            "user keyspaces only: the schema is always backed up, system data never");
                }
            }
            return List.copyOf(names);
        }
    }

    /** Backups older than {@code days} are dropped, and beyond the newest {@code count}; a backup is kept if either keeps it. */
    public record Retention(Integer days, Integer count) {
        public Retention {
            if (days == null && count == null) {
                throw new InvalidSpec("", "neither days nor count", "days (1-3650), count (1-10000), or both");
            }
            if (days != null && (days < 1 || days > 3650)) {
                throw new InvalidSpec("/days", days + " is out of range", "1-3650");
            }
            if (count != null && (count < 1 || count > 10_000)) {
                throw new InvalidSpec("/count", count + " is out of range", "1-10000");
            }
        }
    }

    /**
     * @param every      the cheap check (every referenced blob exists with its size)
     * @param deepEvery  download, re-hash and check against Cassandra's Digest component; null: only on demand
     * @param drillEvery restore a sampled backup into a scratch directory and check it; null: only on demand
     */
    public record Verify(String every, String deepEvery, String drillEvery) {
        static final Verify DEFAULT = new Verify("1d", null, null);

        public Verify {
            duration("/every", every == null ? "1d" : every, VERIFY_EVERY);
            if (every == null) {
                every = "1d";
            }
            if (deepEvery != null) {
                duration("/deepEvery", deepEvery, VERIFY_EVERY);
            }
            if (drillEvery != null) {
                duration("/drillEvery", drillEvery, VERIFY_EVERY);
            }
        }
    }

    private static Duration duration(String at, String text, Durations.Range range) {
        if (text == null) {
            throw new InvalidSpec(at, "missing", "a duration between " + Durations.format(range.min()) + " and "
                    + Durations.format(range.max()) + ", e.g. " + range.example());
        }
        try {
            return range.parse(at, text);
        } catch (InvalidConfigValue e) {
            throw new InvalidSpec(at, e.getMessage(), "a duration between " + Durations.format(range.min()) + " and "
                    + Durations.format(range.max()) + ", e.g. " + range.example());
        }
    }
}
