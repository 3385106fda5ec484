package io.ringkeeper.jobs;

import com.google.inject.multibindings.Multibinder;
import io.ringkeeper.testing.InProcessDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A daemon process (for {@link ResumeAfterKillTest}) with a test-only resumable kind, {@code count}: ten steps, each
 * logged to {@code executions.log} when it runs and checkpointed when done. At its first start it submits one.
 */
public final class CountingJobDaemon {
    static final int STEPS = 10;

    static final class Counting implements ResumableJob {
        private final Path log;

        Counting(Path log) {
            this.log = log;
        }

        @Override
        public String kind() {
            return "count";
        }

        @Override
        public JobRunner.Work resume(Job job) {
            return ctx -> {
                int from = ((Number) ctx.checkpoint().getOrDefault("next", 0)).intValue();
                for (int i = from; i < STEPS; i++) {
                    append("step " + i);
                    Thread.sleep(250);
                    ctx.checkpoint(Map.of("next", i + 1));
                    ctx.progress(i + 1, STEPS, "steps");
                }
                append("finished");
                return "counted to " + STEPS;
            };
        }

        private void append(String line) throws java.io.IOException {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Counting counting = new Counting(dir.resolve("executions.log"));
        InProcessDaemon d = InProcessDaemon.start(dir.resolve("daemon"), "", "",
                binder -> Multibinder.newSetBinder(binder, ResumableJob.class).addBinding().toInstance(counting));
        JobRunner runner = d.injector().getInstance(JobRunner.class);
        if (runner.page(j -> j.kind().equals("count"), 1, null).jobs().isEmpty()) {
            runner.submit(new JobRunner.Kind("count", "count", true), counting.resume(null));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
