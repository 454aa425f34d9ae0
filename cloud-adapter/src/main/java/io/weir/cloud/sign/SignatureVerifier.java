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

/**
 * Checks a signed request that the county platform sends us (its case-status webhook): the same headers and scheme
 * as our requests to it, at most 300 s of clock skew, and each nonce once within that window.
 */
public final class SignatureVerifier {
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private final String appKey;
    private final String appSecret;
    private final SignatureScheme scheme;
    private final Clock clock;
    private final Map<String, Instant> nonces = new HashMap<>();

    public SignatureVerifier(String appKey, String appSecret, SignatureScheme scheme, Clock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.scheme = scheme;
        this.clock = clock;
    }

    /** Null when the request is authentic, otherwise why not. {@code headers} looks a header up by name. */
    public String problem(String method, String path, UnaryOperator<String> headers, byte[] body) {
        String key = headers.apply(HmacSha256Signer.APP_KEY);
        String timestamp = headers.apply(HmacSha256Signer.TIMESTAMP);
        String nonce = headers.apply(HmacSha256Signer.NONCE);
        String signature = headers.apply(HmacSha256Signer.SIGNATURE);
        if (key == null || timestamp == null || nonce == null || signature == null) {
            return "missing signature headers";
        }
        if (!appKey.equals(key)) {
            return "unknown app key " + key;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "bad timestamp " + timestamp;
        }
        Instant now = clock.instant();
        if (Duration.between(Instant.ofEpochMilli(millis), now).abs().compareTo(MAX_SKEW) > 0) {
            return "timestamp " + millis + " more than 300 s from our clock";
        }
        String expected = scheme.expectedSignature(appSecret, method, path, key, timestamp, nonce, body);
        boolean match = scheme == SignatureScheme.SORTED_MD5
                ? equal(expected, signature.toUpperCase(Locale.ROOT)) : equal(expected, signature);
        if (!match) {
            return "signature does not match";
        }
        synchronized (nonces) {
            nonces.values().removeIf(seen -> Duration.between(seen, now).compareTo(MAX_SKEW) > 0);
            if (nonces.putIfAbsent(nonce, now) != null) {
                return "nonce " + nonce + " replayed";
            }
        }
        return null;
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
