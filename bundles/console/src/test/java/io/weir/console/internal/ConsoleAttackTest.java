package io.weir.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's attacks on the gateway's console, over real HTTP on loopback: requests are written byte for byte as a
 * browser or an attacker's script would send them, Host and Origin included, which an HTTP client library would not
 * let a test forge.
 */
class ConsoleAttackTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String WRITE = "{\"device\":\"gate-1\",\"point\":\"setpoint\",\"value\":4.5}";

    @TempDir
    Path dir;

    private final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();
    private Path tokenFile;
    private ConsoleServer console;

    @BeforeEach
    void start() throws Exception {
        tokenFile = Files.writeString(dir.resolve("console.token"), "technician " + TOKEN + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
    }

    private ConsoleServer console(int port) {
        LocalApi api = new LocalApi(() -> new HealthReport(1, List.of(), 1, 1, List.of(), List.of(), List.of()));
        api.addCommand("modbus-write", args -> {
            writes.add(args);
            return "{\"result\":\"verified\"}";
        });
        console = new ConsoleServer(new ConsoleOptions("127.0.0.1", port, tokenFile, List.of("gw-test.local"),
                Duration.ofSeconds(1)), api, Clock.systemUTC()).start();
        return console;
    }

    private String host() {
        return "127.0.0.1:" + console.port();
    }

    @Test
    void aForeignOriginOrAForeignHostCannotRunAWriteEvenWithAStolenTokenInTheRequest() throws Exception {
        console(0);

        // the review's request: a page elsewhere posting a simple (text/plain) body, no preflight
        assertThat(send("POST", "/api/commands/modbus-write", Map.of("Host", host(), "Origin", "http://evil.example",
                "Content-Type", "text/plain", "Authorization", "Bearer " + TOKEN), WRITE)).startsWith("415");
        assertThat(send("POST", "/api/commands/modbus-write", Map.of("Host", host(), "Origin", "http://evil.example",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN), WRITE))
                .startsWith("403").contains("cross-origin request refused");
        assertThat(send("POST", "/api/commands/modbus-write", Map.of("Host", host(), "Sec-Fetch-Site", "cross-site",
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN), WRITE)).startsWith("403");
        // DNS rebinding: the attacker's name resolved to the gateway
        assertThat(send("POST", "/api/commands/modbus-write", Map.of("Host", "evil.example:" + console.port(),
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN), WRITE))
                .startsWith("403").contains("not reached by the Host 'evil.example:");
        assertThat(writes).isEmpty();

        assertThat(send("POST", "/api/commands/modbus-write", Map.of("Host", "gw-test.local:" + console.port(),
                "Origin", "http://gw-test.local:" + console.port(), "Content-Type", "application/json; charset=utf-8",
                "Authorization", "Bearer " + TOKEN), WRITE)).startsWith("200").contains("\"ok\":true");
        assertThat(writes).containsExactly(Map.of("device", "gate-1", "point", "setpoint", "value", "4.5"));
    }

    @Test
    void everyRequestNeedsATokenOfTheFileAndReadsToo() throws Exception {
        console(0);

        assertThat(send("GET", "/api/readings", Map.of("Host", host()), null)).startsWith("401")
                .containsIgnoringCase("WWW-Authenticate: Bearer");
        assertThat(send("GET", "/api/readings", Map.of("Host", host(), "Authorization", "Bearer wrong-token-123456"),
                null)).startsWith("401").contains("missing or wrong bearer token");
        assertThat(send("GET", "/api/readings", Map.of("Host", host(), "Authorization", "Bearer " + TOKEN), null))
                .startsWith("200");
    }

    @Test
    void withoutATokenFileNothingIsServedAndARotatedTokenCountsAtOnce() throws Exception {
        Files.delete(tokenFile);
        console(0);

        assertThat(send("GET", "/api/status", Map.of("Host", host(), "Authorization", "Bearer " + TOKEN), null))
                .startsWith("401").contains("no console token: create " + tokenFile);

        String rotated = "fedcba9876543210fedcba9876543210";
        Files.writeString(tokenFile, rotated + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(send("GET", "/api/status", Map.of("Host", host(), "Authorization", "Bearer " + rotated), null))
                .startsWith("200");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        assertThat(send("GET", "/api/status", Map.of("Host", host(), "Authorization", "Bearer " + TOKEN), null))
                .startsWith("401");
    }

    @Test
    void aTakenPortIsReportedAndTheConsoleListensOnceItIsFree() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            console(port);

            assertThat(console.port()).isZero();
            assertThat(console.bindError()).hasValueSatisfying(error -> assertThat(error)
                    .startsWith("cannot listen on 127.0.0.1:" + port));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> console.port() == port);
        assertThat(console.bindError()).isEmpty();
        assertThat(send("GET", "/api/health", Map.of("Host", host(), "Authorization", "Bearer " + TOKEN), null))
                .startsWith("200");
    }

    /** One HTTP/1.1 request written by hand; the answer's status line, headers and body as text. */
    private String send(String method, String path, Map<String, String> headers, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), console.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return answer.substring("HTTP/1.1 ".length());
        }
    }
}
