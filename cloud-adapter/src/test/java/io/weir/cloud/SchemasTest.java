package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.cloud.testing.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/schemas accept the examples of docs/protocol.md and refuse what the protocol forbids. */
class SchemasTest {
    private static final String SITE = "\"site\":{\"stationCode\":\"62001200\",\"name\":\"Yuxi River Station\","
            + "\"latitude\":30.2741,\"longitude\":120.1551}";
    private static final String BIRTH = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":true,"
            + "\"ts\":\"2026-11-21T08:00:00Z\",\"runtime\":{\"weir\":\"0.1.0\",\"framework\":\"org.eclipse.osgi 3.24.300\"},"
            + SITE + ",\"profiles\":[\"hlk-ld8001h\",\"rs485-tipping-bucket\"]}";
    private static final String TELEMETRY = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1042,"
            + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"readings\":["
            + "{\"channel\":\"62001200/radar-1/water_level\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":3.412,"
            + "\"unit\":\"m\",\"quality\":\"GOOD\"},"
            + "{\"channel\":\"62001200/rain-1/rain_counter\",\"ts\":\"2026-11-21T08:00:00Z\",\"value\":12.4,"
            + "\"unit\":\"mm\",\"quality\":\"BAD\",\"reason\":\"COMM_ERROR\"}]}";
    /** The example of docs/protocol.md, "compact telemetry", before gzip. */
    private static final String TELEMETRY_COMPACT = "{\"v\":2,\"gatewayId\":\"gw-yx-001\",\"seq\":1042,"
            + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"t0\":\"2026-11-21T08:00:00Z\",\"series\":["
            + "{\"channel\":\"62001200/radar-1/water_level\",\"unit\":\"m\",\"decimals\":3,"
            + "\"rows\":[[0,3.412,0],[1000,3.415,0],[2000.5,3.42,1,\"CLOCK_UNSYNCED\"]]},"
            + "{\"channel\":\"62001200/rain-1/rain_counter\",\"unit\":\"mm\",\"rows\":[[0,null,2,\"COMM_ERROR\"]]}]}";
    private static final String ALARM = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1043,"
            + "\"sentAt\":\"2026-11-21T08:00:05Z\",\"events\":[{\"alarmId\":\"gw-yx-001:river-level:1\","
            + "\"ruleId\":\"river-level\",\"channels\":[\"62001200/radar-1/water_level\"],\"level\":\"YELLOW\","
            + "\"transition\":\"RAISED\",\"value\":3.52,\"threshold\":3.5,\"alarmSeq\":1,"
            + "\"ts\":\"2026-11-21T08:00:00Z\"," + SITE + "}]}";

    private static final String EVENT = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1044,"
            + "\"sentAt\":\"2026-11-21T09:00:05Z\",\"events\":[{\"type\":\"STORE_TELEMETRY_EVICTED\","
            + "\"ts\":\"2026-11-21T09:00:00Z\",\"since\":\"2026-11-21T08:00:00Z\",\"records\":1200,"
            + "\"bytes\":180000,\"capBytes\":536870912,\"evictedTotal\":5000}]}";
    private static final String DEPLOY_EVENT = "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"seq\":1045,"
            + "\"sentAt\":\"2026-11-21T09:00:05Z\",\"events\":[{\"type\":\"DEPLOY_FAILED\","
            + "\"ts\":\"2026-11-21T09:00:00Z\",\"source\":\"deploy\",\"jobId\":\"ro-1a2b3c-1\","
            + "\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\",\"step\":\"SIGNATURE\","
            + "\"reason\":\"package is not signed\"}]}";
    private static final String ALARM_ACK = "{\"v\":1,\"requestId\":\"C20261121-0001:DISPATCHED\","
            + "\"expiresAt\":\"2026-11-22T08:05:00Z\","
            + "\"alarmId\":\"gw-yx-001:river-level:1\",\"caseId\":\"C20261121-0001\",\"status\":\"DISPATCHED\","
            + "\"ts\":\"2026-11-21T08:05:00Z\"}";
    private static final String WEBHOOK = "{\"v\":1,\"eventId\":\"C20261121-0001:DISPATCHED\","
            + "\"caseId\":\"C20261121-0001\",\"idempotencyKey\":\"gw-yx-001:river-level:1\","
            + "\"status\":\"DISPATCHED\",\"changedAt\":\"2026-11-21T08:05:00Z\"}";
    private static final String DEPLOY_INSTALL = "{\"v\":1,\"requestId\":\"ro-1a2b3c-1:1\","
            + "\"expiresAt\":\"2026-11-21T08:15:00Z\",\"args\":{"
            + "\"jobId\":\"ro-1a2b3c-1\",\"url\":\"https://packages.example/io.weir.gateway-1.1.0.dp\","
            + "\"sha256\":\"" + "ab".repeat(32) + "\",\"name\":\"io.weir.gateway\",\"version\":\"1.1.0\"}}";

    /** One valid example per schema; {@link #everySchemaInDocsSchemasHasAValidExampleHere} keeps it complete. */
    private static final Map<String, String> EXAMPLES = Map.of("state", BIRTH, "telemetry",
            TELEMETRY.replace("\"value\":12.4,", ""), "telemetry-compact", TELEMETRY_COMPACT, "alarm", ALARM,
            "event", EVENT, "cmd-alarm-ack", ALARM_ACK, "case-status-webhook", WEBHOOK, "cmd-deploy-install",
            DEPLOY_INSTALL);

