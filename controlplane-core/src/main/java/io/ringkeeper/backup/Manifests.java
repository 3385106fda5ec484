package io.ringkeeper.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ringkeeper.cloud.ObjectInfo;
import io.ringkeeper.cloud.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Backup manifests in the object store: written last, read back as the list of backups that exist. */
public final class Manifests {
    /** The backup feature's JSON: manifests, check reports, the schedule's state. Times as text; newer fields ignored. */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer daemon's manifests stay readable
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final ObjectStore store;

    public Manifests(ObjectStore store) {
        this.store = store;
    }

    /** Where a backup's file can be read again, to store a blob retention removed while the backup ran. */
    public interface Sources {
        /** The file's path on this node, or null when it is no longer there. */
        java.nio.file.Path of(BackupManifest.File f);
    }

    /**
     * Writes the manifest once every blob it names is in the store with its size, under {@code lock} so that no
     * retention sweep runs between that check and the write: a manifest never names a blob that is not there. A blob
     * that is missing (a sweep removed it after this backup found it stored) is stored again from {@code sources}.
     *
     * @throws IOException when a blob is missing and its file is gone too: the backup is not complete
     */
    public String write(BackupManifest m, BlobLock lock, Sources sources) throws Exception {
        return write(m, lock, sources, Runnable::run);
    }

    /** As {@link #write(BackupManifest, BlobLock, Sources)}, checking {@value #CHECKERS} blobs at a time on {@code executor}. */
    public String write(BackupManifest m, BlobLock lock, Sources sources, java.util.concurrent.Executor executor) throws Exception {
        // One check per content: a snapshot holds many identical small files.
        java.util.Map<String, BackupManifest.File> distinct = new java.util.LinkedHashMap<>();
        m.files().forEach(f -> distinct.putIfAbsent(f.sha256(), f));
        List<BackupManifest.File> blobs = List.copyOf(distinct.values());
        return lock.with(() -> {
            List<java.util.concurrent.CompletableFuture<Void>> checkers = new ArrayList<>();
            for (int w = 0; w < CHECKERS; w++) {
                int first = w;
                checkers.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                    for (int i = first; i < blobs.size(); i += CHECKERS) {
                        try {
                            ensureStored(blobs.get(i), sources);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }, executor));
            }
            try {
                java.util.concurrent.CompletableFuture.allOf(checkers.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
            } catch (java.util.concurrent.CompletionException e) {
                Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
            String key = BlobKeys.manifest(m.cluster(), m.dc(), m.instanceId(), m.backupId());
            store.put(key, JSON.writeValueAsBytes(m));
            return key;
        });
    }

    /** How many blobs a manifest write checks at once. */
    static final int CHECKERS = 8;

    private void ensureStored(BackupManifest.File f, Sources sources) throws IOException {
        String blobKey = BlobKeys.blob(f.sha256());
        java.util.Optional<ObjectInfo> blob = store.head(blobKey);
        if (blob.isPresent() && blob.get().size() == f.size()) {
            return;
        }
        java.nio.file.Path source = sources.of(f);
        if (source == null || !java.nio.file.Files.isRegularFile(source) || java.nio.file.Files.size(source) != f.size()) {
            throw new IOException("blob " + f.sha256() + " of " + RestorePoint.key(f) + " is not in the store"
                    + (blob.isPresent() ? " whole (" + blob.get().size() + " of " + f.size() + " bytes)" : "")
                    + " and its file is gone; the backup is not complete: take another");
        }
        store.put(blobKey, source);
    }

    public BackupManifest read(String key) throws IOException {
        return JSON.readValue(store.getBytes(key), BackupManifest.class);
    }

    /** The API's answer when the object store could not be read: 503, with what it said. */
    public static io.ringkeeper.http.ApiException unavailable(IOException e) {
        return io.ringkeeper.http.ApiException.unavailable("object_store_unavailable", "the object store did not answer ("
                + e.getMessage() + "); check its settings (aws.s3.bucket, or local.object_store_dir) and that it is reachable, then retry",
                java.util.Map.of());
    }

    /** Every backup of the cluster, oldest first. */
    public List<BackupManifest> list(String cluster) throws IOException {
        return under(BlobKeys.manifests(cluster));
    }

    /**
     * Every manifest in the store (every cluster), by key, reading only those not in {@code known}: a manifest is never
     * changed once written, so a second look costs a listing, not a read of each.
     */
    public java.util.Map<String, BackupManifest> allByKey(java.util.Map<String, BackupManifest> known) throws IOException {
        java.util.Map<String, BackupManifest> out = new java.util.TreeMap<>();
        for (ObjectInfo o : store.list("manifests/")) {
            if (o.key().endsWith(".json")) {
                BackupManifest m = known.get(o.key());
                out.put(o.key(), m != null ? m : read(o.key()));
            }
        }
        return out;
    }

    /** The manifests of one backup id (one per node that took it): only those are read. */
    public List<BackupManifest> withId(String cluster, String backupId) throws IOException {
        List<BackupManifest> out = new ArrayList<>();
        for (ObjectInfo o : store.list(BlobKeys.manifests(cluster))) {
            if (o.key().endsWith("/" + backupId + ".json")) {
                out.add(read(o.key()));
            }
        }
        return out;
    }

    /** Every backup of one node, oldest first. */
    public List<BackupManifest> listNode(String cluster, String dc, String instanceId) throws IOException {
        String one = BlobKeys.manifest(cluster, dc, instanceId, "x");
        return under(one.substring(0, one.length() - "x.json".length()));
    }

    private List<BackupManifest> under(String prefix) throws IOException {
        List<BackupManifest> out = new ArrayList<>();
        for (ObjectInfo o : store.list(prefix)) {
            if (o.key().endsWith(".json")) {
                out.add(read(o.key()));
            }
        }
        out.sort(java.util.Comparator.comparing(BackupManifest::finishedAt).thenComparing(BackupManifest::instanceId));
        return out;
    }
}
