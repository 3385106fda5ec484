package io.ringkeeper.http;

import io.ringkeeper.config.HttpConfig;
import io.ringkeeper.config.InvalidConfigValue;
import io.ringkeeper.daemon.Preflight;
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
 * {@code http.auth_token_file} as the daemon's first step (a preflight: a bad token file stops the start before
 * anything else runs). Compared by SHA-256 digest with a constant-time
 * equality, so neither the token's bytes nor its length leak through timing.
 */
@Singleton
public final class AuthToken implements Preflight {
    private static final String KEY = "http.auth_token_file";
    private static final long LONGEST = 4096;

    private final HttpConfig config;
    private volatile byte[] digest;

    @Inject
    AuthToken(HttpConfig config) {
        this.config = config;
    }

    @Override
    public void check() {
        Path file = config.authTokenFile();
        if (file == null) {
            return;
        }
        String token;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > LONGEST) {
                throw new InvalidConfigValue(KEY, file + ": the file is " + Files.size(file) + " bytes long; a token file holds"
                        + " one token of at most " + LONGEST + " bytes, e.g. from openssl rand -hex 32");
            }
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new InvalidConfigValue(KEY, file + ": no such file; create it with a random token, e.g. openssl rand -hex 32 > " + file);
        } catch (IOException e) {
            throw new InvalidConfigValue(KEY, file + ": cannot read (" + e.getMessage() + "); make it a file readable by the"
                    + " ringkeeper user");
        }
        if (token.length() < 16) {
            throw new InvalidConfigValue(KEY, file + ": the token is shorter than 16 characters; use e.g. openssl rand -hex 32");
        }
        if (token.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)) {
            throw new InvalidConfigValue(KEY, file + ": the token holds spaces, line breaks or characters outside printable"
                    + " ASCII, which no HTTP header can carry; use e.g. openssl rand -hex 32");
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
