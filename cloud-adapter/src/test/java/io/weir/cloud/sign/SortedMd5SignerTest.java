package io.weir.cloud.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SortedMd5SignerTest {

    @Test
    void signsTheSortedParametersAndTheSecretWithMd5() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        // md5sum of "appKey=k&bodyMd5=99914b...&method=POST&nonce=n&path=/api/v1/cases&timestamp=1700000000000s"
        assertThat(SortedMd5Signer.signature("s", "POST", "/api/v1/cases", "k", "1700000000000", "n", body))
                .isEqualTo("316901A28F683BBD25FDA5EF4A79C1AA");
    }

    @Test
    void whatItSignsTheVerifierAccepts() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
        byte[] body = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        var headers = new SortedMd5Signer("k", "s", clock).sign("POST", "/hook", body);
        SignatureVerifier verifier = new SignatureVerifier("k", "s", SignatureScheme.SORTED_MD5, clock);

        assertThat(verifier.problem("POST", "/hook", headers::get, body)).isNull();
        assertThat(verifier.problem("POST", "/hook", headers::get, body)).contains("replayed");
        assertThat(new SignatureVerifier("k", "other", SignatureScheme.SORTED_MD5, clock)
                .problem("POST", "/hook", headers::get, body)).isEqualTo("signature does not match");
    }
}
