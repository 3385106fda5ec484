package io.ringkeeper.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints durations as operators write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}.
 * No duration is longer than {@link #LONGEST}; the number is checked before it is multiplied, so no input can
 * overflow. Keys with their own bounds check them with a {@link Range}, the same one for the config and the API.
 */
public final class Durations {
    /** Ten years: longer than any timeout or interval a node could mean. */
    public static final Duration LONGEST = Duration.ofDays(3650);
    private static final Pattern FORM = Pattern.compile("(\\d{1,19})\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);
    private static final String FORMS = "use e.g. 500ms, 30s, 5m or 2h";

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.length() > 40) {
            throw new InvalidConfigValue("\"" + text + "\" is not a duration; " + FORMS);
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidConfigValue("\"" + text + "\" is not a duration; " + FORMS);
        }
        long unitMillis = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            n = Long.MAX_VALUE;
        }
        if (n > LONGEST.toMillis() / unitMillis) {
            throw new InvalidConfigValue("\"" + text.trim() + "\" is too long a duration; the longest is " + format(LONGEST));
        }
        return Duration.ofMillis(n * unitMillis);
    }

    /** The largest whole unit, e.g. {@code 2m}, {@code 90s}, {@code 1500ms}: the same form {@link #parse} reads. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** The durations a key accepts, with an example for errors: the one definition the config and the API share. */
    public record Range(Duration min, Duration max, String example) {
        public static Range of(String min, String max, String example) {
            return new Range(Durations.parse(min), Durations.parse(max), example);
        }

        /** Returns {@code d}, or throws naming {@code key} and the range. */
        public Duration check(String key, Duration d) {
            if (d == null) {
                throw new InvalidConfigValue(key, "is empty; use e.g. " + example);
            }
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new InvalidConfigValue(key, format(d) + " is out of range; use between " + format(min) + " and "
                        + format(max) + ", e.g. " + example);
            }
            return d;
        }

        /** Parses and checks text from a request or a file. */
        public Duration parse(String key, String text) {
            Duration d;
            try {
                d = Durations.parse(text);
            } catch (InvalidConfigValue e) {
                throw new InvalidConfigValue(key, e.getMessage());
            }
            return check(key, d);
        }
    }
}
