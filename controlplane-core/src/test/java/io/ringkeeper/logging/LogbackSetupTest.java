package io.ringkeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogbackSetupTest {
    private final LoggerContext context = new LoggerContext();
    private final PatternLayout layout = new PatternLayout();

    LogbackSetupTest() {
        layout.setContext(context);
        layout.setPattern(LogbackSetup.PATTERN);
        layout.start();
    }

    @Test
    void aStackTraceIsFoldedOntoTheEventsLineAfterASeparator() {
        IllegalStateException e = new IllegalStateException("disk full", new java.io.IOException("no space"));
        String line = layout.doLayout(event("saving the job failed", e));

        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("saving the job failed | java.lang.IllegalStateException: disk full | at ")
                .contains(" | Caused by: java.io.IOException: no space");
    }

    @Test
    void anEventWithoutAnExceptionEndsWithItsMessage() {
        assertThat(layout.doLayout(event("listening on 127.0.0.1:8484", null)))
                .endsWith(" - listening on 127.0.0.1:8484" + System.lineSeparator());
    }

    private LoggingEvent event(String message, Throwable t) {
        return new LoggingEvent("test", context.getLogger("io.ringkeeper.test"), Level.ERROR, message, t, null);
    }
}
