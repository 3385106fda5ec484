package io.ringkeeper.backup;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Where backups live in the object store, the one place that knows it:
 * <pre>
 * blobs/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;                              one file's bytes, stored once for every snapshot and node
 * manifests/&lt;cluster&gt;/&lt;dc&gt;/&lt;instance&gt;/&lt;backup id&gt;.json     one node's backup: its files → blobs; written last
 * verified/&lt;cluster&gt;/&lt;dc&gt;/&lt;instance&gt;/&lt;backup id&gt;.json      the last check of that backup, and what it found
 * </pre>
 * The two-character fan-out keeps any one listing short on stores that list by prefix. SHA-256 was chosen by measuring
 * (docs/benchmarks.md, "Content hash for backup blobs").
 */
public final class BlobKeys {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private BlobKeys() {
    }

    public static String blob(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 is 32 bytes, got " + sha256.length);
        }
        return blob(HexFormat.of().formatHex(sha256));
    }

    public static String blob(String sha256Hex) {
        if (!HEX64.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256Hex);
        }
        return "blobs/sha256/" + sha256Hex.substring(0, 2) + "/" + sha256Hex;
    }

    /** The prefix under which every blob is. */
    public static String blobs() {
        return "blobs/";
    }

    public static String manifests(String cluster) {
        return "manifests/" + segment(cluster) + "/";
    }

    public static String manifest(String cluster, String dc, String instanceId, String backupId) {
        return manifests(cluster) + segment(dc) + "/" + segment(instanceId) + "/" + segment(backupId) + ".json";
    }

    public static String verification(String cluster, String dc, String instanceId, String backupId) {
        return "verified/" + segment(cluster) + "/" + segment(dc) + "/" + segment(instanceId) + "/" + segment(backupId) + ".json";
    }

    private static String segment(String s) {
        if (s == null || !SEGMENT.matcher(s).matches() || s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("not usable in an object key: " + s);
        }
        return s;
    }
}
