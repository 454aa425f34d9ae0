package io.weir.cloud.sign;

import java.time.Clock;

/** The county platform's signing scheme: requests out and webhooks in are signed the same way. */
public enum SignatureScheme {
    /** appKey + timestamp + nonce + HMAC-SHA256 (the default). */
    HMAC_SHA256,
    /** sorted parameters + secret + MD5. */
    SORTED_MD5;

    public RequestSigner signer(String appKey, String appSecret, Clock clock) {
        return this == HMAC_SHA256 ? new HmacSha256Signer(appKey, appSecret, clock)
                : new SortedMd5Signer(appKey, appSecret, clock);
    }

    /** The X-Signature a request with these parts must carry. */
    public String expectedSignature(String appSecret, String method, String path, String appKey, String timestamp,
                                    String nonce, byte[] body) {
        if (this == SORTED_MD5) {
            return SortedMd5Signer.signature(appSecret, method, path, appKey, timestamp, nonce, body);
        }
        // The HMAC signer with a fixed nonce and a clock stopped at the request's timestamp yields its signature.
        Clock at = Clock.fixed(java.time.Instant.ofEpochMilli(Long.parseLong(timestamp)), java.time.ZoneOffset.UTC);
        return new HmacSha256Signer(appKey, appSecret, at, () -> nonce).sign(method, path, body)
                .get(HmacSha256Signer.SIGNATURE);
    }
}
