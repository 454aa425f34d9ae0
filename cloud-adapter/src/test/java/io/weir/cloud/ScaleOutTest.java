package io.weir.cloud;

import static io.weir.cloud.testing.Payloads.LEVEL_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.query.CaseDeliveryStatus;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import io.weir.simulator.county.CountyCase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three adapter instances on one broker (MQTT 5 shared subscription) and one PostgreSQL: every message is
 * processed by exactly one of them, and every alarm gets exactly one case although the events of an alarm are
 * published newest first and spread over the instances.
 */
class ScaleOutTest {
    private static final int INSTANCES = 3;
    private static final int ALARMS = 30;
    private static final int TELEMETRY = 120;

    @TempDir
    Path dir;

    private AdapterHarness harness;

    @BeforeEach
    void start() {
        harness = new AdapterHarness(dir, TestDatabase.POSTGRESQL);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void everyMessageOnceAndEveryAlarmOneCaseAcrossInstances() throws Exception {
        List<CloudAdapter> adapters = new java.util.ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            adapters.add(harness.start(new CloudAdapterConfig(harness.broker.url(), "weir-cloud-" + i, "weir-adapter",
                    harness.jdbcUrl, harness.county.baseUri(), AdapterHarness.APP_KEY, AdapterHarness.APP_SECRET,
                    CaseMapping.defaults(), harness.config().delivery(), "127.0.0.1", 0,
                    io.weir.cloud.sign.SignatureScheme.HMAC_SHA256, DeployOptions.defaults(),
                    harness.config().security())));
        }
        FakeGateway gateway = harness.gateway("gw-a");
        long seq = 1;
        for (int a = 0; a < ALARMS; a++) {
            String alarmId = "gw-a:river-level:" + a;
            // newest first: the clear, then the escalation, then the raise, each its own message
            gateway.publish("alarm", Payloads.alarm("gw-a", seq++, Payloads.event(alarmId, "RED", "CLEARED", 3, 3.1)));
            gateway.publish("alarm", Payloads.alarm("gw-a", seq++, Payloads.event(alarmId, "RED", "ESCALATED", 2, 4.2)));
            gateway.publish("alarm", Payloads.alarm("gw-a", seq++, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.6)));
        }
        for (int t = 0; t < TELEMETRY; t++) {
            gateway.publish("telemetry", Payloads.telemetry("gw-a", seq++,
                    Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.0 + t / 1000.0, "m")));
        }
        // a redelivery of an early message: dropped by whichever instance gets it
        gateway.publish("alarm", Payloads.alarm("gw-a", 1, Payloads.event("gw-a:river-level:0", "RED", "CLEARED", 3,
                3.1)));
        long published = seq;  // seq - 1 distinct messages plus one duplicate

        CloudAdapter any = adapters.get(0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(adapters.stream().mapToLong(a -> a.stats().messagesIngested()).sum()).isEqualTo(published - 1);
            assertThat(adapters.stream().mapToLong(a -> a.stats().duplicatesDropped()).sum()).isEqualTo(1);
            assertThat(any.stats().casesOpened()).isEqualTo(ALARMS);
        });
        assertThat(adapters).as("the shared subscription spreads the load")
                .allSatisfy(a -> assertThat(a.stats().messagesIngested()).isPositive());
        assertThat(any.queries().readingCount()).isEqualTo(TELEMETRY);
        Map<String, Long> casesPerAlarm = harness.county.cases().stream()
                .collect(Collectors.groupingBy(CountyCase::idempotencyKey, Collectors.counting()));
        assertThat(casesPerAlarm).hasSize(ALARMS).allSatisfy((alarm, n) -> assertThat(n).isEqualTo(1));
        assertThat(any.queries().caseRequests()).hasSize(ALARMS)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(CaseDeliveryStatus.SENT));
        for (int a = 0; a < ALARMS; a++) {
            String alarmId = "gw-a:river-level:" + a;
            assertThat(any.queries().alarm(alarmId)).get().satisfies(alarm -> {
                assertThat(alarm.lastTransition()).isEqualTo("CLEARED");
                assertThat(alarm.lastAlarmSeq()).isEqualTo(3);
                assertThat(alarm.raisedAt()).isNotNull();
            });
            assertThat(any.queries().alarmEvents(alarmId)).extracting(e -> e.alarmSeq()).containsExactly(1, 2, 3);
        }
    }
}
