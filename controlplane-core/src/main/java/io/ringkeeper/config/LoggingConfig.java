package io.ringkeeper.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Log levels: one for everything, and overrides per logger (e.g. {@code io.ringkeeper.http: DEBUG}). */
public record LoggingConfig(String level, Map<String, String> loggers) {
    public static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public LoggingConfig {
        level = checkLevel("level", level);
        Map<String, String> checked = new java.util.TreeMap<>();
        if (loggers != null) {
            loggers.forEach((name, value) -> checked.put(name, checkLevel("loggers." + name, value)));
        }
        loggers = Map.copyOf(checked);
    }

    private static String checkLevel(String key, String value) {
        String upper = value == null ? "" : value.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(upper)) {
            throw new InvalidConfigValue(key, "\"" + value + "\" is not a log level; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
        }
        return upper;
    }
}
