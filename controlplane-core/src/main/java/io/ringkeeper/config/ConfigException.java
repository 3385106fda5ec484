package io.ringkeeper.config;

/**
 * A configuration problem an operator must fix. The message is one line that names the file, the key and
 * the fix; the CLI prints it as is and exits with code 2, without a stack trace.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String oneLine) {
        super(oneLine, null, false, false);
    }
}
