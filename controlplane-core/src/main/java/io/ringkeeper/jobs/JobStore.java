package io.ringkeeper.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.ringkeeper.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records as JSON files under {@code <state_dir>/jobs}, one per job, each written atomically, so a job and its
 * outcome survive a daemon restart (and a crash mid-write leaves the previous version). The files are read once, at
 * {@link #load}; from then on every read is answered from memory (an index by submission time), so listing does not
 * grow with the number of records. Finished records beyond {@code jobs.keep}, or older than {@code jobs.max_age}, are
 * removed. Not final only so a test can give the runner a store whose disk is full.
 *
 * <p>Concurrency: every method is synchronized on the store; the runner calls it under its own lock too (the order
 * is always runner, then store).
 */
public class JobStore {
    private static final Logger log = LoggerFactory.getLogger(JobStore.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    /** Newest first; the id breaks ties of the same instant. */
    private static final Comparator<Job> NEWEST_FIRST = Comparator.comparing(Job::submittedAt).reversed().thenComparing(Job::id);

    private final Path dir;
    private final int keep;
    private final Duration maxAge;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private final Map<String, Job> byId = new HashMap<>();
    private final TreeSet<Job> ordered = new TreeSet<>(NEWEST_FIRST);
    private boolean loaded;

    public JobStore(Path stateDir) {
        this(stateDir, new JobsConfig(1000, Duration.ofDays(30)));
    }

    public JobStore(Path stateDir, JobsConfig bounds) {
        this.dir = stateDir.resolve("jobs");
        this.keep = bounds.keep();
        this.maxAge = bounds.maxAge();
    }

    /** A page of records, newest first; {@code next} is the cursor of the following page (null on the last). */
    public record Page(List<Job> jobs, String next) {
    }

    /** Reads every record once (unreadable files are skipped with a warning, never fatal); returns the unfinished ones. */
    public synchronized List<Job> load() throws IOException {
        byId.clear();
        ordered.clear();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    try {
                        index(json.readValue(f.toFile(), Job.class));
                    } catch (IOException e) {
                        log.warn("skipping unreadable job record {}: {}", f, e.getMessage());
                    }
                }
            }
        }
        loaded = true;
        return ordered.stream().filter(j -> !j.finished()).toList();
    }

    private void index(Job job) {
        Job before = byId.put(job.id(), job);
        if (before != null) {
            ordered.remove(before);
        }
        ordered.add(job);
    }

    public synchronized void save(Job job) throws IOException {
        AtomicFiles.write(dir.resolve(job.id() + ".json"), json.writeValueAsBytes(job));
        index(job);
    }

    /** Keeps the change in memory only: for progress, written with the next durable save. */
    synchronized void remember(Job job) {
        index(job);
    }

    public synchronized Optional<Job> get(String id) throws IOException {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        if (loaded) {
            return Optional.ofNullable(byId.get(id));
        }
        Path file = dir.resolve(id + ".json");
        return Files.isRegularFile(file) ? Optional.of(json.readValue(file.toFile(), Job.class)) : Optional.empty();
    }

    /** All jobs, newest first. */
    public synchronized List<Job> list() throws IOException {
        if (!loaded) {
            load();
        }
        return List.copyOf(ordered);
    }

    /**
     * Up to {@code limit} jobs that pass {@code filter}, newest first, starting after the job {@code after} (a cursor
     * from the previous page; null for the first).
     *
     * @throws IllegalArgumentException when {@code after} names no job kept
     */
    public synchronized Page page(Predicate<Job> filter, int limit, String after) {
        Iterable<Job> from = ordered;
        if (after != null) {
            Job cursor = byId.get(after);
            if (cursor == null) {
                throw new IllegalArgumentException("after: no job " + after + " (it may have been removed by jobs.keep or "
                        + "jobs.max_age); start again without after");
            }
            from = ordered.tailSet(cursor, false);
        }
        List<Job> out = new ArrayList<>(Math.min(limit, 1000));
        for (Job j : from) {
            if (filter.test(j)) {
                if (out.size() == limit) {
                    return new Page(out, out.get(out.size() - 1).id());
                }
                out.add(j);
            }
        }
        return new Page(out, null);
    }

    /** Removes finished records beyond {@code jobs.keep} and older than {@code jobs.max_age}; returns how many. */
    public synchronized int prune(Instant now) {
        Instant oldest = now.minus(maxAge);
        List<Job> gone = new ArrayList<>();
        int finished = 0;
        for (Job j : ordered) {
            if (!j.finished()) {
                continue;
            }
            finished++;
            Instant at = j.finishedAt() != null ? j.finishedAt() : j.submittedAt();
            if (finished > keep || at.isBefore(oldest)) {
                gone.add(j);
            }
        }
        for (Job j : gone) {
            try {
                Files.deleteIfExists(dir.resolve(j.id() + ".json"));
                byId.remove(j.id());
                ordered.remove(j);
            } catch (IOException e) {
                log.warn("job record {} not removed ({}); trying again later", j.id(), e.toString());
            }
        }
        return gone.size();
    }
}
