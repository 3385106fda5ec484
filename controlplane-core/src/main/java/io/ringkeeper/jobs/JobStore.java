package io.ringkeeper.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records as JSON files under {@code <state_dir>/jobs}, one per job, each written atomically, so a job
 * and its outcome survive a daemon restart (and a crash mid-write leaves the previous version). Not final only so a
 * test can give the runner a store whose disk is full.
 */
public class JobStore {
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    private final Path dir;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public JobStore(Path stateDir) {
        this.dir = stateDir.resolve("jobs");
    }

    public synchronized void save(Job job) throws IOException {
        AtomicFiles.write(dir.resolve(job.id() + ".json"), json.writeValueAsBytes(job));
    }

    public Optional<Job> get(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), Job.class));
    }

    /** All jobs, newest first. Unreadable files are skipped with a warning, never fatal. */
    public List<Job> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Job> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    jobs.add(json.readValue(f.toFile(), Job.class));
                } catch (IOException e) {
                    log.warn("skipping unreadable job record {}: {}", f, e.getMessage());
                }
            }
        }
        jobs.sort(Comparator.comparing(Job::submittedAt).reversed());
        return jobs;
    }

    /**
     * Jobs left QUEUED or RUNNING by a daemon that stopped are marked FAILED: their thread is gone, and a
     * client polling them must learn that instead of waiting forever.
     */
    public int failInterrupted(Instant now) throws IOException {
        int n = 0;
        for (Job j : list()) {
            if (!j.finished()) {
                save(j.finish(Job.State.FAILED, "the daemon stopped while this job ran; check the node and submit it again", now));
                n++;
            }
        }
        return n;
    }
}
