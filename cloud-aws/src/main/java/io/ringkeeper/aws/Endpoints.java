package io.ringkeeper.aws;

import io.ringkeeper.config.InvalidConfigValue;
import java.net.URI;
import java.util.Optional;

/** Endpoint override values: empty means "the SDK's default", anything else must be an absolute http(s) URL. */
final class Endpoints {
    private Endpoints() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String check(String key, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigValue(key, "\"" + value + "\" is not an http(s) URL such as https://s3.eu-west-1.amazonaws.com");
        }
        return value;
    }

    static Optional<URI> uri(String value) {
        return Optional.ofNullable(value).map(URI::create);
    }
}
