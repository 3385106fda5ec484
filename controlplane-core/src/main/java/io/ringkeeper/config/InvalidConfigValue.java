package io.ringkeeper.config;

/**
 * Thrown from a config record's constructor (or a value parser) when a value is out of range or malformed.
 * {@code key} is relative to the record being built (null when the whole value is wrong); the loader
 * prefixes the path Jackson knows, so the operator sees the full key path.
 */
public final class InvalidConfigValue extends RuntimeException {
    private final String key;

    public InvalidConfigValue(String key, String message) {
        super(message, null, false, false);
        this.key = key;
    }

    public InvalidConfigValue(String message) {
        this(null, message);
    }

    public String key() {
        return key;
    }
}
