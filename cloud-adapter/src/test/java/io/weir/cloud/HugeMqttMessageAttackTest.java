package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.query.DeadLetter;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 14 on MQTT ingest, replayed over a real broker: a huge message killed an MQTT client's
 * receiver thread, and the dead-letter table kept rejected payloads whole (three junk messages, 90 MB). Now the
 * adapter tells the broker the largest packet it takes (MQTT 5 Maximum Packet Size), refuses a payload over its limit
 * unread, keeps only a sample of junk with its size and digest, and goes on ingesting.
 */
class HugeMqttMessageAttackTest {
    private static final String GW = "gw-yx-001";
    private static final int LIMIT = 16 * 1024;

    @TempDir
    Path dir;

    @Test
    void hugeAndMalformedMessagesCostAFewKilobytesAndIngestGoesOn() throws Exception {
        try (AdapterHarness harness = new AdapterHarness(dir, TestDatabase.SQLITE)) {
            CloudAdapterConfig config = harness.config();
            CloudAdapter adapter = harness.start(config.withSecurity(config.security()
                    .withMqtt(config.security().mqtt().withMaxMessageBytes(LIMIT))));
            FakeGateway gateway = harness.gateway(GW);

            gateway.publishRaw("telemetry", junk(8 * 1024 * 1024)); // far past the packet limit: never delivered
            byte[] over = junk(LIMIT + 4096); // past the payload limit, within the packet limit: refused unread
            gateway.publishRaw("telemetry", over);
            gateway.publishRaw("telemetry", ("{\"v\":1,\"gatewayId\":\"" + GW + "\",\"seq\":2,\"readings\":"
                    + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8));
            gateway.publish("telemetry", Payloads.telemetry(GW, 3, Payloads.reading(Payloads.LEVEL_CHANNEL,
                    "2026-11-21T08:00:00Z", 3.2, "m")));

            await().atMost(Duration.ofSeconds(60)).until(() -> adapter.queries().readingCount() == 1);
            assertThat(adapter.isConnected()).isTrue();
            assertThat(adapter.queries().deadLetters()).hasSize(2).allSatisfy(d ->
                    assertThat(d.payload().length()).isLessThanOrEqualTo(4096));
            DeadLetter refused = adapter.queries().deadLetters().stream()
                    .filter(d -> d.reason().contains("over the limit")).findFirst().orElseThrow();
            assertThat(refused.payloadBytes()).isEqualTo(over.length);
            assertThat(refused.truncated()).isTrue();
            assertThat(refused.payloadSha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(over)));
            assertThat(adapter.queries().deadLetters()).anySatisfy(d -> assertThat(d.reason()).contains("nesting"));
        }
    }

    private static byte[] junk(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
