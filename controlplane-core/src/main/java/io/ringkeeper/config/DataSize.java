package io.ringkeeper.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte count written the way JVM and Cassandra operators write it: {@code 512}, {@code 64K}, {@code 4G},
 * {@code 1MiB}, {@code 2GB}. Multipliers are binary (1K = 1024), as in {@code -Xmx}.
 */
public record DataSize(long bytes) {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

    public DataSize {
        if (bytes < 0) {
            throw new InvalidConfigValue(bytes + " is negative; use a size such as 4G");
        }
    }

    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    @JsonCreator
    public static DataSize parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new InvalidConfigValue("\"" + text + "\" is not a size; use e.g. 512M, 4G or 1MiB");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (shift == 0 && !m.group(3).isEmpty() && !m.group(3).equalsIgnoreCase("b")) {
            throw new InvalidConfigValue("\"" + text + "\" is not a size; use e.g. 512M, 4G or 1MiB");
        }
        try {
            long value = Long.parseLong(m.group(1));
            if (value > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return new DataSize(value << shift);
        } catch (NumberFormatException e) {
            throw new InvalidConfigValue("\"" + text + "\" is too large; use a size below 8E");
        }
    }

    /** The shortest exact form, e.g. {@code 4G}, {@code 1536M}, {@code 100}. */
    @JsonValue
    @Override
    public String toString() {
        String[] units = {"T", "G", "M", "K"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes >> shifts[i]) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
