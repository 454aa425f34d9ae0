package io.weir.cloud.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default signer of docs/protocol.md: X-App-Key, X-Timestamp (epoch milliseconds), X-Nonce and
 * X-Signature = Base64(HMAC-SHA256(appSecret, METHOD\nPATH\nappKey\ntimestamp\nnonce\nhex(SHA-256(body)))).
 * The secret stays inside the key spec; {@link #toString()} shows only the app key.
 */
public final class HmacSha256Signer implements RequestSigner {
    public static final String APP_KEY = "X-App-Key";
    public static final String TIMESTAMP = "X-Timestamp";
    public static final String NONCE = "X-Nonce";
    public static final String SIGNATURE = "X-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final String appKey;
    private final SecretKeySpec key;
    private final Clock clock;
    private final Supplier<String> nonces;

    /** Nonces are 32 hex characters from a {@link SecureRandom}. */
    public HmacSha256Signer(String appKey, String appSecret, Clock clock) {
        this(appKey, appSecret, clock, secureNonces(new SecureRandom()));
    }

    public HmacSha256Signer(String appKey, String appSecret, Clock clock, Supplier<String> nonces) {
        this.appKey = Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(appSecret, "appSecret");
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    @Override
    public Map<String, String> sign(String method, String path, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        String nonce = nonces.get();
        String toSign = stringToSign(method, path, appKey, timestamp, nonce, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(APP_KEY, appKey);
        headers.put(TIMESTAMP, timestamp);
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, Base64.getEncoder().encodeToString(hmac(toSign)));
        return headers;
    }

    static String stringToSign(String method, String path, String appKey, String timestamp, String nonce,
                               byte[] body) {
        return method + "\n" + path + "\n" + appKey + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    private byte[] hmac(String toSign) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Supplier<String> secureNonces(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return HEX.formatHex(bytes);
        };
    }

    @Override
    public String toString() {
        return "HmacSha256Signer[appKey=" + appKey + "]";
    }
}
