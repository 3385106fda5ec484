package io.ringkeeper.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The daemon's logging, set up in code (found by Logback through {@code META-INF/services}) rather than from a
 * logback.xml, whose parsing was a noticeable part of the start: one line per event on stdout (journald adds the unit
 * and the time), stack traces (unexpected errors only) folded onto the same line so one event stays one journal
 * entry. JUL is bridged separately ({@link JulBridge}).
 */
public final class LogbackSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg"
            + "%replace(%replace(%ex){'[\\r\\n]+\\s*', ' | '}){'^(.)', ' | $1'}%nopex%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        // Registering resource instances makes Jersey warn that "the provider will be ignored"; it is served.
        context.getLogger("org.glassfish.jersey.internal.inject.Providers").setLevel(Level.ERROR);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("org.glassfish.jersey").setLevel(Level.WARN);
        context.getLogger("io.swagger").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
