package io.ringkeeper.cloud.local;

import io.ringkeeper.cloud.ObjectStore;
import io.ringkeeper.cloud.ObjectStoreContract;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreContractTest extends ObjectStoreContract {
    @TempDir
    Path root;

    @Override
    protected ObjectStore newStore() {
        return new LocalObjectStore(root);
    }

    @Override
    protected int partSize() {
        return 64 * 1024;
    }

    @Override
    protected void corruptStoredObject(String key) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(root.resolve(key).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
    }
}
