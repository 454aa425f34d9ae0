package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.internal.store.Database;
import io.weir.cloud.internal.store.WebhookNonceTable;
import io.weir.cloud.sign.HmacSha256Signer;
import io.weir.cloud.sign.SignatureScheme;
import io.weir.cloud.sign.SignatureVerifier;
import io.weir.testing.TestClock;
import io.weir.cloud.testing.TestDatabase;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The attacks of issue 14 on the county webhook, replayed: a 600 MB unauthenticated POST ran the adapter out of
 * memory (the body was read before the signature was checked), and a signed webhook was accepted again 310 s after
 * its first use. Against each database, since the nonces are kept there, shared by every instance.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhookAttackTest {
    /** The webhook's path, as the platform signs it. */
    private static final String PATH = "/webhooks/county/case-status";
    private static final byte[] BODY = "{\"v\":1,\"caseId\":\"C-unknown\",\"status\":\"CLOSED\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Parameter
    TestDatabase db;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, db);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void aHugeBodyIsRefusedBeforeItIsRead() throws Exception {
        CloudAdapter adapter = harness.start();
        Map<String, String> signed = sign(Clock.systemUTC(), "nonce-huge-0000000001", BODY);
        // 600 MB announced, nothing sent: refused on the announcement alone
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\n" + headers(signed) + "Content-Length: 629145600\r\nConnection: close\r\n\r\n";
        assertThat(raw(adapter.webhookUri(), head, 0)).startsWith("HTTP/1.1 413").contains("over the limit");
        // the same without a length (chunked): read no further than the limit, then refused
        String chunked = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\n" + headers(sign(Clock.systemUTC(), "nonce-huge-0000000002", BODY))
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        assertThat(raw(adapter.webhookUri(), chunked, 1024 * 1024)).startsWith("HTTP/1.1 413");
        // unsigned: refused on the headers, the body never read
        String unsigned = "POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + "629145600\r\nConnection: close\r\n\r\n";
        assertThat(raw(adapter.webhookUri(), unsigned, 0)).startsWith("HTTP/1.1 401");
        // the adapter is fine: a proper webhook still gets its answer (404: no such case)
        assertThat(post(adapter, sign(Clock.systemUTC(), "nonce-after-00000000003", BODY)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aReplayedWebhookIsRefusedByEveryInstanceAndAfterARestart() throws Exception {
        CloudAdapter first = harness.start();
        Map<String, String> signed = sign(Clock.systemUTC(), "nonce-replay-000000001", BODY);
        assertThat(post(first, signed).statusCode()).isEqualTo(404); // authentic; the case is not ours
        HttpResponse<String> replay = post(first, signed);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).contains("replayed");
        first.close();
        CloudAdapter second = harness.start(harness.config().withClientId("weir-cloud-second"));
        assertThat(post(second, signed).body()).contains("replayed");
    }

    /** The platform's clock 200 s ahead: the request stays acceptable until 500 s after it arrived. */
    @Test
    void aNonceIsKeptAsLongAsItsTimestampIsAcceptable() {
        TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));
        try (Database database = Database.open(db.jdbcUrl(dir.resolve("nonces")))) {
            SignatureVerifier verifier = new SignatureVerifier(AdapterHarness.APP_KEY, AdapterHarness.APP_SECRET,
                    SignatureScheme.HMAC_SHA256, clock, new WebhookNonceTable(database.transactor(), clock));
            Clock platform = Clock.offset(clock, Duration.ofSeconds(200));
            Map<String, String> signed = sign(Clock.fixed(platform.instant(), platform.getZone()),
                    "nonce-skewed-00000001", BODY);
            assertThat(verifier.problem("POST", PATH, signed::get, BODY)).isNull();
            clock.advance(Duration.ofSeconds(310));
            assertThat(verifier.problem("POST", PATH, signed::get, BODY)).contains("replayed");
            clock.advance(Duration.ofSeconds(191));
            assertThat(verifier.problem("POST", PATH, signed::get, BODY)).contains("timestamp");
        }
    }

    private static Map<String, String> sign(Clock clock, String nonce, byte[] body) {
        return new HmacSha256Signer(AdapterHarness.APP_KEY, AdapterHarness.APP_SECRET, clock, () -> nonce)
                .sign("POST", PATH, body);
    }

    private static String headers(Map<String, String> signed) {
        StringBuilder lines = new StringBuilder();
        signed.forEach((name, value) -> lines.append(name).append(": ").append(value).append("\r\n"));
        return lines.toString();
    }

    private HttpResponse<String> post(CloudAdapter adapter, Map<String, String> signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(adapter.webhookUri())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(BODY));
        signed.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code head}, then up to {@code chunkBytes} of junk as one chunk (0: none), and reads the answer. */
    private static String raw(URI uri, String head, int chunkBytes) throws Exception {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            if (chunkBytes > 0) {
                try {
                    socket.getOutputStream().write((Integer.toHexString(chunkBytes) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(new byte[chunkBytes]);
                } catch (java.io.IOException refusedMidway) {
                    // the adapter answered and closed before taking it all: that is the point
                }
            }
            socket.getOutputStream().flush();
            return response(socket.getInputStream());
        }
    }

    /** The status line, headers and body of one response; the connection may stay open, so no reading to its end. */
    private static String response(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }
}
