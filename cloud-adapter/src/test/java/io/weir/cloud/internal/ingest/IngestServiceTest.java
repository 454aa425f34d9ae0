package io.weir.cloud.internal.ingest;

import static io.weir.cloud.testing.Payloads.LEVEL_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.cloud.CaseMapping;
import io.weir.cloud.internal.cases.CaseRequestFactory;
import io.weir.cloud.internal.gateways.GatewayRegistryService;
import io.weir.cloud.internal.gateways.RegistryTables;
import io.weir.cloud.internal.protocol.MessageParser;
import io.weir.cloud.internal.store.AlarmEventTable;
import io.weir.cloud.internal.store.AlarmTable;
import io.weir.cloud.internal.store.CaseOutboxTable;
import io.weir.cloud.internal.store.Database;
import io.weir.cloud.internal.store.DeadLetterTable;
import io.weir.cloud.internal.store.GatewayTable;
import io.weir.cloud.internal.store.LatestReadingTable;
import io.weir.cloud.internal.deploy.DeployReports;
import io.weir.cloud.internal.deploy.GatewayEventTable;
import io.weir.cloud.internal.store.JdbcQueries;
import io.weir.cloud.internal.store.ReceivedMessageTable;
import io.weir.cloud.internal.store.TelemetryTable;
import io.weir.cloud.query.AlarmStatus;
import io.weir.cloud.query.DeadLetter;
import io.weir.cloud.query.GatewayStatus;
import io.weir.cloud.testing.Payloads;
import io.weir.cloud.testing.TestDatabase;
import io.weir.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Ingest against a real SQLite file and a real PostgreSQL server, without MQTT: one call is one message. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class IngestServiceTest {
    @Parameter
    TestDatabase db;

    private static final String GW = "gw-yx-001";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-21T08:00:10Z"));
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final IngestCounters counters = new IngestCounters();
    private Database database;
    private IngestService ingest;
    private GatewayRegistryService registry;
    private JdbcQueries queries;

    @BeforeEach
    void open() {
        database = Database.open(db.jdbcUrl(dir));
        ObjectMapper json = new ObjectMapper();
        AlarmRecorder alarms = new AlarmRecorder(new AlarmEventTable(), new AlarmTable(), new CaseOutboxTable(),
                new CaseRequestFactory(CaseMapping.defaults()), json);
        MessageWriter writer = new MessageWriter(new ReceivedMessageTable(), new TelemetryTable(), new GatewayTable(),
                alarms, new LatestReadingTable(), new DeployReports(new GatewayEventTable()), json);
        RegistryTables tables = new RegistryTables();
        registry = new GatewayRegistryService(database.transactor(), tables, clock);
        registry.register(GW, "Yuxi", "test");
        ingest = new IngestService(database.transactor(), new MessageParser(), writer, new DeadLetterTable(),
                counters, clock, wakeUps::incrementAndGet, () -> { }, new Gatekeeper(tables, 64 * 1024), tables);
        queries = new JdbcQueries(database.transactor());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static IngestService.Delivery delivery(String kind, String payload) {
        return new IngestService.Delivery("weir/v1/" + GW + "/" + kind, payload.getBytes(StandardCharsets.UTF_8));
    }

    private IngestOutcome send(String kind, String payload) {
        return ingest.ingest("weir/v1/" + GW + "/" + kind, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStrangersMessagesAreCountedAndKeptAsBoundedSamplesAndAnOversizedOneIsNotParsed() {
        String stranger = "gw-stranger";
        String alarm = Payloads.alarm(stranger, 1, Payloads.event(stranger + ":river-level:1", "RED", "RAISED", 1,
                5.0));
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(ingest.ingest("weir/v1/" + stranger + "/alarm", alarm.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(IngestOutcome.QUARANTINED);
        }
        assertThat(queries.caseRequests()).isEmpty();
        assertThat(wakeUps).hasValue(0);
        assertThat(registry.unknown()).singleElement().satisfies(u -> assertThat(u.messages()).isEqualTo(25));
        assertThat(registry.quarantined(stranger, 100)).hasSize(20).allSatisfy(q -> {
            assertThat(q.payloadBytes()).isEqualTo(alarm.length());
            assertThat(q.truncated()).isFalse();
        });
        registry.register(GW, null, "config");
        assertThat(registry.registered()).singleElement().satisfies(g -> assertThat(g.note()).isEqualTo("Yuxi"));

        byte[] huge = ("{\"v\":1,\"gatewayId\":\"" + GW + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ingest.ingest("weir/v1/" + GW + "/telemetry", huge)).isEqualTo(IngestOutcome.REJECTED);
        assertThat(queries.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).contains("over the limit of 65536 bytes");
            assertThat(d.payloadBytes()).isEqualTo(huge.length);
            assertThat(d.truncated()).isTrue();
            assertThat(d.payload()).hasSize(4096);
        });
    }

    @Test
    void storesTelemetryOnceWhateverTheRedeliveries() {
        String batch = Payloads.telemetry(GW, 1042,
                Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.412, "m"),
                Payloads.badReading(Payloads.RAIN_CHANNEL, "2026-11-21T08:00:00Z", "COMM_ERROR"));

        assertThat(send("telemetry", batch)).isEqualTo(IngestOutcome.STORED);
        assertThat(send("telemetry", batch)).isEqualTo(IngestOutcome.DUPLICATE);

        assertThat(queries.readings(GW)).hasSize(2);
        assertThat(queries.readings(GW).get(0).value()).isEqualTo(3.412);
        assertThat(queries.readings(GW).get(1).quality()).isEqualTo("BAD");
        assertThat(counters.stored()).isEqualTo(1);
        assertThat(counters.duplicates()).isEqualTo(1);
        assertThat(queries.gateway(GW)).get().extracting(GatewayStatus::lastSeenAt).isEqualTo(clock.instant());
    }

    @Test
    void theLatestReadingOfAChannelIsTheNewestByTimeNotByArrival() {
        String rain = Payloads.RAIN_CHANNEL;
        // one transaction with the same channel several times (PostgreSQL's rewritten upsert must not see it twice)
        ingest.ingestAll(List.of(
                delivery("telemetry", Payloads.telemetry(GW, 5,
                        Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:05:00Z", 3.5, "m"),
                        Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:04:00Z", 3.4, "m"))),
                delivery("telemetry", Payloads.telemetry(GW, 6,
                        Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:06:00Z", 3.6, "m"),
                        Payloads.reading(rain, "2026-11-21T08:06:00Z", 12.0, "mm")))));
        // a backlog from before the outage arrives afterwards: older, so it changes nothing
        send("telemetry", Payloads.telemetry(GW, 2, Payloads.reading(LEVEL_CHANNEL, "2026-11-21T07:00:00Z", 2.0, "m"),
                Payloads.badReading(rain, "2026-11-21T07:00:00Z", "COMM_ERROR")));
        // the same time again in a later message: the later message wins the tie
        send("telemetry", Payloads.telemetry(GW, 7, Payloads.reading(rain, "2026-11-21T08:06:00Z", 12.2, "mm")));

        assertThat(queries.latestReadings()).extracting(r -> r.channel() + "=" + r.value() + "@" + r.seq())
                .containsExactly(LEVEL_CHANNEL + "=3.6@6", rain + "=12.2@7");
        assertThat(queries.readingCount()).isEqualTo(7);
    }

    @Test
    void alarmEventsArrivingOutOfOrderSettleOnTheLastOne() {
        String alarmId = GW + ":river-level:1";
        send("alarm", Payloads.alarm(GW, 12, Payloads.event(alarmId, "YELLOW", "CLEARED", 3, 3.1)));
        send("alarm", Payloads.alarm(GW, 11, Payloads.event(alarmId, "ORANGE", "ESCALATED", 2, 3.9)));
        send("alarm", Payloads.alarm(GW, 10, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.52)));

        AlarmStatus alarm = queries.alarm(alarmId).orElseThrow();
        assertThat(alarm.lastTransition()).isEqualTo("CLEARED");
        assertThat(alarm.lastAlarmSeq()).isEqualTo(3);
        assertThat(alarm.level()).isEqualTo("YELLOW");
        assertThat(alarm.active()).isFalse();
        assertThat(alarm.raisedAt()).isEqualTo(Instant.parse("2026-11-21T08:01:00Z"));
        assertThat(queries.alarmEvents(alarmId)).extracting(e -> e.transition())
                .containsExactly("RAISED", "ESCALATED", "CLEARED");
        assertThat(queries.caseRequests()).hasSize(1);
    }

    @Test
    void escalationBeforeRaiseStillQueuesExactlyOneCase() {
        String alarmId = GW + ":river-level:2";
        send("alarm", Payloads.alarm(GW, 21, Payloads.event(alarmId, "RED", "ESCALATED", 2, 4.4)));
        send("alarm", Payloads.alarm(GW, 20, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.6)));

        assertThat(queries.caseRequests()).singleElement().satisfies(c -> {
            assertThat(c.alarmId()).isEqualTo(alarmId);
            assertThat(c.requestJson()).contains("\"urgency\":\"URGENT\"").contains("\"idempotencyKey\":\"" + alarmId);
        });
        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void theSameEventInAnotherMessageIsKeptOnce() {
        String alarmId = GW + ":river-level:3";
        send("alarm", Payloads.alarm(GW, 30, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.6)));
        send("alarm", Payloads.alarm(GW, 31, Payloads.event(alarmId, "YELLOW", "RAISED", 1, 3.6),
                Payloads.event(alarmId, "YELLOW", "ACKNOWLEDGED", 2, 3.6)));

        assertThat(queries.alarmEvents(alarmId)).hasSize(2);
        assertThat(queries.alarm(alarmId).orElseThrow().acknowledgedAt()).isNotNull();
        assertThat(queries.caseRequests()).hasSize(1);
    }

    @Test
    void rejectsMalformedAndUnknownVersionIntoTheDeadLetterTable() {
        assertThat(send("telemetry", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":")).isEqualTo(IngestOutcome.REJECTED);
        assertThat(send("alarm", "{\"v\":7,\"gatewayId\":\"gw-yx-001\"}")).isEqualTo(IngestOutcome.REJECTED);
        assertThat(ingest.ingest("weir/v1/" + GW + "/telemetry", new byte[] {(byte) 0xff, 0x00, 0x7b}))
                .isEqualTo(IngestOutcome.REJECTED);

        assertThat(queries.deadLetters()).hasSize(3);
        DeadLetter malformed = queries.deadLetters().stream().filter(d -> d.topic().endsWith("telemetry")
                && d.payloadEncoding().equals("utf-8")).findFirst().orElseThrow();
        assertThat(malformed.reason()).startsWith("field $: not valid JSON");
        assertThat(malformed.payload()).isEqualTo("{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":");
        assertThat(queries.deadLetters()).anySatisfy(d -> assertThat(d.reason())
                .isEqualTo("field v: unsupported version 7; this adapter understands v=1 (and v=2"
                        + " telemetry when gzip-compressed)"));
        assertThat(queries.deadLetters()).anySatisfy(d -> assertThat(d.payloadEncoding()).isEqualTo("base64"));
        assertThat(counters.rejected()).isEqualTo(3);
        assertThat(queries.readingCount()).isZero();
    }

    @Test
    void aBatchCommitsTogetherWithItsDuplicatesAndRejectsSortedOut() {
        String alarmId = GW + ":river-level:4";
        String first = Payloads.telemetry(GW, 2001, Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:00Z", 3.4, "m"));
        String second = Payloads.telemetry(GW, 2002, Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:01Z", 3.5, "m"),
                Payloads.reading(LEVEL_CHANNEL, "2026-11-21T08:00:02Z", 3.6, "m"));
        java.util.function.BiFunction<String, String, IngestService.Delivery> delivery = (kind, payload) ->
                new IngestService.Delivery("weir/v1/" + GW + "/" + kind, payload.getBytes(StandardCharsets.UTF_8));

        assertThat(ingest.ingestAll(java.util.List.of(
                delivery.apply("state", Payloads.birth(GW)),
                delivery.apply("telemetry", first),
                delivery.apply("telemetry", "{\"v\":1,"),
                delivery.apply("alarm", Payloads.alarm(GW, 40, Payloads.event(alarmId, "RED", "RAISED", 1, 4.4))),
                delivery.apply("telemetry", first),
                delivery.apply("telemetry", second))))
                .containsExactly(IngestOutcome.STORED, IngestOutcome.STORED, IngestOutcome.REJECTED,
                        IngestOutcome.STORED, IngestOutcome.DUPLICATE, IngestOutcome.STORED);

        assertThat(queries.readingCount()).isEqualTo(3);
        assertThat(queries.deadLetters()).hasSize(1);
        assertThat(queries.caseRequests()).hasSize(1);
        assertThat(queries.gateway(GW).orElseThrow().online()).isTrue();
        assertThat(queries.gateway(GW).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
        assertThat(wakeUps).hasValue(1);
        // redelivered copies, in another transaction: dropped as duplicates
        assertThat(ingest.ingestAll(java.util.List.of(delivery.apply("telemetry", first),
                delivery.apply("telemetry", second)))).containsOnly(IngestOutcome.DUPLICATE);
        assertThat(queries.readingCount()).isEqualTo(3);
    }

    @Test
    void birthLastWillAndCleanDeathDriveTheOnlineState() {
        send("state", Payloads.birth(GW));
        GatewayStatus online = queries.gateway(GW).orElseThrow();
        assertThat(online.online()).isTrue();
        assertThat(online.siteName()).isEqualTo(Payloads.STATION_NAME);
        assertThat(online.lastSeenAt()).isEqualTo(clock.instant());

        Instant birthSeen = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        send("state", Payloads.lastWill(GW));
        GatewayStatus lost = queries.gateway(GW).orElseThrow();
        assertThat(lost.online()).isFalse();
        assertThat(lost.stateReason()).isEqualTo("connection-lost");
        assertThat(lost.lastSeenAt()).as("a last will is not a sign of life").isEqualTo(birthSeen);
        assertThat(lost.siteName()).isEqualTo(Payloads.STATION_NAME);

        send("state", Payloads.cleanDeath(GW));
        assertThat(queries.gateway(GW).orElseThrow().stateReason()).isEqualTo("shutdown");
        assertThat(queries.gateway(GW).orElseThrow().lastSeenAt()).isEqualTo(clock.instant());
    }
}
