package io.ringkeeper.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The HTTP admin API: where it listens and how it guards itself.
 *
 * @param bodyTimeout how long a request body may take to arrive in full; a slower one is refused with 408
 */
public record HttpConfig(
        String bind,
        int port,
        Path authTokenFile,
        DataSize maxRequestBytes,
        int threads,
        Duration bodyTimeout) {
    static final Durations.Range BODY_TIMEOUT = Durations.Range.of("100ms", "5m", "10s");

    public HttpConfig {
        try {
            Addresses.parseLiteral(bind);
        } catch (InvalidConfigValue e) {
            throw new InvalidConfigValue("bind", e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new InvalidConfigValue("port", port + " is not a TCP port; use 1-65535 (0 picks a free port)");
        }
        if (maxRequestBytes.bytes() < 1024) {
            throw new InvalidConfigValue("max_request_bytes", maxRequestBytes + " is too small; use at least 1K, e.g. 1M");
        }
        if (threads < 8 || threads > 512) {
            throw new InvalidConfigValue("threads", threads + " is out of range; use 8-512, e.g. 16");
        }
        BODY_TIMEOUT.check("body_timeout", bodyTimeout);
        if (authTokenFile == null && !Addresses.isLoopback(bind)) {
            throw new InvalidConfigValue("auth_token_file", "is required when http.bind (" + bind
                    + ") is not a loopback address; point it at a file holding the bearer token");
        }
    }

    /** Mutating requests need a bearer token unless only this machine can reach the API. */
    public boolean authRequired() {
        return !Addresses.isLoopback(bind);
    }
}
