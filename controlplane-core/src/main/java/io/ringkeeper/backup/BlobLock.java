package io.ringkeeper.backup;

/**
 * Orders the two writers that could otherwise lose a blob: a backup writing its manifest (after checking that every
 * blob it names is stored) and retention deleting blobs no manifest names. Held across the check and the write, or
 * across the listing and the deletes, it makes them happen one after the other: a manifest written first protects its
 * blobs from the sweep; a sweep done first is seen by the manifest's check, which stores the blob again.
 */
public interface BlobLock {
    interface Work<T> {
        T run() throws Exception;
    }

    <T> T with(Work<T> work) throws Exception;

    /** For one process (tests, tools): a plain monitor. */
    static BlobLock inProcess() {
        return new BlobLock() {
            @Override
            public synchronized <T> T with(Work<T> work) throws Exception {
                return work.run();
            }
        };
    }
}
