package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack of issue 14 on the operations API, replayed over real HTTP: an adapter on loopback took three
 * cross-origin {@code text/plain} POSTs (define a group, register a package, start a rollout) and downgraded a live
 * gateway. Now every request needs an operator's token (also on loopback), a Host the adapter answers to, and a
 * change needs a JSON body and no foreign Origin, Referer or Sec-Fetch-Site; nothing changes otherwise.
 */
class CrossSiteWriteAttackTest {
    private static final String EVIL = "http://evil.example";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private AdapterHarness harness;
    private CloudAdapter adapter;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, TestDatabase.SQLITE);
        adapter = harness.start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void theThreeCrossSiteRequestsChangeNothing() throws Exception {
        Path dp = harness.signers.signed(dir, "io.weir.gateway", "1.0.0", "ops");
        String[][] attack = {
            {"PUT", "/api/v1/ops/deploy/groups/north", "{\"gateways\":[\"gw-1\"]}"},
            {"POST", "/api/v1/ops/deploy/packages", "{\"file\":\"" + dp + "\",\"url\":\"https://evil.example/x.dp\"}"},
            {"POST", "/api/v1/ops/deploy/rollouts", "{\"name\":\"io.weir.gateway\",\"version\":\"1.0.0\","
                    + "\"gateway\":\"gw-1\"}"},
        };
        for (String[] request : attack) {
            // what a page on another site can send without asking: no token, text/plain, its own Origin
            assertThat(send(request, builder -> builder.header("Content-Type", "text/plain")
                    .header("Origin", EVIL))).isEqualTo(401);
            // even with the browser's stored credentials, the foreign origin is refused
            assertThat(send(request, builder -> authorized(builder).header("Content-Type", "text/plain")
                    .header("Origin", EVIL))).isEqualTo(403);
            assertThat(send(request, builder -> authorized(builder).header("Content-Type", "application/json")
                    .header("Sec-Fetch-Site", "cross-site"))).isEqualTo(403);
            assertThat(send(request, builder -> authorized(builder).header("Content-Type", "application/json")
                    .header("Referer", EVIL + "/page.html"))).isEqualTo(403);
            // a simple request's content type is refused even without Origin (old browsers, plug-ins)
            assertThat(send(request, builder -> authorized(builder).header("Content-Type", "text/plain")))
                    .isEqualTo(415);
        }
        assertThat(adapter.deployments().groups()).isEmpty();
        assertThat(adapter.deployments().packages()).isEmpty();
        assertThat(adapter.deployments().rollouts()).isEmpty();
    }

    @Test
    void readsNeedTheTokenToAndAForeignHostNameIsRefused() throws Exception {
        for (String path : List.of("/", "/api/v1/ops/gateways", "/api/v1/ops/registry", "/api/v1/ops/quarantine")) {
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(adapter.httpUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(adapter.httpUri().resolve(path))
                    .header("Authorization", "Bearer not-the-token-0123456789").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).as(path).isEqualTo(401);
            assertThat(http.send(AdapterHarness.opsRequest(adapter, path).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(path).isEqualTo(200);
        }
        // a browser's Basic sign-in: the operator's name and token
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + AdapterHarness.OPS_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(http.send(HttpRequest.newBuilder(adapter.httpUri()).header("Authorization", basic).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        String otherName = "Basic " + Base64.getEncoder().encodeToString(("mallory:" + AdapterHarness.OPS_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(http.send(HttpRequest.newBuilder(adapter.httpUri()).header("Authorization", otherName).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // DNS rebinding: evil.example resolved to 127.0.0.1 reaches the port, but its name is not ours
        assertThat(rawStatus("GET / HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer "
                + AdapterHarness.OPS_TOKEN + "\r\nConnection: close\r\n\r\n")).isEqualTo(421);
    }

    @Test
    void anOperatorsJsonRequestGoesThroughAndIsLoggedWithTheirName() throws Exception {
        String[] request = {"PUT", "/api/v1/ops/deploy/groups/north", "{\"gateways\":[\"gw-1\"]}"};
        assertThat(send(request, builder -> authorized(builder).header("Content-Type", "application/json")
                .header("Origin", adapter.httpUri().toString().replaceAll("/$", "")))).isEqualTo(200);
        assertThat(adapter.deployments().groups()).containsKey("north");
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        return builder.header("Authorization", "Bearer " + AdapterHarness.OPS_TOKEN);
    }

    private int send(String[] request, java.util.function.UnaryOperator<HttpRequest.Builder> headers)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(adapter.httpUri().resolve(request[1]))
                .method(request[0], HttpRequest.BodyPublishers.ofString(request[2]));
        return http.send(headers.apply(builder).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A request written by hand: java.net.http will not send another Host than the URI's. */
    private int rawStatus(String request) throws Exception {
        URI uri = adapter.httpUri();
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
