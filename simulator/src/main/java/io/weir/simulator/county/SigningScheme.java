package io.weir.simulator.county;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a request (and a webhook) is signed; both carry X-App-Key, X-Timestamp, X-Nonce and X-Signature.
 * <ul>
 * <li>{@link #HMAC_SHA256}: Base64(HMAC-SHA256(appSecret, METHOD\nPATH\nappKey\ntimestamp\nnonce\nhex(SHA-256(body))));
 * <li>{@link #SORTED_MD5}: upper-case hex of MD5(k1=v1&amp;k2=v2...&amp;kn=vn + appSecret) over the parameters
 * appKey, bodyMd5 (lower-case hex MD5 of the body), method, nonce, path, timestamp, sorted by name.
 * </ul>
 */
public enum SigningScheme {
    HMAC_SHA256 {
        @Override
        public String signature(String secret, String method, String path, String appKey, String timestamp,
                String nonce, byte[] body) {
            String toSign = hmacStringToSign(method, path, appKey, timestamp, nonce, body);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }

        @Override
        String describe(String method, String path, String appKey, String timestamp, String nonce, byte[] body) {
            return "Base64(HMAC-SHA256(appSecret, stringToSign)) for stringToSign "
                    + hmacStringToSign(method, path, appKey, timestamp, nonce, body).replace("\n", "\\n");
        }
    },
    SORTED_MD5 {
        @Override
        public String signature(String secret, String method, String path, String appKey, String timestamp,
                String nonce, byte[] body) {
            String toSign = sortedParameters(method, path, appKey, timestamp, nonce, body) + secret;
            return HexFormat.of().withUpperCase().formatHex(digest("MD5", toSign.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        String describe(String method, String path, String appKey, String timestamp, String nonce, byte[] body) {
            return "upper-case hex MD5(sortedParameters + appSecret) for sortedParameters "
                    + sortedParameters(method, path, appKey, timestamp, nonce, body);
        }

        @Override
        boolean matches(String expected, String given) {
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    given.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        }
    };

    /** The X-Signature value for a request. */
    public abstract String signature(String secret, String method, String path, String appKey, String timestamp,
            String nonce, byte[] body);

    /** What the signature should have been computed over, for a 401's detail (never the secret). */
    abstract String describe(String method, String path, String appKey, String timestamp, String nonce, byte[] body);

    boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacStringToSign(String method, String path, String appKey, String timestamp, String nonce,
            byte[] body) {
        return method + "\n" + path + "\n" + appKey + "\n" + timestamp + "\n" + nonce + "\n"
                + HexFormat.of().formatHex(digest("SHA-256", body));
    }

    static String sortedParameters(String method, String path, String appKey, String timestamp, String nonce,
            byte[] body) {
        Map<String, String> params = new TreeMap<>(Map.of("appKey", appKey, "bodyMd5",
                HexFormat.of().formatHex(digest("MD5", body)), "method", method, "nonce", nonce, "path", path,
                "timestamp", timestamp));
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
