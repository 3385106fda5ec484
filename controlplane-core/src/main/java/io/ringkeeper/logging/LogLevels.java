package io.ringkeeper.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.ringkeeper.config.LoggingConfig;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Log levels of the running daemon: set from {@code logging:} at start, changeable at run time through the
 * API. Works on Logback's context, which is the process's logging system (there is only one).
 */
public final class LogLevels {
    public static final String ROOT = "ROOT";

    private final LoggerContext context;

    public LogLevels() {
        this.context = (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    public void apply(LoggingConfig config) {
        set(ROOT, config.level());
        config.loggers().forEach(this::set);
    }

    /** @param level one of {@link LoggingConfig#LEVELS}; callers validate */
    public void set(String logger, String level) {
        Logger target = logger.equals(ROOT) ? context.getLogger(Logger.ROOT_LOGGER_NAME) : context.getLogger(logger);
        target.setLevel(Level.toLevel(level));
    }

    /** Removes a logger's own level: it inherits its parent's again (the root always keeps one). */
    public void clear(String logger) {
        if (!logger.equals(ROOT)) {
            context.getLogger(logger).setLevel(null);
        }
    }

    /** The logger's own level, or null when it inherits. */
    public String level(String logger) {
        Logger target = logger.equals(ROOT) ? context.getLogger(Logger.ROOT_LOGGER_NAME) : context.exists(logger);
        return target == null || target.getLevel() == null ? null : target.getLevel().toString();
    }

    /** The loggers with a level set, and the root's. */
    public Map<String, String> levels() {
        Map<String, String> out = new TreeMap<>();
        for (Logger l : context.getLoggerList()) {
            if (l.getLevel() != null) {
                out.put(l.getName().equals(Logger.ROOT_LOGGER_NAME) ? ROOT : l.getName(), l.getLevel().toString());
            }
        }
        return out;
    }
}
