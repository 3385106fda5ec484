package io.ringkeeper.aws;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 as the SDK does it, except that an upload to a plain-HTTP endpoint whose body carries its own checksum header
 * ({@code x-amz-checksum-crc32c}, ...) goes with {@code UNSIGNED-PAYLOAD}, as every upload to an HTTPS endpoint does.
 *
 * <p>Why: over plain HTTP the SDK signs the body, chunk by chunk, and the store checks every chunk's signature: SHA-256
 * of every byte on both sides, about as much CPU as the rest of the upload together (measured against s3proxy in
 * docs/benchmarks.md: uploads took about half the time without it). The body stays checked end to end: the store verifies
 * it against the checksum header, which the signature covers, and a blob is checked against its SHA-256 name whenever
 * it is read back. What is given up is protection against someone on the network path forging a body with the same
 * CRC; plain HTTP already gives that person every byte, and HTTPS is the answer to both.
 *
 * <p>How: the request is signed as if its scheme were {@code https} (the scheme is not part of what SigV4 signs), so
 * the SDK's own signer makes every decision it makes for HTTPS; the scheme is then put back.
 */
final class ChecksummedUnsignedPayload implements AwsV4AuthScheme {
    private final AwsV4AuthScheme sdk = AwsV4AuthScheme.create();

    @Override
    public String schemeId() {
        return sdk.schemeId();
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return sdk.identityProvider(providers);
    }

    @Override
    public AwsV4HttpSigner signer() {
        AwsV4HttpSigner signer = sdk.signer();
        return new AwsV4HttpSigner() {
            @Override
            public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
                SdkHttpRequest http = request.request();
                if (!"http".equals(http.protocol()) || request.payload().isEmpty() || !carriesChecksum(http)) {
                    return signer.sign(request);
                }
                int port = http.port();
                // The Host header SigV4 covers names the port unless it is the scheme's default: keep it the same.
                SdkHttpRequest asHttps = http.toBuilder().protocol("https").port(port == 80 ? 443 : port).build();
                @SuppressWarnings("unchecked")
                SignRequest<AwsCredentialsIdentity> same = (SignRequest<AwsCredentialsIdentity>) request;
                SignedRequest signed = signer.sign(same.copy(b -> b.request(asHttps)));
                return signed.copy(b -> b.request(signed.request().toBuilder().protocol("http").port(port).build()));
            }

            @Override
            public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
                return signer.signAsync(request); // the store's client is synchronous
            }
        };
    }

    /** Whether the body's own checksum goes with it, as a header (the store's CRC32C) or a trailer (one the SDK computes). */
    static boolean carriesChecksum(SdkHttpRequest http) {
        return http.headers().keySet().stream().anyMatch(h -> {
            String name = h.toLowerCase(java.util.Locale.ROOT);
            return name.startsWith("x-amz-checksum-") || name.equals("x-amz-sdk-checksum-algorithm") || name.equals("x-amz-trailer");
        });
    }
}
