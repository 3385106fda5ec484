package io.ringkeeper.logging;

import io.ringkeeper.config.LoggingConfig;
import io.ringkeeper.http.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;

/** Log levels at run time, e.g. to debug one feature without a restart. Not persisted: a restart reverts to the config. */
@Path("/v1/logging")
@Produces(MediaType.APPLICATION_JSON)
public final class LoggingResource {
    /** No real logger name is longer; checked before the name's form, which is checked without a regex. */
    static final int LONGEST_NAME = 200;

    private final LogLevels levels;

    @Inject
    LoggingResource(LogLevels levels) {
        this.levels = levels;
    }

    /** @param level TRACE, DEBUG, INFO, WARN, ERROR or OFF */
    public record LevelChange(String level) {
    }

    public record Levels(Map<String, String> levels) {
    }

    @GET
    @Operation(summary = "The log levels in force (ROOT and every logger with its own level)")
    public Levels get() {
        return new Levels(levels.levels());
    }

    @PUT
    @Path("{logger}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sets one logger's level (ROOT for all) until the daemon restarts")
    public Levels set(@PathParam("logger") String logger, LevelChange change) {
        if (logger.length() > LONGEST_NAME || !isLoggerName(logger)) {
            throw ApiException.unprocessable("\"" + clip(logger) + "\" is not a logger name; use ROOT or a dotted name such as io.ringkeeper.http",
                    Map.of("field", "logger"));
        }
        if (change == null || change.level() == null) {
            throw ApiException.badRequest("send a JSON body such as {\"level\": \"DEBUG\"}");
        }
        String level = change.level().toUpperCase(Locale.ROOT);
        if (!LoggingConfig.LEVELS.contains(level)) {
            throw ApiException.unprocessable("\"" + clip(change.level()) + "\" is not a log level; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF",
                    Map.of("field", "level"));
        }
        levels.set(logger, level);
        return get();
    }

    /** ROOT, or dot-separated Java identifiers (a regex over a long name recursed until the stack overflowed). */
    static boolean isLoggerName(String name) {
        if (name.equals(LogLevels.ROOT)) {
            return true;
        }
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$'
                    || (!segmentStart && c >= '0' && c <= '9')) {
                segmentStart = false;
            } else {
                return false;
            }
        }
        return !segmentStart;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