    @Test
    void aCompactRowSaysWhyWhenItIsNotGoodAndABadOneHasNoValue() {
        assertThat(Schemas.validate("telemetry-compact", TELEMETRY_COMPACT.replace(",\"COMM_ERROR\"", "")))
                .as("a BAD row says why").isNotEmpty();
        assertThat(Schemas.validate("telemetry-compact", TELEMETRY_COMPACT.replace("[0,null,2", "[0,1.5,2")))
                .as("a BAD row has no value").isNotEmpty();
        assertThat(Schemas.validate("telemetry-compact", TELEMETRY_COMPACT.replace("[0,3.412,0]",
                "[0,3.412,0,\"STALE\"]"))).as("a GOOD row has no reason").isNotEmpty();
    }

    @Test
    void everySchemaInDocsSchemasHasAValidExampleHere() throws IOException {
        List<String> kinds;
        try (Stream<Path> files = Files.list(Schemas.directory())) {
            kinds = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .map(n -> n.substring(0, n.length() - ".schema.json".length())).sorted().toList();
        }
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(EXAMPLES.keySet());
        for (String kind : kinds) {
            assertThat(Schemas.validate(kind, EXAMPLES.get(kind))).as(kind).isEmpty();
        }
    }

    @Test
    void theNewSchemasRefuseWhatTheProtocolForbids() {
        assertThat(Schemas.validate("event", DEPLOY_EVENT)).isEmpty();
        assertThat(Schemas.validate("event", DEPLOY_EVENT.replace(",\"step\":\"SIGNATURE\"", "")))
                .as("a DEPLOY_FAILED names its step").isNotEmpty();
        assertThat(Schemas.validate("event", DEPLOY_EVENT.replace("\"jobId\":\"ro-1a2b3c-1\",", "")))
                .as("a deploy event names its job").isNotEmpty();
        assertThat(Schemas.validate("event", EVENT.replace("\"records\":1200", "\"records\":{\"n\":1}")))
                .as("details are scalars").isNotEmpty();
        assertThat(Schemas.validate("cmd-alarm-ack", ALARM_ACK.replace("DISPATCHED\",\"ts", "OPENED\",\"ts")))
                .isNotEmpty();
        assertThat(Schemas.validate("case-status-webhook", WEBHOOK.replace("\"v\":1", "\"v\":2"))).isNotEmpty();
        assertThat(Schemas.validate("cmd-alarm-ack", ALARM_ACK.replace("\"expiresAt\":\"2026-11-22T08:05:00Z\",",
                ""))).as("every command has an end").isNotEmpty();
        assertThat(Schemas.validate("cmd-deploy-install", DEPLOY_INSTALL.replace("https://", "http://")))
                .as("packages come over HTTPS").isNotEmpty();
        assertThat(Schemas.validate("cmd-deploy-install", DEPLOY_INSTALL.replace("ab".repeat(32), "AB".repeat(32))))
                .as("lower-case hex").isNotEmpty();
    }

    @Test
    void theStateExamplesOfTheProtocolAreValid() {
        assertThat(Schemas.validate("state", BIRTH)).isEmpty();
        assertThat(Schemas.validate("state",
                "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,\"reason\":\"connection-lost\"}")).isEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,"
                + "\"reason\":\"shutdown\",\"ts\":\"2026-11-21T09:00:00Z\"}")).isEmpty();
    }

    @Test
    void theAlarmExampleOfTheProtocolIsValidAndWindowsAreDurations() {
        assertThat(Schemas.validate("alarm", ALARM)).isEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"window\":\"PT1H\",\"alarmSeq\":1")))
                .isEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"window\":\"1 hour\",\"alarmSeq\":1")))
                .isNotEmpty();
    }

    @Test
    void theTelemetryExampleBreaksTheRuleThatABadReadingHasNoValue() {
        // docs/protocol.md's example gives its BAD reading a value although the text says the value is absent.
        assertThat(Schemas.validate("telemetry", TELEMETRY)).isNotEmpty();
        assertThat(Schemas.validate("telemetry", TELEMETRY.replace("\"value\":12.4,", ""))).isEmpty();
    }

    @Test
    void refusesWhatTheProtocolForbids() {
        assertThat(Schemas.validate("state", BIRTH.replace("\"v\":1", "\"v\":2"))).isNotEmpty();
        assertThat(Schemas.validate("state", BIRTH.replace("gw-yx-001", "gw/yx"))).isNotEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":false,"
                + "\"reason\":\"shutdown\"}")).as("a clean death carries ts").isNotEmpty();
        assertThat(Schemas.validate("state", "{\"v\":1,\"gatewayId\":\"gw-yx-001\",\"online\":true}"))
                .as("a birth carries ts, runtime, site and profiles").isNotEmpty();
        String noReason = TELEMETRY.replace("\"value\":12.4,", "").replace(",\"reason\":\"COMM_ERROR\"", "");
        assertThat(Schemas.validate("telemetry", noReason)).as("a BAD reading says why").isNotEmpty();
        assertThat(Schemas.validate("telemetry", TELEMETRY.replace("\"value\":3.412,", "")))
                .as("a GOOD reading has a value").isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"YELLOW\"", "\"PURPLE\""))).isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace("\"alarmSeq\":1", "\"alarmSeq\":0"))).isNotEmpty();
        assertThat(Schemas.validate("alarm", ALARM.replace(",\"longitude\":120.1551", "")))
                .as("a case needs the site's coordinates").isNotEmpty();
    }
}
