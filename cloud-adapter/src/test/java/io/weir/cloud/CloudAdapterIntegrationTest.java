package io.weir.cloud;

import static io.weir.cloud.testing.Payloads.LEVEL_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.weir.cloud.query.AlarmStatus;
import io.weir.cloud.query.CaseDeliveryStatus;
import io.weir.cloud.query.CaseRequest;
import io.weir.cloud.testing.FakeGateway;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import io.weir.simulator.county.CountyCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapter end to end against a real MQTT broker, the county platform simulator and each database (SQLite, PostgreSQL), with a Paho
 * v3 client standing in for a gateway.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CloudAdapterIntegrationTest {
    @Parameter
    TestDatabase db;

    private static final String GW = "gw-yx-001";

    @TempDir
    Path dir;

    private AdapterHarness harness;

    @BeforeEach
    void startInfrastructure() {
        harness = new AdapterHarness(dir, db);
    }

    @AfterEach
    void stopInfrastructure() throws Exception {
        harness.close();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }

    private static String reading(long seq) {
        return Payloads.telemetry(GW, seq, Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.0 + seq / 100.0,
                "m"));
    }

    @Test
    void storesTelemetry() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);

        gateway.publish("telemetry", Payloads.telemetry(GW, 1042,
                Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.412, "m"),
                Payloads.badReading(Payloads.RAIN_CHANNEL, "2026-11-21T08:00:00Z", "COMM_ERROR")));

        eventually().untilAsserted(() -> assertThat(adapter.queries().readings(GW)).hasSize(2));
        assertThat(adapter.queries().readings(GW).get(0).value()).isEqualTo(3.412);
        assertThat(adapter.queries().readings(GW).get(1).reason()).isEqualTo("COMM_ERROR");
        assertThat(adapter.stats().messagesIngested()).isEqualTo(1);
        assertThat(adapter.queries().gateway(GW)).get().satisfies(g -> assertThat(g.lastSeenAt()).isNotNull());
    }

    @Test
    void storesCompactTelemetryAndKeepsACorruptOneAsADeadLetter() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        byte[] compact = Payloads.compactTelemetry(GW, 1042, "2026-11-21T08:00:00Z",
                Payloads.series(LEVEL_CHANNEL, "m", 3, List.of(0, 3.412, 0), List.of(1000, 3.415, 0)),
                Payloads.series(Payloads.RAIN_CHANNEL, "mm", null, Arrays.asList(0, null, 2, "COMM_ERROR")));
        byte[] corrupt = Payloads.compactTelemetry(GW, 1043, "2026-11-21T08:00:02Z",
                Payloads.series(LEVEL_CHANNEL, "m", 3, List.of(0, 3.42, 0)));
        corrupt = Arrays.copyOf(corrupt, corrupt.length - 6); // cut off in transit: its checksum and length are gone

        gateway.publishRaw("telemetry", compact);
        gateway.publishRaw("telemetry", corrupt);

        eventually().untilAsserted(() -> {
            assertThat(adapter.queries().readings(GW)).hasSize(3);
            assertThat(adapter.stats().messagesRejected()).isEqualTo(1);
        });
        assertThat(adapter.queries().readings(GW)).extracting(r -> r.ts().toString(), r -> r.value(), r -> r.reason())
                .containsExactlyInAnyOrder(tuple("2026-11-21T08:00:00Z", 3.412, null),
                        tuple("2026-11-21T08:00:01Z", 3.415, null), tuple("2026-11-21T08:00:00Z", null, "COMM_ERROR"));
        assertThat(adapter.stats().messagesIngested()).isEqualTo(1);
        assertThat(adapter.queries().deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).startsWith("field $: corrupt gzip payload");
            assertThat(d.payloadEncoding()).isEqualTo("base64");
        });
    }

    @Test
    void theSameSeqPublishedTwiceIsStoredOnce() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);

        gateway.publish("telemetry", reading(7));
        gateway.publish("telemetry", reading(7));
        gateway.publish("telemetry", reading(8));

        eventually().untilAsserted(() -> {
            assertThat(adapter.stats().duplicatesDropped()).isEqualTo(1);
            assertThat(adapter.stats().messagesIngested()).isEqualTo(2);
        });
        assertThat(adapter.queries().readings(GW)).extracting(r -> r.seq()).containsExactly(7L, 8L);
    }

    @Test
    void anAlarmRaisedEscalatedAndClearedOpensExactlyOneCase() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:1";

        gateway.publish("alarm", Payloads.alarm(GW, 10, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.52)));
        gateway.publish("alarm", Payloads.alarm(GW, 11, Payloads.event(alarmId, "RED", "ESCALATED", 2, 4.1)));
        gateway.publish("alarm", Payloads.alarm(GW, 12, Payloads.event(alarmId, "RED", "CLEARED", 3, 3.2)));

        eventually().untilAsserted(() -> {
            assertThat(adapter.queries().alarm(alarmId)).get().extracting(AlarmStatus::lastTransition)
                    .isEqualTo("CLEARED");
            assertThat(adapter.queries().caseRequest(alarmId)).get().extracting(CaseRequest::status)
                    .isEqualTo(CaseDeliveryStatus.SENT);
            // the escalation updated the case, the clear added a recovery note (no close request by default)
            assertThat(harness.county.activities()).extracting(a -> a.kind()).containsExactly("UPDATE", "NOTE");
        });
        assertThat(harness.county.cases()).singleElement().satisfies(c -> {
            assertThat(c.idempotencyKey()).isEqualTo(alarmId);
            assertThat(c.caseType()).isEqualTo("EVENT");
            assertThat(c.largeClass()).isEqualTo("04");
            assertThat(c.smallClass()).isEqualTo("0401");
            assertThat(c.urgency()).isEqualTo("URGENT");
            assertThat(c.title()).isEqualTo("River level RED at " + Payloads.STATION_NAME);
            assertThat(c.description()).contains("4.1").contains("3.5").contains(LEVEL_CHANNEL);
            assertThat(c.status()).isEqualTo("REGISTERED");
            assertThat(c.longitude()).isEqualTo(Payloads.LONGITUDE);
            assertThat(c.latitude()).isEqualTo(Payloads.LATITUDE);
            assertThat(c.address()).isEqualTo(Payloads.STATION_NAME + " (" + Payloads.STATION + ")");
            assertThat(c.department()).isEqualTo("water-resources");
        });
        CountyCase opened = harness.county.cases().get(0);
        // the adapter records the case once the platform's answer is back, a moment after the platform has it
        eventually().untilAsserted(() -> {
            assertThat(adapter.queries().caseRequest(alarmId).orElseThrow().caseId()).isEqualTo(opened.caseId());
            assertThat(adapter.stats().casesOpened()).isEqualTo(1);
        });
        assertThat(adapter.queries().alarmEvents(alarmId)).hasSize(3);
    }

    @Test
    void aDuplicatedRaiseStillOpensOneCase() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:2";
        String raised = Payloads.alarm(GW, 20, Payloads.event(alarmId, "ORANGE", "RAISED", 1, 3.8));

        gateway.publish("alarm", raised);
        gateway.publish("alarm", raised);
        // the same event again under a new message seq, as after a gateway store rebuild
        gateway.publish("alarm", Payloads.alarm(GW, 21, Payloads.event(alarmId, "ORANGE", "RAISED", 1, 3.8)));
        String sentinel = GW + ":river-level:sentinel";
        gateway.publish("alarm", Payloads.alarm(GW, 22, Payloads.event(sentinel, "BLUE", "RAISED", 1, 3.51)));

        eventually().untilAsserted(() -> assertThat(adapter.stats().casesOpened()).isEqualTo(2));
        assertThat(adapter.stats().duplicatesDropped()).isEqualTo(1);
        assertThat(adapter.queries().caseRequest(alarmId).orElseThrow().attempts()).isEqualTo(1);
        assertThat(harness.county.cases()).filteredOn(c -> c.idempotencyKey().equals(alarmId)).singleElement()
                .satisfies(c -> assertThat(c.urgency()).isEqualTo("URGENT"));
    }

    @Test
    void eventsArrivingOutOfOrderEndInTheRightState() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:3";

        gateway.publish("alarm", Payloads.alarm(GW, 32, Payloads.event(alarmId, "ORANGE", "DEESCALATED", 3, 3.7)));
        gateway.publish("alarm", Payloads.alarm(GW, 31, Payloads.event(alarmId, "RED", "ESCALATED", 2, 4.2)));
        gateway.publish("alarm", Payloads.alarm(GW, 30, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.55)));

        eventually().untilAsserted(() -> assertThat(adapter.queries().alarmEvents(alarmId)).hasSize(3));
        AlarmStatus alarm = adapter.queries().alarm(alarmId).orElseThrow();
        assertThat(alarm.lastTransition()).isEqualTo("DEESCALATED");
        assertThat(alarm.level()).isEqualTo("ORANGE");
        assertThat(alarm.lastAlarmSeq()).isEqualTo(3);
        assertThat(alarm.active()).isTrue();
        assertThat(alarm.raisedAt()).isNotNull();
        eventually().untilAsserted(() -> assertThat(harness.county.cases()).hasSize(1));
    }

    @Test
    void aDeviceFaultOpensAComponentCase() throws Exception {
        CaseMapping mapping = new CaseMapping(CaseClass.defaultEvent(),
                new CaseClass("COMPONENT", "01", "0107", "facility-maintenance", 48));
        CloudAdapter adapter = harness.start(harness.config().withCaseMapping(mapping));
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":radar-comm-fault:1";

        gateway.publish("alarm", Payloads.alarm(GW, 40, Payloads.faultEvent(alarmId, "RAISED", 1)));

        eventually().untilAsserted(() -> assertThat(harness.county.cases()).hasSize(1));
        CountyCase opened = harness.county.cases().get(0);
        assertThat(opened.caseType()).isEqualTo("COMPONENT");
        assertThat(opened.largeClass()).isEqualTo("01");
        assertThat(opened.smallClass()).isEqualTo("0107");
        assertThat(opened.timeLimitHours()).isEqualTo(48);
        eventually().untilAsserted(() -> assertThat(adapter.stats().casesOpened()).isEqualTo(1));
    }

    @Test
    void aCaseWaitsWhileTheCountyIsDownAndIsDeliveredWhenItIsBack() throws Exception {
        harness.county.setAvailable(false);
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:4";

        gateway.publish("alarm", Payloads.alarm(GW, 50, Payloads.event(alarmId, "RED", "RAISED", 1, 4.5)));

        eventually().untilAsserted(() -> assertThat(adapter.queries().caseRequest(alarmId)).get()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(CaseDeliveryStatus.PENDING);
                    assertThat(c.attempts()).isGreaterThanOrEqualTo(2);
                    assertThat(c.lastError()).contains("HTTP 503");
                }));
        assertThat(adapter.stats().casesPending()).isEqualTo(1);
        assertThat(harness.county.cases()).isEmpty();

        harness.county.setAvailable(true);

        eventually().untilAsserted(() -> assertThat(adapter.stats().casesOpened()).isEqualTo(1));
        assertThat(adapter.stats().casesPending()).isZero();
        assertThat(harness.county.cases()).singleElement()
                .satisfies(c -> assertThat(c.idempotencyKey()).isEqualTo(alarmId));
    }

    @Test
    void aRestartOverTheSameDatabaseResumesWithoutDuplicates() throws Exception {
        harness.county.setAvailable(false);
        CloudAdapter first = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String alarmId = GW + ":river-level:5";

        gateway.publish("alarm", Payloads.alarm(GW, 60, Payloads.event(alarmId, "RED", "RAISED", 1, 4.5)));
        gateway.publish("telemetry", reading(61));
        eventually().untilAsserted(() -> {
            assertThat(first.queries().readings(GW)).hasSize(1);
            assertThat(first.queries().caseRequest(alarmId)).get()
                    .satisfies(c -> assertThat(c.attempts()).isPositive());
        });
        first.close();

        // while the adapter is away the broker keeps its session and queues for it
        gateway.publish("telemetry", reading(62));
        harness.county.setAvailable(true);
        CloudAdapter second = harness.start();

        eventually().untilAsserted(() -> {
            assertThat(second.queries().readings(GW)).extracting(r -> r.seq()).containsExactly(61L, 62L);
            assertThat(second.stats().casesOpened()).isEqualTo(1);
        });
        gateway.publish("telemetry", reading(61));
        eventually().untilAsserted(() -> assertThat(second.stats().duplicatesDropped()).isEqualTo(1));
        assertThat(second.queries().readings(GW)).hasSize(2);
        assertThat(harness.county.cases()).singleElement()
                .satisfies(c -> assertThat(c.idempotencyKey()).isEqualTo(alarmId));
    }

    @Test
    void malformedPayloadsAndUnknownVersionsAreRejectedWithAReasonAndNothingIsLost() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        String malformed = "{\"v\":1,\"gatewayId\":\"" + GW + "\",\"seq\":70,";
        String future = "{\"v\":2,\"gatewayId\":\"" + GW + "\",\"seq\":71,\"batch\":[]}";

        gateway.publishRaw("telemetry", malformed.getBytes(StandardCharsets.UTF_8));
        gateway.publishRaw("alarm", future.getBytes(StandardCharsets.UTF_8));
        gateway.publish("telemetry", reading(72));

        eventually().untilAsserted(() -> {
            assertThat(adapter.stats().messagesRejected()).isEqualTo(2);
            assertThat(adapter.queries().readings(GW)).hasSize(1);
        });
        assertThat(adapter.queries().deadLetters()).hasSize(2)
                .anySatisfy(d -> {
                    assertThat(d.topic()).isEqualTo(FakeGateway.topic(GW, "telemetry"));
                    assertThat(d.reason()).startsWith("field $: not valid JSON");
                    assertThat(d.payload()).isEqualTo(malformed);
                })
                .anySatisfy(d -> {
                    assertThat(d.topic()).isEqualTo(FakeGateway.topic(GW, "alarm"));
                    assertThat(d.reason()).isEqualTo("field v: unsupported version 2; this adapter understands v=1 (and v=2"
                            + " telemetry when gzip-compressed)");
                    assertThat(d.payload()).isEqualTo(future);
                });
    }

    @Test
    void aMessageTheDatabaseCannotTakeYetIsRetriedUntilItCommits() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        try (Connection sql = DriverManager.getConnection(harness.jdbcUrl)) {
            sql.createStatement().execute("ALTER TABLE telemetry RENAME TO telemetry_parked");
            gateway.publish("telemetry", reading(90));
            eventually().untilAsserted(() -> assertThat(adapter.stats().storeFailures()).isPositive());
            sql.createStatement().execute("ALTER TABLE telemetry_parked RENAME TO telemetry");
        }

        eventually().untilAsserted(() -> assertThat(adapter.queries().readings(GW)).hasSize(1));
        assertThat(adapter.stats().messagesIngested()).isEqualTo(1);
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterItsTransactionCommitted() throws Exception {
        CloudAdapter first = harness.start();
        FakeGateway gateway = harness.gateway(GW);
        try (Connection sql = DriverManager.getConnection(harness.jdbcUrl)) {
            sql.createStatement().execute("ALTER TABLE telemetry RENAME TO telemetry_parked");
            gateway.publish("telemetry", reading(91));
            eventually().untilAsserted(() -> assertThat(first.stats().storeFailures()).isPositive());
            // the adapter stops while the message is still uncommitted, hence unacknowledged
            first.close();
            sql.createStatement().execute("ALTER TABLE telemetry_parked RENAME TO telemetry");
        }

        CloudAdapter second = harness.start();

        eventually().untilAsserted(() -> assertThat(second.queries().readings(GW)).extracting(r -> r.seq())
                .containsExactly(91L));
        assertThat(second.stats().duplicatesDropped()).isZero();
    }

    @Test
    void birthAndLastWillSetTheGatewayOnlineAndOffline() throws Exception {
        CloudAdapter adapter = harness.start();
        FakeGateway gateway = harness.gateway(GW);

        gateway.publish("state", Payloads.birth(GW));
        eventually().untilAsserted(() -> assertThat(adapter.queries().gateway(GW)).get()
                .satisfies(g -> assertThat(g.online()).isTrue()));
        assertThat(adapter.queries().gateway(GW).orElseThrow().stationCode()).isEqualTo(Payloads.STATION);

        gateway.dropConnection();
        eventually().untilAsserted(() -> assertThat(adapter.queries().gateway(GW)).get().satisfies(g -> {
            assertThat(g.online()).isFalse();
            assertThat(g.stateReason()).isEqualTo("connection-lost");
        }));

        FakeGateway back = harness.gateway(GW);
        back.publish("state", Payloads.birth(GW));
        eventually().untilAsserted(() -> assertThat(adapter.queries().gateway(GW).orElseThrow().online()).isTrue());
        back.publish("state", Payloads.cleanDeath(GW));
        eventually().untilAsserted(() -> assertThat(adapter.queries().gateway(GW).orElseThrow().stateReason())
                .isEqualTo("shutdown"));
    }

    @Test
    void aSharedSubscriptionGroupReceivesTheSameMessages() throws Exception {
        CloudAdapter adapter = harness.start(harness.config().withSharedSubscriptionGroup("weir-adapter"));
        FakeGateway gateway = harness.gateway(GW);

        assertThat(adapter.topicFilters()).allSatisfy(f -> assertThat(f).startsWith("$share/weir-adapter/weir/v1/+/"));
        gateway.publish("telemetry", reading(80));

        eventually().untilAsserted(() -> assertThat(adapter.queries().readings(GW)).hasSize(1));
    }
}
