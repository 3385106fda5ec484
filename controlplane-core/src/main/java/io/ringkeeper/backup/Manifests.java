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

    /**
     * Writes the manifest, after checking that every blob it names is in the store with its size: a manifest never
     * names a blob that is not there.
     */
    public String write(BackupManifest m) throws IOException {
        for (BackupManifest.File f : m.files()) {
            ObjectInfo blob = store.head(BlobKeys.blob(f.sha256())).orElseThrow(() -> new IOException("blob " + f.sha256()
                    + " of " + f.keyspace() + "/" + f.tableDir() + "/" + f.name() + " is not in the store; the backup is not complete"));
            if (blob.size() != f.size()) {
                throw new IOException("blob " + f.sha256() + " has " + blob.size() + " bytes, the file " + f.size()
                        + "; the backup is not complete");
            }
        }
        String key = BlobKeys.manifest(m.cluster(), m.dc(), m.instanceId(), m.backupId());
        store.put(key, JSON.writeValueAsBytes(m));
        return key;
    }

    public BackupManifest read(String key) throws IOException {
        return JSON.readValue(store.getBytes(key), BackupManifest.class);
    }

    /** Every backup of the cluster, oldest first. */
    public List<BackupManifest> list(String cluster) throws IOException {
        List<BackupManifest> out = new ArrayList<>();
        for (ObjectInfo o : store.list(BlobKeys.manifests(cluster))) {
            if (o.key().endsWith(".json")) {
                out.add(read(o.key()));
            }
        }
        out.sort(java.util.Comparator.comparing(BackupManifest::finishedAt).thenComparing(BackupManifest::instanceId));
        return out;
    }
}
