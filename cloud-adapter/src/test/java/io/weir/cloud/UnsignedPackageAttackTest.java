package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.testing.SignedPackages;
import io.weir.cloud.testing.TestDatabase;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 14 on package registration, replayed over the REST API: an unsigned package registered at the
 * cloud with 201, ready to be pushed. Now the adapter checks every package against its own trusted signers, as a
 * gateway will, and answers 422 with the reason; nothing is registered.
 */
class UnsignedPackageAttackTest {
    private static final String URL = "https://packages.county.example/x.dp";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, TestDatabase.SQLITE);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void onlyPackagesSignedForCodeByATrustedSignerAreRegistered() throws Exception {
        SignedPackages keys = harness.signers;
        Path plain = keys.signed(dir.resolve("plain"), "io.weir.gateway", "1.1.0", "plain"); // before the adapter reads
        CloudAdapter adapter = harness.start();                                             // its trusted signers
        Path signed = keys.signed(dir.resolve("ok"), "io.weir.gateway", "1.1.0", "ops");
        Path tampered = dir.resolve("tampered.dp");
        byte[] bytes = Files.readAllBytes(signed);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(tampered, bytes);

        assertRefused(adapter, register(SignedPackages.unsigned(dir.resolve("unsigned"), "io.weir.gateway", "1.1.0")),
                "UNSIGNED");
        assertRefused(adapter, register(keys.signed(dir.resolve("rogue"), "io.weir.gateway", "1.1.0", "rogue")),
                "UNTRUSTED");
        // refused by the adapter's own check, or already by the package verifier (where it checks the usage too)
        assertThat(refusal(adapter, register(plain)).path("reason").asText())
                .isIn("NOT_FOR_CODE_SIGNING", "UNTRUSTED");
        assertRefused(adapter, register(tampered), null);
        assertRefused(adapter, register(bomb()), "TOO_LARGE");
        assertRefused(adapter, "{\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\",\"url\":\"" + URL
                + "\",\"sha256\":\"" + "ab".repeat(32) + "\"}", "NO_FILE");
        assertThat(adapter.deployments().packages()).isEmpty();

        HttpResponse<String> ok = post(adapter, register(signed));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        assertThat(adapter.deployments().packages()).singleElement()
                .satisfies(p -> assertThat(p.version()).isEqualTo("1.1.0"));
    }

    @Test
    void withoutTrustedSignersNothingIsRegistered() throws Exception {
        CloudAdapter adapter = harness.start(harness.config().withSecurity(harness.config().security()
                .withTrustedSigners(null)));
        assertRefused(adapter, register(harness.signers.signed(dir, "io.weir.gateway", "1.1.0", "ops")),
                "NO_TRUSTED_SIGNERS");
    }

    private void assertRefused(CloudAdapter adapter, String body, String reason) throws Exception {
        JsonNode answer = refusal(adapter, body);
        if (reason != null) {
            assertThat(answer.path("reason").asText()).as(answer.toString()).isEqualTo(reason);
        }
    }

    /** The 422 answer to a registration. */
    private JsonNode refusal(CloudAdapter adapter, String body) throws Exception {
        HttpResponse<String> reply = post(adapter, body);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(422);
        JsonNode answer = json.readTree(reply.body());
        assertThat(answer.path("error").asText()).isEqualTo("package-refused");
        return answer;
    }

    private HttpResponse<String> post(CloudAdapter adapter, String body) throws Exception {
        return http.send(AdapterHarness.opsRequest(adapter, "/api/v1/ops/deploy/packages")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String register(Path file) {
        return "{\"file\":\"" + file + "\",\"url\":\"" + URL + "\"}";
    }

    /** A few kilobytes whose manifest inflates to 64 MiB. */
    private Path bomb() throws Exception {
        Path file = dir.resolve("bomb.dp");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\r\nX-Junk: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] zeros = new byte[1024 * 1024];
            java.util.Arrays.fill(zeros, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(file)).isLessThan(1024 * 1024);
        return file;
    }
}
