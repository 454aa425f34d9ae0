package io.weir.simulator.county;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs requests the way a client of the county platform must (docs/protocol.md, "Signing"), written from the spec. */
final class RequestSigner {

    private final String appKey;
    private final String appSecret;

    RequestSigner(String appKey, String appSecret) {
        this.appKey = appKey;
        this.appSecret = appSecret;
    }

    String appKey() {
        return appKey;
    }

    /** Adds the four signature headers for this method, path and body. */
    HttpRequest.Builder sign(HttpRequest.Builder request, String method, String path, long timestampMillis,
            String nonce, String body) {
        String timestamp = Long.toString(timestampMillis);
        return request
                .header("X-App-Key", appKey)
                .header("X-Timestamp", timestamp)
                .header("X-Nonce", nonce)
                .header("X-Signature", signature(method, path, timestamp, nonce, body));
    }

    String signature(String method, String path, String timestamp, String nonce, String body) {
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            String stringToSign = String.join("\n", method, path, appKey, timestamp, nonce,
                    HexFormat.of().formatHex(bodyHash));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
