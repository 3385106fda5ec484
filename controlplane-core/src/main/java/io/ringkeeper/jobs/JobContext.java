package io.ringkeeper.jobs;

/** Handed to a running job: records its steps and outcome details, each durably. */
public final class JobContext {
    private final JobRunner runner;
    private final String id;

    JobContext(JobRunner runner, String id) {
        this.runner = runner;
        this.id = id;
    }

    public String jobId() {
        return id;
    }

    public void step(String description) {
        runner.update(id, j -> j.step(description));
    }

    public void detail(String key, Object value) {
        runner.update(id, j -> j.detail(key, value));
    }
}
