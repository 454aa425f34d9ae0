package io.weir.cloud.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacSha256SignerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_795_852_800_000L), ZoneOffset.UTC);
    private static final String NONCE = "0123456789abcdef0123456789abcdef";
    private static final byte[] BODY = "{\"v\":1,\"idempotencyKey\":\"gw-yx-001:river-level:1\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final HmacSha256Signer signer = new HmacSha256Signer("weir-demo", "s3cret", CLOCK, () -> NONCE);

    @Test
    void signsTheDocumentedStringToSign() throws Exception {
        var headers = signer.sign("POST", "/api/v1/cases", BODY);

        // Written out by hand from docs/protocol.md, not built by the signer's code.
        String bodyHash = hex(MessageDigest.getInstance("SHA-256").digest(BODY));
        String stringToSign = "POST\n/api/v1/cases\nweir-demo\n1795852800000\n" + NONCE + "\n" + bodyHash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

        assertThat(headers).containsEntry("X-App-Key", "weir-demo")
                .containsEntry("X-Timestamp", "1795852800000")
                .containsEntry("X-Nonce", NONCE)
                .containsEntry("X-Signature", expected);
    }

    @Test
    void matchesAVectorComputedWithOpenssl() {
        // Computed outside Java: sha256sum of the body is
        // 25c557bcf7874d3f324ddd62737e1b0eca058e1bfd8a1e8d28902f949e63293b, and
        // printf 'POST\n/api/v1/cases\nweir-demo\n1795852800000\n<nonce>\n<that hash>'
        //     | openssl dgst -sha256 -hmac s3cret -binary | base64
        assertThat(signer.sign("POST", "/api/v1/cases", BODY))
                .containsEntry("X-Signature", "87tdzsLGFSKT3QQ0Amy+fmDeb1Cz7I9Kyq4DLfswqPw=");
    }

    @Test
    void signsAnEmptyBodyWithTheHashOfNothing() {
        String toSign = HmacSha256Signer.stringToSign("GET", "/api/v1/cases", "k", "1", "n", new byte[0]);
        assertThat(toSign).endsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void defaultNoncesAreFreshAndOfTheAllowedLength() {
        HmacSha256Signer real = new HmacSha256Signer("weir-demo", "s3cret", CLOCK);
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            nonces.add(real.sign("POST", "/api/v1/cases", BODY).get("X-Nonce"));
        }
        assertThat(nonces).hasSize(100).allSatisfy(n -> assertThat(n.length()).isBetween(16, 64));
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(signer.toString()).contains("weir-demo").doesNotContain("s3cret");
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }
}
