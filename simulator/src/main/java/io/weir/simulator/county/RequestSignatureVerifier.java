package io.weir.simulator.county;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;


/**
 * Checks the signature of docs/protocol.md ("Signing", in the platform's {@link SigningScheme}) and remembers the
 * nonces of accepted requests for as long as a timestamp stays acceptable, which is what makes a replay detectable.
 */
final class RequestSignatureVerifier {

    static final String APP_KEY = "X-App-Key";
    static final String TIMESTAMP = "X-Timestamp";
    static final String NONCE = "X-Nonce";
    static final String SIGNATURE = "X-Signature";

    static final Duration MAX_SKEW = Duration.ofSeconds(300);
    private static final int MIN_NONCE = 16;
    private static final int MAX_NONCE = 64;

    private final String appKey;
    private final String appSecret;
    private final SigningScheme scheme;
    private final Clock clock;
    private final Map<String, Instant> recentNonces = new HashMap<>();

    RequestSignatureVerifier(String appKey, String appSecret, Clock clock) {
        this(appKey, appSecret, SigningScheme.HMAC_SHA256, clock);
    }

    RequestSignatureVerifier(String appKey, String appSecret, SigningScheme scheme, Clock clock) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.scheme = scheme;
        this.clock = clock;
    }

    /**
     * Accepts the request or says why not. {@code headers} looks a header up by name (case-insensitive, as HTTP
     * wants) and answers null when it is absent.
     */
    void verify(String method, String path, HeaderLookup headers, byte[] body) throws Rejection {
        String key = required(headers, APP_KEY);
        String timestamp = required(headers, TIMESTAMP);
        String nonce = required(headers, NONCE);
        String signature = required(headers, SIGNATURE);

        if (!appKey.equals(key)) {
            throw Rejection.unauthorized("unknown-app-key", APP_KEY + " '" + key + "' is not issued by this platform");
        }
        Instant now = clock.instant();
        checkTimestamp(timestamp, now);
        if (nonce.length() < MIN_NONCE || nonce.length() > MAX_NONCE) {
            throw Rejection.unauthorized("bad-nonce", NONCE + " must have " + MIN_NONCE + " to " + MAX_NONCE
                    + " characters, it has " + nonce.length());
        }
        String expected = scheme.signature(appSecret, method, path, key, timestamp, nonce, body);
        if (!scheme.matches(expected, signature)) {
            throw Rejection.unauthorized("bad-signature", SIGNATURE + " is not "
                    + scheme.describe(method, path, key, timestamp, nonce, body));
        }
        // Only a correctly signed request uses its nonce up, so garbage cannot lock a client out of a nonce.
        rememberOnce(nonce, now);
    }

    private void checkTimestamp(String timestamp, Instant now) throws Rejection {
        long millis;
        try {
            millis = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw Rejection.unauthorized("bad-timestamp", TIMESTAMP + " '" + timestamp
                    + "' is not milliseconds since the epoch");
        }
        Duration skew = Duration.between(Instant.ofEpochMilli(millis), now).abs();
        if (skew.compareTo(MAX_SKEW) > 0) {
            throw Rejection.unauthorized("stale-timestamp", TIMESTAMP + " " + millis + " is " + skew.toSeconds()
                    + " s away from the platform clock (" + now + "); at most " + MAX_SKEW.toSeconds()
                    + " s is accepted");
        }
    }

    private synchronized void rememberOnce(String nonce, Instant now) throws Rejection {
        // A nonce older than the skew window can go: its timestamp would be refused anyway.
        recentNonces.values().removeIf(seen -> Duration.between(seen, now).compareTo(MAX_SKEW) > 0);
        Instant seen = recentNonces.putIfAbsent(nonce, now);
        if (seen != null) {
            throw Rejection.unauthorized("replayed-nonce", NONCE + " '" + nonce + "' was already used at " + seen);
        }
    }

    private static String required(HeaderLookup headers, String name) throws Rejection {
        String value = headers.first(name);
        if (value == null || value.isBlank()) {
            throw Rejection.unauthorized("missing-header", name + " is missing");
        }
        return value.trim();
    }

    /** Reads one request header; HTTP header names are case-insensitive. */
    @FunctionalInterface
    interface HeaderLookup {
        String first(String name);
    }
}
