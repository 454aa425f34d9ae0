package io.weir.cloud.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The alternative signer of docs/protocol.md: sorted parameters + secret + MD5. X-Signature is the upper-case hex
 * of MD5(k1=v1&amp;...&amp;kn=vn + appSecret) over appKey, bodyMd5 (lower-case hex MD5 of the body), method, nonce,
 * path and timestamp, sorted by name. MD5 is what such platforms ask for, not a choice: prefer HMAC-SHA256 where
 * the platform offers it.
 */
public final class SortedMd5Signer implements RequestSigner {
    private static final HexFormat HEX = HexFormat.of();

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SortedMd5Signer(String appKey, String appSecret, Clock clock) {
        this.appKey = Objects.requireNonNull(appKey, "appKey");
        this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, String> sign(String method, String path, byte[] body) {
        String timestamp = Long.toString(clock.millis());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HEX.formatHex(nonceBytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HmacSha256Signer.APP_KEY, appKey);
        headers.put(HmacSha256Signer.TIMESTAMP, timestamp);
        headers.put(HmacSha256Signer.NONCE, nonce);
        headers.put(HmacSha256Signer.SIGNATURE, signature(appSecret, method, path, appKey, timestamp, nonce, body));
        return headers;
    }

    static String signature(String secret, String method, String path, String appKey, String timestamp,
                            String nonce, byte[] body) {
        return HexFormat.of().withUpperCase().formatHex(md5((sortedParameters(method, path, appKey, timestamp, nonce,
                body) + secret).getBytes(StandardCharsets.UTF_8)));
    }

    static String sortedParameters(String method, String path, String appKey, String timestamp, String nonce,
                                   byte[] body) {
        Map<String, String> params = new TreeMap<>(Map.of("appKey", appKey, "bodyMd5", HEX.formatHex(md5(body)),
                "method", method, "nonce", nonce, "path", path, "timestamp", timestamp));
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SortedMd5Signer[appKey=" + appKey + "]";
    }
}
