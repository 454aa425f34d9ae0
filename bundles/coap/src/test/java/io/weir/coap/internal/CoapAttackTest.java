package io.weir.coap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.weir.api.security.LogThrottle;
import io.weir.testing.TestClock;

/**
 * The review's CoAP findings, replayed: a report too large for the gateway sent in blocks (which Californium refuses
 * before the handler sees it, so the oversized counter stayed 0), and a flood of unknown identities (a log line
 * each, unthrottled).
 */
class CoapAttackTest {

    private static final String KEY = "cover-1-secret-key";

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:00Z"));

    @Test
    void aReportTooLargeIsRefusedAndCountedWhetherInOneDatagramOrInBlocks() throws Exception {
        var registry = new DeviceRegistry(clock);
        registry.put(Devices.cover("cover-1", KEY));
        var server = new CoapServerComponent(new ServerOptions("127.0.0.1", 0, -1, 512, 100, 3, Duration.ofHours(1),
                64, 2), registry, data, clock, Executors.newSingleThreadScheduledExecutor());
        server.start();
        try (var cover = TestDevice.dtls(server.secureAddress(), "cover-1", KEY)) {
            String oneDatagram = "[" + "{\"n\":\"bat\",\"v\":1},".repeat(40) + "{\"n\":\"bat\",\"v\":1}]";
            String inBlocks = "[" + "{\"n\":\"bat\",\"v\":1},".repeat(400) + "{\"n\":\"bat\",\"v\":1}]";
            assertThat(oneDatagram.length()).isBetween(513, 1000);
            assertThat(inBlocks.length()).isGreaterThan(4000); // more than one datagram: the client sends blocks

            Response single = cover.post(oneDatagram);
            long afterSingle = server.counters().oversized.get();
            Response blocks = cover.post(inBlocks.getBytes(StandardCharsets.UTF_8), SenmlParser.SENML_JSON);

            assertThat(single.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
            assertThat(blocks.getCode()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
            // every refused request counts (Californium's client tries a refused one again in blocks)
            assertThat(afterSingle).isPositive();
            assertThat(server.counters().oversized.get()).isGreaterThan(afterSingle);
            assertThat(server.statusJson()).contains("\"oversized\":" + server.counters().oversized.get());
        } finally {
            server.stop();
        }
    }

    @Test
    void aFloodOfUnknownIdentitiesIsCountedInFullAndLoggedOnceAMinute() {
        var counters = new Counters();
        List<String> lines = new CopyOnWriteArrayList<>();
        var store = new RegistryPskStore(new DeviceRegistry(clock), counters,
                new LogThrottle(clock, Duration.ofMinutes(1)), lines::add);

        for (int i = 0; i < 1000; i++) {
            store.requestPskSecretResult(ConnectionId.EMPTY, null, new PskPublicInformation("stranger-" + i),
                    "HmacSHA256", null, null, false);
        }
        clock.advance(Duration.ofMinutes(1));
        store.requestPskSecretResult(ConnectionId.EMPTY, null, new PskPublicInformation("stranger-\u0007x"),
                "HmacSHA256", null, null, false);

        assertThat(counters.unknownIdentity.get()).isEqualTo(1001);
        assertThat(lines).containsExactly(
                "DTLS handshake refused: unknown PSK identity 'stranger-0'; all are counted as unknownIdentity",
                "DTLS handshake refused: unknown PSK identity 'stranger-?x' (999 more like it held back); all are"
                        + " counted as unknownIdentity");
    }
}
