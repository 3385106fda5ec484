package io.ringkeeper.http;

import io.ringkeeper.config.ConfigException;
import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.LoadedConfig;
import io.ringkeeper.daemon.Service;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token mutating requests must carry when the API is reachable from other machines. Read from
 * {@code http.auth_token_file} when the daemon starts. Compared by SHA-256 digest with a constant-time
 * equality, so neither the token's bytes nor its length leak through timing.
 */
@Singleton
public final class AuthToken implements Service {
    private final HttpConfig config;
    private final LoadedConfig loaded;
    private volatile byte[] digest;

    @Inject
    AuthToken(HttpConfig config, LoadedConfig loaded) {
        this.config = config;
        this.loaded = loaded;
    }

    @Override
    public String name() {
        return "auth-token";
    }

    @Override
    public void start() {
        Path file = config.authTokenFile();
        if (file == null) {
            return;
        }
        String where = loaded.source() + ": http.auth_token_file: " + file;
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigException(where + ": no such file; create it with a random token, e.g. openssl rand -hex 32 > " + file);
        } catch (IOException e) {
            throw new ConfigException(where + ": cannot read (" + e.getMessage() + "); make it readable by the ringkeeper user");
        }
        if (token.length() < 16) {
            throw new ConfigException(where + ": the token is shorter than 16 characters; use e.g. openssl rand -hex 32");
        }
        digest = sha256(token);
    }

    boolean required() {
        return config.authRequired();
    }

    /** Whether {@code presented} (the part after "Bearer ") is the token. */
    boolean matches(String presented) {
        byte[] expected = digest;
        return expected != null && presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
