package io.ringkeeper.cloud;

/** The key rules every {@link ObjectStore} enforces, so a key means the same thing on every cloud. */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** @throws IllegalArgumentException naming the key and the rule it breaks */
    public static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("object key is empty");
        }
        if (key.length() > 1024) {
            throw new IllegalArgumentException("object key is longer than 1024 characters: " + key.substring(0, 64) + "...");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("object key must not start or end with '/': " + key);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("object key has an empty, '.' or '..' segment: " + key);
            }
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("object key has a control character or backslash: " + key);
            }
        }
        return key;
    }

    /** Prefixes may be empty or end with '/'; otherwise they follow the key rules. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }
}
