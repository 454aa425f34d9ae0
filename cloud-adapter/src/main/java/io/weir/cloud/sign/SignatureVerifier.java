package io.weir.cloud.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Checks a signed request that the county platform sends us (its case-status webhook): the same headers and scheme
 * as our requests to it, a timestamp at most 300 s from our clock, and each nonce once for as long as its timestamp
 * is acceptable. The headers are checked before the body is read ({@link #headerProblem}), so a request that cannot
 * be authentic costs no body read.
 */
public final class SignatureVerifier {
    public static final Duration MAX_SKEW = Duration.ofSeconds(300);
    /** docs/protocol.md: 16 to 64 characters; printable, no white space. */
    private static final Pattern NONCE = Pattern.compile("[!-~]{16,64}");

    private final String appKey;
    private final String appSecret;
    private final SignatureScheme scheme;
    private final Clock clock;
    private final NonceStore nonces;

    /** With the nonces in this process's memory only; the adapter keeps them in its database instead. */
    public SignatureVerifier(String appKey, String appSecret, SignatureScheme scheme, Clock clock) {
        this(appKey, appSecret, scheme, clock, new MemoryNonces(clock));
    }

    public SignatureVerifier(String appKey, String appSecret, SignatureScheme scheme, Clock clock, NonceStore nonces) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.scheme = scheme;
        this.clock = clock;
        this.nonces = nonces;
    }

    /** Null when the headers could belong to an authentic request, otherwise why not. */
    public String headerProblem(UnaryOperator<String> headers) {
        String key = headers.apply(HmacSha256Signer.APP_KEY);
        String timestamp = headers.apply(HmacSha256Signer.TIMESTAMP);
        String nonce = headers.apply(HmacSha256Signer.NONCE);
        String signature = headers.apply(HmacSha256Signer.SIGNATURE);
        if (key == null || timestamp == null || nonce == null || signature == null) {
            return "missing signature headers";
        }
        if (!appKey.equals(key)) {
            return "unknown app key";
        }
        Instant sent = timestamp(timestamp);
        if (sent == null) {
            return "bad timestamp: not epoch milliseconds";
        }
        if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return "timestamp " + timestamp + " more than " + MAX_SKEW.toSeconds() + " s from our clock";
        }
        if (!NONCE.matcher(nonce).matches()) {
            return "nonce must be 16 to 64 printable characters";
        }
        return null;
    }

    /** Null when the request is authentic and its nonce new (it is then recorded), otherwise why not. */
    public String problem(String method, String path, UnaryOperator<String> headers, byte[] body) {
        String problem = headerProblem(headers);
        if (problem != null) {
            return problem;
        }
        String timestamp = headers.apply(HmacSha256Signer.TIMESTAMP);
        String nonce = headers.apply(HmacSha256Signer.NONCE);
        String signature = headers.apply(HmacSha256Signer.SIGNATURE);
        String expected = scheme.expectedSignature(appSecret, method, path, appKey, timestamp, nonce, body);
        boolean match = scheme == SignatureScheme.SORTED_MD5
                ? equal(expected, signature.toUpperCase(Locale.ROOT)) : equal(expected, signature);
        if (!match) {
            return "signature does not match";
        }
        // the timestamp is acceptable until MAX_SKEW after it, so the nonce must be remembered until then
        if (!nonces.firstUse(nonce, timestamp(timestamp).plus(MAX_SKEW))) {
            return "nonce " + nonce + " replayed";
        }
        return null;
    }

    private static Instant timestamp(String text) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(text));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Nonces in memory until they expire. */
    private static final class MemoryNonces implements NonceStore {
        private final Map<String, Instant> seen = new HashMap<>();
        private final Clock clock;

        MemoryNonces(Clock clock) {
            this.clock = clock;
        }

        @Override
        public synchronized boolean firstUse(String nonce, Instant expiresAt) {
            Instant now = clock.instant();
            seen.values().removeIf(expiry -> expiry.isBefore(now));
            return seen.putIfAbsent(nonce, expiresAt) == null;
        }
    }
}
