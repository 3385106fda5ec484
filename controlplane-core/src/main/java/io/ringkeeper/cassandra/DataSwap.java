package io.ringkeeper.cassandra;

import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The mark a whole-node restore leaves in {@code <state_dir>/restore/swapping} from before it stops Cassandra until its
 * data is in place: while it is there nothing starts Cassandra (every start renders first, and the render refuses), so
 * a daemon restarted mid-swap does not start Cassandra on half-moved data; the resumed restore finishes the swap and
 * starts it.
 */
public final class DataSwap {
    /** A daemon without a state directory to mark (tests, benchmarks): never in progress. */
    public static final DataSwap NONE = new DataSwap(null);

    private final Path marker;

    public DataSwap(Path stateDir) {
        this.marker = stateDir == null ? null : stateDir.resolve("restore").resolve("swapping");
    }

    /** Thrown by a start while the mark is there: nothing was written or started. */
    public static final class InProgress extends IllegalStateException {
        public InProgress(String jobId) {
            super("a whole-node restore (job " + jobId + ") is moving Cassandra's data; it starts Cassandra itself when the"
                    + " data is in place (GET /v1/jobs/" + jobId + "; if that job failed, its outcome says where the data is)");
        }
    }

    /** Where the mark is (for messages: removing it by hand lets Cassandra start again). */
    public Path marker() {
        return marker;
    }

    /** The restore job holding the mark, if any. */
    public Optional<String> holder() throws IOException {
        if (marker == null || !Files.exists(marker)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip());
    }

    public void check() throws IOException {
        Optional<String> job = holder();
        if (job.isPresent()) {
            throw new InProgress(job.get());
        }
    }

    /** Marks the swap under way, durably, before Cassandra is stopped. */
    public void mark(String jobId) throws IOException {
        Files.createDirectories(marker.getParent());
        AtomicFiles.writeIfChanged(marker, jobId.getBytes(StandardCharsets.UTF_8));
    }

    public void clear() throws IOException {
        if (marker != null) {
            Files.deleteIfExists(marker);
        }
    }
}
