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
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
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
        return lock.with(() -> {
            for (BackupManifest.File f : m.files()) {
                String blobKey = BlobKeys.blob(f.sha256());
                java.util.Optional<ObjectInfo> blob = store.head(blobKey);
                if (blob.isPresent() && blob.get().size() == f.size()) {
                    continue;
                }
                java.nio.file.Path source = sources.of(f);
                if (source == null || !java.nio.file.Files.isRegularFile(source) || java.nio.file.Files.size(source) != f.size()) {
                    throw new IOException("blob " + f.sha256() + " of " + RestorePoint.key(f) + " is not in the store"
                            + (blob.isPresent() ? " whole (" + blob.get().size() + " of " + f.size() + " bytes)" : "")
                            + " and its file is gone; the backup is not complete: take another");
                }
                store.put(blobKey, source);
            }
            String key = BlobKeys.manifest(m.cluster(), m.dc(), m.instanceId(), m.backupId());
            store.put(key, JSON.writeValueAsBytes(m));
            return key;
        });
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

    /** Every backup of every cluster in the store (clusters sharing a store share its blobs), oldest first. */
    public List<BackupManifest> all() throws IOException {
        return under("manifests/");
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
